/**
 * One measurement of the scale benchmark, in its own process so peak RSS belongs to that
 * measurement alone. Prints one JSON line. Modes:
 *   build     fresh data folder → build and save the index
 *   ask       saved index → full `core.ask` and vector-search latencies over generated questions
 *   baseline  LangChain MemoryVectorStore over the same embedder: build, search latencies
 *   recall    HNSW top-10 against exact (brute-force) top-10
 *   refresh   saved index → add articles with 1 % more passages → `core.refresh` (extends the graph)
 */
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { createLexicon } from "../../src/lexicon/lexicon.js";
import { silentLogger } from "../../src/logging/logger.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { paragraphsOf } from "../../src/corpus/passages.js";
import { searchVectors } from "../../src/index/vector-store.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchQuestions } from "./bench-questions.js";
import { writeSyntheticCorpus } from "./synthetic-corpus.js";
import { median, percentile } from "./stats.js";

const mode = process.argv[2];
const questionCount = Number(process.env.BENCH_QUESTIONS ?? 200);
const config = loadCoreConfig({ ...process.env, LOG_LEVEL: "silent", INDEX_WATCH_INTERVAL_MS: "0" });
const embedder = new HashingEmbedder(config.embeddings.hashingDimensions);
// The lexicon the environment configures (the bundled list unless BUNDLED_LEXICON=false), as bootstrap loads it.
const lexicon = createLexicon({ dictionaryDir: config.dictionaryDir, bundled: config.bundledLexicon }, silentLogger);
const rssMb = () => process.resourceUsage().maxRSS / 1024;
const emit = (result: Record<string, number>) => process.stdout.write(JSON.stringify({ ...result, maxRssMb: rssMb() }) + "\n");

async function latencies(questions: string[], fn: (question: string) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (const question of questions.slice(0, 20)) await fn(question); // warm-up
  const times: number[] = [];
  for (const question of questions) {
    const started = performance.now();
    await fn(question);
    times.push(performance.now() - started);
  }
  return { p50: median(times), p99: percentile(times, 99) };
}

const questions = benchQuestions(questionCount, 99);

if (mode === "build") {
  const started = performance.now();
  const core = await Core.open({ config, embedder, lexicon });
  const ms = performance.now() - started;
  emit({ ms, passages: core.status().passages });
} else if (mode === "ask") {
  const core = await Core.open({ config, embedder, lexicon });
  const ask = await latencies(questions, (question) => core.ask(question, { platform: "test" }));
  const index = (core as unknown as { index: { vectors: Parameters<typeof searchVectors>[0] } }).index;
  const search = await latencies(questions, async (question) => searchVectors(index.vectors, await embedder.embedQuery(question), 10));
  emit({ askP50: ask.p50, askP99: ask.p99, searchP50: search.p50, searchP99: search.p99 });
} else if (mode === "baseline") {
  const texts = paragraphsOf(await loadCorpus(config.corpusDir)).map((paragraph) => paragraph.text);
  const started = performance.now();
  const store = await MemoryVectorStore.fromTexts(texts, {}, embedder);
  const buildMs = performance.now() - started;
  const search = await latencies(questions, async (question) => store.similaritySearchVectorWithScore(await embedder.embedQuery(question), 10));
  emit({ buildMs, searchP50: search.p50, searchP99: search.p99 });
} else if (mode === "recall") {
  // One build, several query beam widths: the recall/latency trade-off of HNSW_EF_SEARCH.
  const core = await Core.open({ config, embedder, lexicon });
  const index = (core as unknown as { index: { vectors: Parameters<typeof searchVectors>[0]; passages: { text: string }[] } }).index;
  const store = new MemoryVectorStore(embedder);
  const vectors = await embedder.embedDocuments(index.passages.map((passage) => passage.text));
  await store.addVectors(
    vectors,
    index.passages.map((_, position) => ({ pageContent: "", metadata: { position } })),
  );
  const queries = await Promise.all(questions.map((question) => embedder.embedQuery(question)));
  const exact = await Promise.all(
    queries.map(async (query) => (await store.similaritySearchVectorWithScore(query, 10)).map(([document]) => document.metadata.position as number)),
  );
  const result: Record<string, number> = {};
  for (const ef of (process.env.BENCH_EF_LIST ?? "64,128,256,512").split(",").map(Number)) {
    index.vectors.index.setEf(ef);
    let found = 0;
    const times: number[] = [];
    for (const [at, query] of queries.entries()) {
      const started = performance.now();
      const approximate = new Set((await searchVectors(index.vectors, query, 10)).map((hit) => hit.position));
      times.push(performance.now() - started);
      found += exact[at]!.filter((position) => approximate.has(position)).length;
    }
    result[`recall${ef}`] = found / (exact.length * 10);
    result[`p50${ef}`] = median(times);
  }
  emit(result);
} else if (mode === "refresh") {
  const core = await Core.open({ config, embedder, lexicon });
  const before = core.status().passages;
  // New articles under their own names, generated with another seed: 1 % more passages.
  const staging = await mkdtemp(path.join(tmpdir(), "nieuwsbot-extra-"));
  await writeSyntheticCorpus(staging, Math.max(1, Math.round(before / 100)), { seed: 4242, perDocument: 100 });
  for (const name of await readdir(staging)) await rename(path.join(staging, name), path.join(config.corpusDir, `extra-${name}`));
  await rm(staging, { recursive: true, force: true });
  const started = performance.now();
  const report = await core.refresh({ platform: "test" });
  emit({ ms: performance.now() - started, added: report.added, embedded: report.embedded, passages: report.passages });
} else {
  throw new Error(`unknown mode ${mode}`);
}
