import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { loadLlmConfig } from "../../src/config/llm-config.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { createGenerative, type GenerativeParts } from "../../src/generative/create-generative.js";
import type { ModelCallEvent } from "../../src/generative/structured-call.js";
import { createLogger } from "../../src/logging/logger.js";
import type { CoreFixture } from "../helpers/core-fixture.js";
import { isAnswerCall, isRewriteCall, type FakeChatCall, type FakeLlmServer, type FakeReply, type FakeScript } from "../fakes/llm-servers.js";

/** A key-shaped string, to prove keys never reach the logs. */
export const testApiKey = "sk-test-0123456789abcdefSECRET";

/** The variables that point the bot at a fake server (fast, no retries, no cool-down). */
export function envFor(
  server: FakeLlmServer | { provider: "openai" | "ollama"; baseUrl: string },
  overrides: Record<string, string> = {},
): Record<string, string> {
  const endpoint: Record<string, string> =
    server.provider === "openai"
      ? { OPENAI_API_KEY: testApiKey, OPENAI_BASE_URL: server.baseUrl, LLM_MODEL: "gpt-4o-mini" }
      : { OLLAMA_BASE_URL: server.baseUrl, LLM_MODEL: "llama3.1:8b" };
  return { LLM_PROVIDER: server.provider, ...endpoint, LLM_TIMEOUT_MS: "800", LLM_MAX_RETRIES: "0", LLM_COOLDOWN_MS: "0", ...overrides };
}

export interface GenerativeCore {
  core: Core;
  parts: GenerativeParts;
  /** Every log line written (debug and up), already scrubbed like production logs. */
  logs: string[];
  modelCalls: ModelCallEvent[];
}

/** A real Core on the fixture's corpus copy, with the generative answerer and rewriter wired in. */
export async function openGenerativeCore(
  fixture: CoreFixture,
  server: FakeLlmServer | { provider: "openai" | "ollama"; baseUrl: string },
  overrides: Record<string, string> = {},
  now?: () => number,
): Promise<GenerativeCore> {
  const llm = loadLlmConfig(envFor(server, overrides));
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", secrets: llm.secrets, write: (line) => logs.push(line) });
  const modelCalls: ModelCallEvent[] = [];
  const parts = createGenerative(llm, { logger, maxQueryLength: fixture.config.maxQuestionLength, onModelCall: (event) => modelCalls.push(event), now });
  if (!parts) throw new Error("LLM_PROVIDER is none");
  const core = await Core.open({
    config: fixture.config,
    embedder: new HashingEmbedder(fixture.config.embeddings.hashingDimensions),
    answerer: parts.answerer,
    rewriter: parts.rewriter,
  });
  return { core, parts, logs, modelCalls };
}

/** A script that answers rewrite and answer requests differently (each falls back to a 500). */
export function byKind(replies: { rewrite?: FakeScript; answer?: FakeScript }): (call: FakeChatCall) => FakeReply {
  const run = (script: FakeScript | undefined, call: FakeChatCall): FakeReply =>
    script === undefined ? { status: 500, message: "unexpected call" } : typeof script === "function" ? script(call) : script;
  return (call) => (isRewriteCall(call) ? run(replies.rewrite, call) : isAnswerCall(call) ? run(replies.answer, call) : { status: 400 });
}
