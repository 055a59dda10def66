import type { NieuwsbotCore } from "../../src/port/types.js";
import { contentTerms } from "../../src/text/tokenize.js";
import type { EvalQuestion } from "./eval-set.js";
import { computeMetrics, type EvalMetrics, type EvalRow } from "./metrics.js";

/** Runs every question through the core, in order. */
export async function evaluate(core: NieuwsbotCore, questions: EvalQuestion[]): Promise<EvalRow[]> {
  const rows: EvalRow[] = [];
  for (const question of questions) rows.push({ question, answer: await core.ask(question.question, { platform: "cli" }) });
  return rows;
}

/** The groups the targets are stated for, each with the question filter that defines it. */
export const targetGroups: { name: string; select: (question: EvalQuestion, shared: (question: EvalQuestion) => boolean) => boolean }[] = [
  { name: "Dutch, article's words", select: (q) => q.language === "nl" && q.kind === "words" },
  { name: "Dutch, other words", select: (q) => q.language === "nl" && q.kind === "other-words" },
  { name: "English", select: (q) => q.language === "en" && q.paragraph !== null },
  { name: "English, no word shared", select: (q, shared) => q.language === "en" && q.paragraph !== null && !shared(q) },
  { name: "off-topic", select: (q) => q.kind === "off-topic" },
  { name: "near-topic", select: (q) => q.kind === "near-topic" },
];

export type SharedWords = (question: EvalQuestion) => boolean;

/** Whether a question shares a content word (same Dutch stem) with the article text. */
export function sharesWordWith(text: string): SharedWords {
  const article = new Set(contentTerms(text));
  return (question) => contentTerms(question.question).some((term) => article.has(term));
}

export function groupMetrics(rows: EvalRow[], split: "dev" | "test" | "all", shared: (question: EvalQuestion) => boolean): [string, EvalMetrics][] {
  const inSplit = rows.filter((row) => split === "all" || row.question.split === split);
  return targetGroups.map(({ name, select }) => [name, computeMetrics(inSplit.filter((row) => select(row.question, shared)))]);
}

export function percent(value: number): string {
  return Number.isNaN(value) ? "–" : `${(value * 100).toFixed(0)} %`;
}

export function metricsTable(groups: [string, EvalMetrics][]): string {
  const header = "| group | n | right paragraph | key fact in answer | refused (answerable) | refused (should be) | language of the reply |";
  const line = "|---|---|---|---|---|---|---|";
  const body = groups.map(
    ([name, m]) =>
      `| ${name} | ${m.count} | ${percent(m.hitAt1)} | ${percent(m.keyInAnswer)} | ${m.answerable ? m.wronglyAbstained : "–"} | ${percent(m.abstentionRecall)} | ${percent(m.languageCorrect)} |`,
  );
  return [header, line, ...body].join("\n");
}
