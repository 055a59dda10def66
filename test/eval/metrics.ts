import { foldText } from "../../src/text/fold.js";
import { detectLanguage } from "../../src/text/language.js";
import type { Answer } from "../../src/port/types.js";
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
  /** Share of answers whose own words (the quote left out) are in the question's language. */
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
  const unanswerable = rows.filter((row) => row.question.paragraph === null);
  let hits = 0;
  let reciprocal = 0;
  let keys = 0;
  for (const { question, answer } of answerable) {
    const rank = answer.citations.findIndex((citation) => citation.paragraph === question.paragraph);
    if (rank === 0) hits += 1;
    if (rank >= 0) reciprocal += 1 / (rank + 1);
    if (keyInAnswer(question, answer)) keys += 1;
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
    languageCorrect: ratio(rows.filter((row) => wordedIn(row.answer) === row.question.language).length, rows.length),
    abstentionPrecision: ratio(rightlyRefused, refused.length),
    abstentionRecall: ratio(rightlyRefused, unanswerable.length),
    wronglyAbstained: answerable.filter((row) => row.answer.abstained).length,
  };
}

/**
 * The key fact is in what the bot says first: its answer text and the first citation's supporting
 * sentence. A key that appears only further down the quoted paragraph does not count.
 */
export function keyInAnswer(question: EvalQuestion, answer: Answer): boolean {
  if (answer.abstained) return false;
  const said = foldText([answer.text, answer.citations[0]?.sentence ?? ""].join(" "));
  return question.keys.some((key) => said.includes(foldText(key)));
}

/**
 * The language of the bot's own words: the answer text with every quoted Dutch sentence taken out
 * (citations, and the nearest passage a refusal mentions), so a Dutch quote inside an English
 * answer does not decide it.
 */
export function wordedIn(answer: Answer): "nl" | "en" {
  let own = answer.text;
  for (const citation of [...answer.citations, ...(answer.nearest ? [answer.nearest] : [])]) own = own.split(citation.sentence).join(" ");
  return detectLanguage(own);
}
