/**
 * Child process of the benchmark: starts cold, answers one question, and prints how long that took
 * since the process started (module loading included) and its peak RSS, as one JSON line.
 * `ours` opens the saved index; `baseline` must re-embed into a MemoryVectorStore (it cannot persist).
 */
import { loadCoreConfig } from "../../src/config/core-config.js";

const mode = process.argv[2];
const question = "Welk luchtafweersysteem levert Duitsland?";
const config = loadCoreConfig();

if (mode === "ours") {
  const { Core } = await import("../../src/core/nieuwsbot-core.js");
  const { HashingEmbedder } = await import("../../embeddings/hashing-embeddings.js");
  const core = await Core.open({ config, embedder: new HashingEmbedder(config.embeddings.hashingDimensions) });
  const answer = await core.ask(question, { platform: "test" });
  if (answer.citations[0]?.paragraph !== 3) throw new Error("wrong answer in start-up probe");
} else {
  const { MemoryVectorStore } = await import("@langchain/classic/vectorstores/memory");
  const { HashingEmbedder } = await import("../../embeddings/hashing-embeddings.js");
  const { loadCorpus } = await import("../../src/corpus/load-corpus.js");
  const { toPassages } = await import("../../src/corpus/passages.js");
  const passages = toPassages(await loadCorpus(config.corpusDir));
  const store = await MemoryVectorStore.fromTexts(passages.map((p) => p.text), passages.map((p) => ({ paragraph: p.paragraph })), new HashingEmbedder(config.embeddings.hashingDimensions));
  const [[document]] = [await store.similaritySearchWithScore(question, 1)];
  if (document?.[0].metadata.paragraph !== 3) throw new Error("wrong answer in baseline probe");
}
process.stdout.write(JSON.stringify({ ms: performance.now(), maxRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
