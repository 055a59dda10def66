import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MemoryVectorStore } from "@langchain/classic/vectorstores/memory";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { loadCorpus } from "../../src/corpus/load-corpus.js";
import { toPassages } from "../../src/corpus/passages.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { buildIndex } from "../../src/index/build-index.js";
import { calibrateIndex } from "../../src/calibration/calibrate.js";
import { createLexicon, namesOnly } from "../../src/lexicon/lexicon.js";
import { silentLogger } from "../../src/logging/logger.js";
import type { UncalibratedIndex } from "../../src/index/corpus-index.js";
import { searchVectors } from "../../src/index/vector-store.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { readEvalSet } from "../eval/eval-set.js";
import { formatMs, formatRatio, median, percentile, timeRuns } from "./stats.js";

/**
 * Part of `npm run bench`: latency, build time, start-up and memory of the bot on the shipped article, each
 * next to a plain LangChain `MemoryVectorStore` (brute-force cosine) over the same embedder, in
 * the same run. Prints a Markdown table; figures are medians / percentiles of repeated runs.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);

export async function runArticleBench(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-bench-"));
  const corpusDir = path.join(dir, "corpus");
  const dataDir = path.join(dir, "data");
  await cp(path.join(root, "corpus"), corpusDir, { recursive: true });
  // The offline default: hashing embedder, CLDR names and the bundled word list, no installed dictionary.
  const env = { DATA_DIR: dataDir, CORPUS_DIR: corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "silent", DICTIONARY_DIR: "off" };
  const config = loadCoreConfig(env);
  const embedder = new HashingEmbedder(config.embeddings.hashingDimensions);
  const documents = await loadCorpus(corpusDir);
  const passages = toPassages(documents);
  const texts = passages.map((passage) => passage.text);
  const questions = readEvalSet().map((question) => question.question);
  const rows: string[][] = [];
  const row = (what: string, ours: number[], baseline: number[], unit: (value: number) => string = formatMs) =>
    rows.push([what, unit(median(ours)), unit(median(baseline)), formatRatio(median(ours), median(baseline))]);

  // Index build: HNSW + BM25 (ours) vs MemoryVectorStore.fromTexts (baseline), same embedder.
  let version = 1;
  const lexicon = createLexicon({ dictionaryDir: undefined, bundled: true }, silentLogger);
  const calibrate = (index: UncalibratedIndex) => calibrateIndex(index, embedder, config.retrieval, lexicon);
  const build = await timeRuns(rounds, () => buildIndex({ documents, embedder, hnsw: config.hnsw, version: version++, calibrate }));
  const baselineBuild = await timeRuns(rounds, () => MemoryVectorStore.fromTexts(texts, {}, embedder));
  row("index build (4 passages)", build, baselineBuild);

  // Ask latency over the eval questions.
  const core = await Core.open({ config, embedder, lexicon });
  // The same questions with CLDR names only, in the same run: what the bundled word list costs.
  const namesCore = await Core.open({ config: loadCoreConfig({ ...env, DATA_DIR: path.join(dir, "data-names") }), embedder, lexicon: namesOnly });
  const store = await MemoryVectorStore.fromTexts(texts, {}, embedder);
  const index = await buildIndex({ documents, embedder, hnsw: config.hnsw, version: 1, calibrate });
  // A question asked for the first time: warm up on half the questions, then time the other half once
  // each. The rounds below repeat questions, which the per-text memos make cheaper than a new one.
  const seenFirst = questions.filter((_, at) => at % 2 === 0);
  const unseen = questions.filter((_, at) => at % 2 === 1);
  // Several passes, so the JIT has settled as in a bot that has been running a while.
  for (let pass = 0; pass < 5; pass += 1) for (const question of seenFirst) await core.ask(question, { platform: "test" });
  const firstAsk: number[] = [];
  for (const question of unseen) firstAsk.push(...(await timeRuns(1, () => core.ask(question, { platform: "test" }))));
  for (const question of questions) await namesCore.ask(question, { platform: "test" });
  const ask: number[] = [];
  const askNames: number[] = [];
  const search: number[] = [];
  const baselineSearch: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const question of questions) {
      ask.push(...(await timeRuns(1, () => core.ask(question, { platform: "test" }))));
      askNames.push(...(await timeRuns(1, () => namesCore.ask(question, { platform: "test" }))));
      search.push(...(await timeRuns(1, async () => searchVectors(index.vectors, await embedder.embedQuery(question), 4))));
      baselineSearch.push(...(await timeRuns(1, () => store.similaritySearchWithScore(question, 4))));
    }
  }
  rows.push([
    "ask p50 (full answer vs baseline search)",
    formatMs(median(ask)),
    formatMs(median(baselineSearch)),
    formatRatio(median(ask), median(baselineSearch)),
  ]);
  rows.push([
    "ask p99 (full answer vs baseline search)",
    formatMs(percentile(ask, 99)),
    formatMs(percentile(baselineSearch, 99)),
    formatRatio(percentile(ask, 99), percentile(baselineSearch, 99)),
  ]);
  rows.push([
    `ask p50 / p99, first time a question is asked (${unseen.length} questions, once each)`,
    `${formatMs(median(firstAsk))} / ${formatMs(percentile(firstAsk, 99))}`,
    "–",
    "–",
  ]);
  row("vector search only, p50 (embed + k=4)", search, baselineSearch);
  row("ask p50, bundled word list vs CLDR names only", ask, askNames);
  await namesCore.close();

  // Cold start to first answer, in child processes (module loading included).
  const probe = (mode: string) => {
    // The probe imports the compiled core from dist/ (what `npm start` runs), not the TypeScript sources.
    const output = execFileSync(process.execPath, [path.join(root, "test/bench/startup-probe.mjs"), mode], {
      env: { ...process.env, ...env },
      encoding: "utf8",
    });
    return JSON.parse(output.trim().split("\n").at(-1)!) as { ms: number; maxRssMb: number };
  };
  const probes = Math.max(3, Math.round(rounds / 4));
  const ours = Array.from({ length: probes }, () => probe("ours"));
  const baseline = Array.from({ length: probes }, () => probe("baseline"));
  row(
    "start-up to first answer (saved index vs re-embed)",
    ours.map((p) => p.ms),
    baseline.map((p) => p.ms),
  );
  row(
    "peak RSS of that process",
    ours.map((p) => p.maxRssMb),
    baseline.map((p) => p.maxRssMb),
    (mb) => `${mb.toFixed(0)} MB`,
  );

  // Refresh (issue 5 targets): re-embedded passages and duration.
  const refreshUnchanged = await timeRuns(Math.min(rounds, 10), () => core.refresh({ platform: "test" }));
  const unchangedReport = await core.refresh({ platform: "test" });
  const articleFile = path.join(corpusDir, documents[0]!.file);
  const original = await readFile(articleFile, "utf8");
  await writeFile(articleFile, original.replace("Niet alleen de Amerikanen", "Niet enkel de Amerikanen"));
  const editReport = await core.refresh({ platform: "test" });
  await writeFile(articleFile, original);
  await core.close();
  const coldRuns: number[] = [];
  for (let run = 0; run < Math.min(rounds, 10); run += 1) {
    const coldDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-cold-"));
    const cold = await Core.open({ config: loadCoreConfig({ ...env, DATA_DIR: coldDir }), embedder: new HashingEmbedder(config.embeddings.hashingDimensions) });
    // Remove the cache so the refresh embeds everything, like a first ingest.
    await rm(path.join(coldDir, "embeddings"), { recursive: true, force: true });
    coldRuns.push(...(await timeRuns(1, () => cold.refresh({ platform: "test" }))));
    await cold.close();
    await rm(coldDir, { recursive: true, force: true });
  }
  rows.push(["refresh, article unchanged (re-embedded passages)", `${formatMs(median(refreshUnchanged))} (${unchangedReport.embedded})`, "–", "–"]);
  rows.push(["refresh, one paragraph edited (re-embedded passages)", `${formatMs(editReport.durationMs)} (${editReport.embedded})`, "–", "–"]);
  rows.push(["full refresh of the shipped corpus, cold cache", formatMs(median(coldRuns)), "–", "–"]);

  await rm(dir, { recursive: true, force: true });
  return [
    `Article benchmark — ${passages.length} passages, ${questions.length} questions × ${rounds} rounds, embedder ${embedder.id}, node ${process.version}`,
    "",
    "| measure | nieuwsbot (HNSW + BM25) | baseline (MemoryVectorStore) | baseline ÷ ours |",
    "|---|---|---|---|",
    ...rows.map((cells) => `| ${cells.join(" | ")} |`),
    "",
    "Ratios above 1× mean nieuwsbot is faster/smaller. The full ask includes BM25, fusion, re-ranking and sentence selection; the baseline only searches.",
  ].join("\n");
}
