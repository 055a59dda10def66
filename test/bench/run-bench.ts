import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runAdapterBench } from "./adapter-bench.js";
import { runArticleBench } from "./article-bench.js";
import { runScaleBench } from "./scale-bench.js";
import { runGenerativeOverheadBench } from "./generative-overhead-bench.js";
import { runSharedBench } from "./shared-bench.js";

/**
 * `npm run bench`: every benchmark in one run, printed as Markdown and saved to
 * `test/bench/results/latest.md`. `BENCH_ONLY=article,scale` picks sections (the other sections of
 * `latest.md` are kept from their last run, each dated); `BENCH_SIZES` and `BENCH_ROUNDS` shorten a run.
 */
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
const latest = path.join(resultsDir, "latest.md");
const sections: Record<string, () => Promise<string>> = {
  article: runArticleBench,
  adapter: () => runAdapterBench(),
  generative: runGenerativeOverheadBench,
  scale: runScaleBench,
  shared: runSharedBench,
};
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const unknown = only?.filter((name) => !(name in sections)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY: no section ${unknown.join(", ")} (there are ${Object.keys(sections).join(", ")})`);
// A partial run replaces its own sections and keeps the others' last results.
const kept = only ? splitSections(await readFile(latest, "utf8").catch(() => "")) : new Map<string, string>();
for (const [name, run] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  const markdown = await run();
  console.log(markdown + "\n");
  kept.set(name, `## ${name}\n\n_Run ${new Date().toISOString()}._\n\n${markdown.trimEnd()}\n`);
}
const ordered = [...Object.keys(sections), ...kept.keys()].filter((name, index, all) => kept.has(name) && all.indexOf(name) === index);
await mkdir(resultsDir, { recursive: true });
await writeFile(latest, `# npm run bench — ${new Date().toISOString()}\n\n${ordered.map((name) => kept.get(name)!).join("\n")}`);

/** The `## name` sections of a results file, each with its heading. */
function splitSections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(/^(?=## )/m).filter((part) => part.startsWith("## "));
  for (const part of parts) found.set(/^## (\S+)/.exec(part)![1]!, part.trimEnd() + "\n");
  return found;
}
