import type { Answer } from "../../src/port/types.js";
import { coreFixture } from "../helpers/core-fixture.js";
import { echoModel, type FakeLlmServer } from "../fakes/llm-servers.js";
import { openGenerativeCore } from "./generative-fixture.js";

export interface OverheadOptions {
  /** A fake OpenAI-compatible or Ollama server; its scripts are restored afterwards. */
  server: FakeLlmServer;
  /** Asked in turn; standalone Dutch by default (one model call per question, no rewrite). */
  questions?: readonly string[];
  /** Timed asks (after one warm-up). Default 20. */
  runs?: number;
  /** Simulated model latency per call, to check the subtraction; default 0. */
  modelDelayMs?: number;
}

export interface OverheadResult {
  /** Median of (core.ask time − time inside model calls), in ms: what the generative mode adds around the model. */
  p50Ms: number;
  askP50Ms: number;
  modelP50Ms: number;
  samples: number[];
  /** Answers whose mode was generative (the rest abstained or fell back). */
  generative: number;
}

const defaultQuestions = [
  "Welk luchtafweersysteem levert Duitsland?",
  "Welke systemen leverde Washington aan Kiev?",
  "Met welke premiers sprak Zelenski maandagavond?",
  "Wat beloofde Joe Biden in het telefoongesprek?",
];

/**
 * Measures the generative pipeline's own cost: for each question the wall time of `core.ask`
 * minus the time spent inside model calls (measured around the LangChain client call, so HTTP to
 * the fake and client-side parsing count as model time). What remains is retrieval, prompt
 * building, verification and fallback logic. Uses a real Core on a temp copy of the corpus.
 */
export async function measureGenerativeOverhead(options: OverheadOptions): Promise<OverheadResult> {
  const { server } = options;
  const questions = options.questions ?? defaultQuestions;
  const runs = options.runs ?? 20;
  const delay = options.modelDelayMs ?? 0;
  const previousFallback = server.fallback;
  server.fallback = delay > 0 ? (call) => ({ delayMs: delay, then: echoModel(call) }) : echoModel;
  const fixture = await coreFixture();
  const generative = await openGenerativeCore(fixture, server, { LLM_TIMEOUT_MS: String(Math.max(10_000, delay * 4)) });
  try {
    const ask = (index: number): Promise<Answer> => generative.core.ask(questions[index % questions.length]!, { platform: "test" });
    await ask(0);
    const samples: number[] = [];
    const askMs: number[] = [];
    const modelMs: number[] = [];
    let generativeAnswers = 0;
    for (let run = 0; run < runs; run += 1) {
      const before = generative.modelCalls.length;
      const started = performance.now();
      const answer = await ask(run);
      const total = performance.now() - started;
      const inModel = generative.modelCalls.slice(before).reduce((sum, call) => sum + call.ms, 0);
      if (answer.mode === "generative") generativeAnswers += 1;
      samples.push(total - inModel);
      askMs.push(total);
      modelMs.push(inModel);
    }
    return { p50Ms: median(samples), askP50Ms: median(askMs), modelP50Ms: median(modelMs), samples, generative: generativeAnswers };
  } finally {
    server.fallback = previousFallback;
    await generative.core.close();
    await fixture.cleanup();
  }
}

function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}
