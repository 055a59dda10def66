import { foldText } from "../../src/text/fold.js";
import type { Answer } from "../../src/core/types.js";
import type { EvalQuestion } from "./eval-set.js";

export interface EvalRow {
  question: EvalQuestion;
  answer: Answer;
}

export interface EvalMetrics {
  count: number;
  answerable: number;
  hitAt1: number;
  mrr: number;
  keyInAnswer: number;
  languageCorrect: number;
  /** Of the questions the bot refused, the share that should have been refused. */
  abstentionPrecision: number;
  /** Of the questions that should be refused, the share the bot refused. */
  abstentionRecall: number;
  /** Answerable questions the bot refused. */
  wronglyAbstained: number;
}

/** Pure scoring of answers against the eval set. Ranks come from the cited paragraphs in order. */
export function computeMetrics(rows: EvalRow[]): EvalMetrics {
  const answerable = rows.filter((row) => row.question.paragraph !== null);
  const offTopic = rows.filter((row) => row.question.paragraph === null);
  let hits = 0;
  let reciprocal = 0;
  let keys = 0;
  for (const { question, answer } of answerable) {
    const rank = answer.citations.findIndex((citation) => citation.paragraph === question.paragraph);
    if (rank === 0) hits += 1;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    const said = foldText([answer.text, ...answer.citations.map((citation) => citation.sentence)].join(" "));
    if (!answer.abstained && question.keys.some((key) => said.includes(foldText(key)))) keys += 1;
  }
  const refused = rows.filter((row) => row.answer.abstained);
  const rightlyRefused = refused.filter((row) => row.question.paragraph === null).length;
  const ratio = (part: number, whole: number) => (whole === 0 ? Number.NaN : part / whole);
  return {
    count: rows.length,
    answerable: answerable.length,
    hitAt1: ratio(hits, answerable.length),
    mrr: ratio(reciprocal, answerable.length),
    keyInAnswer: ratio(keys, answerable.length),
    languageCorrect: ratio(rows.filter((row) => row.answer.language === row.question.language).length, rows.length),
    abstentionPrecision: ratio(rightlyRefused, refused.length),
    abstentionRecall: ratio(rightlyRefused, offTopic.length),
    wronglyAbstained: answerable.filter((row) => row.answer.abstained).length,
  };
}
