import { bootstrap } from "../../src/bootstrap.js";
import type { NieuwsbotCore } from "../../src/core/types.js";
import { readEvalSet, type EvalQuestion } from "./eval-set.js";
import { computeMetrics, type EvalMetrics, type EvalRow } from "./metrics.js";

/**
 * `npm run eval`: runs every question of the eval set through the core and prints hit@1, MRR,
 * key-phrase-in-answer and abstention precision/recall per split and language.
 * `--verbose` lists every miss.
 */
export async function evaluate(core: NieuwsbotCore, questions: EvalQuestion[]): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const question of questions) rows.push({ question, answer: await core.ask(question.question, { platform: "cli" }) });
  return rows;
}

function percent(value: number): string {
  return Number.isNaN(value) ? "–" : `${(value * 100).toFixed(0)} %`;
}

function table(groups: [string, EvalMetrics][]): string {
  const header = "| group | n | answerable | hit@1 | MRR | key in answer | language | abstain precision | abstain recall | wrongly abstained |";
  const line = "|---|---|---|---|---|---|---|---|---|---|";
  const body = groups.map(
    ([name, m]) =>
      `| ${name} | ${m.count} | ${m.answerable} | ${percent(m.hitAt1)} | ${Number.isNaN(m.mrr) ? "–" : m.mrr.toFixed(2)} | ${percent(m.keyInAnswer)} | ${percent(m.languageCorrect)} | ${percent(m.abstentionPrecision)} | ${percent(m.abstentionRecall)} | ${m.wronglyAbstained} |`,
  );
  return [header, line, ...body].join("\n");
}

async function main(): Promise<void> {
  const verbose = process.argv.includes("--verbose");
  const { core } = await bootstrap();
  const rows = await evaluate(core, readEvalSet());
  const groups: [string, EvalMetrics][] = [];
  for (const split of ["dev", "test", "all"] as const) {
    for (const language of ["nl", "en", "all"] as const) {
      const selected = rows.filter(
        (row) => (split === "all" || row.question.split === split) && (language === "all" || row.question.language === language),
      );
      if (selected.length > 0) groups.push([`${split} / ${language}`, computeMetrics(selected)]);
    }
  }
  console.log(`Embedder: ${core.status().embedder.id}\n`);
  console.log(table(groups));
  if (verbose) {
    for (const { question, answer } of rows) {
      const cited = answer.citations.map((citation) => citation.paragraph).join(",") || "-";
      const ok = question.paragraph === null ? answer.abstained : answer.citations[0]?.paragraph === question.paragraph;
      if (!ok || verbose) console.log(`${ok ? "  " : "✗ "}${question.id} [${question.split}/${question.language}] want ${question.paragraph ?? "abstain"} got ${cited} (${answer.citations[0]?.score ?? "-"}) ${question.question}\n     → ${answer.text.slice(0, 160)}`);
    }
  }
  await core.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
