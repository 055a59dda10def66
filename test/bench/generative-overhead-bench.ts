import { startFakeOllama, startFakeOpenAi } from "../fakes/llm-servers.js";
import { measureGenerativeOverhead } from "../generative/overhead.js";
import { formatMs } from "./stats.js";

/** What the generative mode adds around one model call (retrieval, prompt, verification), per client. */
export async function runGenerativeOverheadBench(runs = Number(process.env.BENCH_GENERATIVE_RUNS ?? 40)): Promise<string> {
  const rows: string[] = [];
  for (const [name, start] of [
    ["OpenAI-compatible (ChatOpenAI)", startFakeOpenAi],
    ["Ollama (ChatOllama)", startFakeOllama],
  ] as const) {
    const server = await start();
    try {
      const result = await measureGenerativeOverhead({ server, runs });
      rows.push(
        `| ${name} | ${result.samples.length} | ${formatMs(result.p50Ms)} | ${formatMs(result.askP50Ms)} | ${formatMs(result.modelP50Ms)} | ${result.generative} |`,
      );
    } finally {
      await server.close();
    }
  }
  return [
    "Generative mode against fake model servers on loopback (model time = time inside the LangChain client call)",
    "",
    "| client | asks | overhead p50 (ask − model) | ask p50 | model p50 | generative answers |",
    "|---|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
