import { bootstrap } from "../../src/bootstrap.js";
import { articleText } from "./article-text.js";
import { readEvalSet } from "./eval-set.js";
import { evaluate, groupMetrics, metricsTable, percent, sharesWordWith } from "./eval-groups.js";

/**
 * `npm run eval`: runs every question of the eval set through the core and prints, per split, the
 * figures the project's targets are stated in (right paragraph, key fact in the answer sentence,
 * refusals) for each kind of question. `--verbose` lists every miss.
 */
async function main(): Promise<void> {
  const verbose = process.argv.includes("--verbose");
  if (process.argv.includes("--calibrate")) return calibrate();
  const { core } = await bootstrap();
  const questions = readEvalSet();
  const rows = await evaluate(core, questions);
  const status = core.status();
  const shared = sharesWordWith(articleText());
  console.log(`Embedder: ${status.embedder.id}; threshold ${status.calibration.threshold.toFixed(3)} (calibrated on ${status.calibration.nullQuestions.count} off-topic questions)\n`);
  for (const split of ["dev", "test", "all"] as const) {
    console.log(`### ${split}\n\n${metricsTable(groupMetrics(rows, split, shared))}\n`);
  }
  for (const { question, answer } of rows) {
    const cited = answer.citations.map((citation) => citation.paragraph).join(",") || "-";
    const ok = question.paragraph === null ? answer.abstained : answer.citations[0]?.paragraph === question.paragraph;
    if (verbose && !ok) {
      console.log(`✗ ${question.id} [${question.split}/${question.language}/${question.kind}] want ${question.paragraph ?? "refusal"} got ${cited} (${answer.citations[0]?.score ?? "-"}) ${question.question}\n     → ${answer.text.slice(0, 160)}`);
    }
  }
  await core.close();
}

/**
 * `npm run eval -- --calibrate`: how the relevance constants were set. A coordinate search over
 * `grid` (tune-relevance.ts) on the dev split only, with the offline hashing embedder and the names
 * lexicon, then the chosen constants' figures on dev and test. The abstention threshold itself is
 * not among them: every index measures its own (`src/calibration/`).
 */
async function calibrate(): Promise<void> {
  const { tune, scoreModel } = await import("./tune-relevance.js");
  const { HashingEmbedder } = await import("../../embeddings/hashing-embeddings.js");
  const { namesOnly } = await import("../../src/lexicon/lexicon.js");
  const questions = readEvalSet();
  const shared = sharesWordWith(articleText());
  const embedder = new HashingEmbedder();
  const chosen = await tune(questions.filter((question) => question.split === "dev"), embedder, namesOnly, shared, (line) => console.log(line));
  for (const split of ["dev", "test"] as const) {
    const scores = await scoreModel(chosen, questions.filter((question) => question.split === split), embedder, namesOnly, shared);
    console.log(`${split}: ${Object.entries(scores).map(([name, score]) => `${name} ${percent(score)}`).join(", ")}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
