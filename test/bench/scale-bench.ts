import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { formatMs } from "./stats.js";
import { lineChart } from "./svg-chart.js";
import { writeSyntheticCorpus } from "./synthetic-corpus.js";

/**
 * Corpus-size benchmark: synthetic Dutch corpora of 1k, 10k and 100k passages (seeded), the offline
 * hashing embedder, each figure next to a LangChain MemoryVectorStore (brute force) over the same
 * embedder. Every measurement runs in its own process. Writes `test/bench/results/scale.md` and
 * `scale.svg`. Sizes: `BENCH_SIZES=1000,10000` to shorten a run.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const resultsDir = path.join(root, "test", "bench", "results");
const sizes = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);

interface Row {
  size: number;
  buildMs: number;
  passagesPerSecond: number;
  diskMb: number;
  startMs: number;
  askP50: number;
  askP99: number;
  searchP50: number;
  searchP99: number;
  rssMb: number;
  baselineBuildMs: number;
  baselineP50: number;
  baselineP99: number;
  baselineRssMb: number;
  recallAt10?: number;
  /** `core.refresh` after adding 1 % more passages (the live graph is extended, not rebuilt). */
  refreshMs: number;
  /** ef → [recall@10, search p50 ms], at the largest size. */
  efSweep?: Array<[number, number, number]>;
}

function probe(mode: string, env: Record<string, string>): Record<string, number> {
  const output = execFileSync(process.execPath, ["--import", "tsx", path.join(root, "test/bench/scale-probe.ts"), mode], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output.trim().split("\n").at(-1)!) as Record<string, number>;
}

async function directorySize(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export async function runScaleBench(): Promise<string> {
  const hnsw = loadCoreConfig({}).hnsw;
  const rows: Row[] = [];
  for (const size of sizes) {
    const dir = await mkdtemp(path.join(tmpdir(), `nieuwsbot-scale-${size}-`));
    try {
      // The offline default (BUNDLED_LEXICON as set, no installed dictionary).
      const env = { CORPUS_DIR: path.join(dir, "corpus"), DATA_DIR: path.join(dir, "data"), EMBEDDINGS_PROVIDER: "hashing", DICTIONARY_DIR: "off" };
      await writeSyntheticCorpus(env.CORPUS_DIR, size, { seed: 42, perDocument: 100 });
      process.stderr.write(`scale ${size}: building…\n`);
      const build = probe("build", env);
      // Start-up is measured on the compiled build, like `npm start` runs it.
      const start = JSON.parse(
        execFileSync(process.execPath, [path.join(root, "test/bench/startup-probe.mjs"), "ours", "any-answer"], {
          env: { ...process.env, ...env, INDEX_WATCH_INTERVAL_MS: "0" },
          encoding: "utf8",
        })
          .trim()
          .split("\n")
          .at(-1)!,
      ) as Record<string, number>;
      const ask = probe("ask", env);
      process.stderr.write(`scale ${size}: baseline…\n`);
      const baseline = probe("baseline", env);
      const sweep = size === Math.max(...sizes) ? probe("recall", env) : undefined;
      const efSweep = sweep
        ? Object.keys(sweep)
            .filter((key) => key.startsWith("recall"))
            .map((key) => Number(key.slice(6)))
            .map((ef): [number, number, number] => [ef, sweep[`recall${ef}`]!, sweep[`p50${ef}`]!])
        : undefined;
      const diskBytes = await directorySize(path.join(env.DATA_DIR, "index"));
      // Last: it adds to the corpus and saves a second version.
      const refresh = probe("refresh", env);
      rows.push({
        size,
        buildMs: build.ms!,
        passagesPerSecond: (size / build.ms!) * 1000,
        diskMb: diskBytes / 1e6,
        startMs: start.ms!,
        askP50: ask.askP50!,
        askP99: ask.askP99!,
        searchP50: ask.searchP50!,
        searchP99: ask.searchP99!,
        rssMb: ask.maxRssMb!,
        baselineBuildMs: baseline.buildMs!,
        baselineP50: baseline.searchP50!,
        baselineP99: baseline.searchP99!,
        baselineRssMb: baseline.maxRssMb!,
        recallAt10: efSweep?.find(([ef]) => ef === hnsw.efSearch)?.[1],
        refreshMs: refresh.ms!,
        efSweep,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const lines = [
    `Corpus-size benchmark — hashing embedder (512 dims), HNSW M=${hnsw.m} efConstruction=${hnsw.efConstruction} efSearch=${hnsw.efSearch}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
    "",
    "| passages | build | passages/s | refresh +1 % | index on disk | start-up to first answer | ask p50 / p99 (full) | vector search p50 / p99 | baseline search p50 / p99 | search speed-up p50 / p99 | peak RSS (ours / baseline) | recall@10 |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ...rows.map((row) =>
      [
        row.size.toLocaleString("en"),
        formatMs(row.buildMs),
        row.passagesPerSecond.toFixed(0),
        `${formatMs(row.refreshMs)} (${(row.buildMs / row.refreshMs).toFixed(1)}× less)`,
        `${row.diskMb.toFixed(1)} MB`,
        formatMs(row.startMs),
        `${formatMs(row.askP50)} / ${formatMs(row.askP99)}`,
        `${formatMs(row.searchP50)} / ${formatMs(row.searchP99)}`,
        `${formatMs(row.baselineP50)} / ${formatMs(row.baselineP99)}`,
        `${(row.baselineP50 / row.searchP50).toFixed(1)}× / ${(row.baselineP99 / row.searchP99).toFixed(1)}×`,
        `${row.rssMb.toFixed(0)} / ${row.baselineRssMb.toFixed(0)} MB`,
        row.recallAt10 === undefined ? "–" : row.recallAt10.toFixed(3),
      ]
        .join(" | ")
        .replace(/^/, "| ")
        .concat(" |"),
    ),
    "",
    "Baseline build (MemoryVectorStore.fromTexts, embedding included): " +
      rows.map((row) => `${row.size.toLocaleString("en")}: ${formatMs(row.baselineBuildMs)}`).join(", "),
    "",
    ...rows
      .filter((row) => row.efSweep)
      .flatMap((row) => [
        `HNSW query beam width (HNSW_EF_SEARCH) at ${row.size.toLocaleString("en")} passages — recall@10 against exact search, vector search p50:`,
        "",
        "| ef | recall@10 | search p50 |",
        "|---|---|---|",
        ...row.efSweep!.map(([ef, recall, p50]) => `| ${ef}${ef === hnsw.efSearch ? " (default)" : ""} | ${recall.toFixed(3)} | ${formatMs(p50)} |`),
      ]),
  ];
  const markdown = lines.join("\n");
  const svg = lineChart({
    title: "Nieuwsbot vs brute force, by corpus size (log–log)",
    xLabel: "passages",
    yLabel: "time",
    series: [
      { name: "ask p99, full answer (HNSW + BM25)", color: "#1f77b4", points: rows.map((row) => ({ x: row.size, y: row.askP99 })) },
      { name: "vector search p99, HNSW", color: "#2ca02c", points: rows.map((row) => ({ x: row.size, y: row.searchP99 })) },
      { name: "vector search p99, MemoryVectorStore", color: "#d62728", points: rows.map((row) => ({ x: row.size, y: row.baselineP99 })) },
      { name: "index build, HNSW + BM25", color: "#9467bd", points: rows.map((row) => ({ x: row.size, y: row.buildMs })) },
    ],
  });
  await mkdir(resultsDir, { recursive: true });
  await writeFile(path.join(resultsDir, "scale.md"), markdown + "\n");
  await writeFile(path.join(resultsDir, "scale.svg"), svg + "\n");
  return markdown;
}
