import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runAdapterBench } from "./adapter-bench.js";
import { runArticleBench } from "./article-bench.js";
import { runScaleBench } from "./scale-bench.js";
import { runGenerativeOverheadBench } from "./generative-overhead-bench.js";

/**
 * `npm run bench`: every benchmark in one run, printed as Markdown and saved to
 * `test/bench/results/latest.md`. `BENCH_ONLY=article,scale` picks sections; `BENCH_SIZES` and
 * `BENCH_ROUNDS` shorten a run.
 */
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
const sections: Record<string, () => Promise<string>> = {
  article: runArticleBench,
  adapter: () => runAdapterBench(),
  generative: runGenerativeOverheadBench,
  scale: runScaleBench,
};
const only = process.env.BENCH_ONLY?.split(",");
const parts: string[] = [];
for (const [name, run] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const markdown = await run();
  console.log(markdown + "\n");
  parts.push(`## ${name}\n\n${markdown}\n`);
}
await mkdir(resultsDir, { recursive: true });
await writeFile(path.join(resultsDir, "latest.md"), `# npm run bench — ${new Date().toISOString()}\n\n${parts.join("\n")}`);
