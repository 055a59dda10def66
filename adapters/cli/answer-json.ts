import type { Answer } from "../../src/port/types.js";

/** The stable JSON shape of `npm run ask -- --json`: one object per question. */
export function answerToJson(answer: Answer): Record<string, unknown> {
  return {
    question: answer.question,
    answer: answer.text,
    abstained: answer.abstained,
    language: answer.language,
    mode: answer.mode,
    corpusVersion: answer.corpusVersion,
    citations: answer.citations.map((citation) => ({
      quote: citation.quote,
      sentence: citation.sentence,
      paragraph: citation.paragraph,
      title: citation.title,
      published: citation.published ?? null,
      source: citation.source ?? null,
      passageId: citation.passageId,
      score: citation.score,
    })),
  };
}

/** JSON for a question the core refused (empty, too long): same keys, plus `error`. */
export function errorToJson(question: string, code: string, message: string): Record<string, unknown> {
  return { question, answer: message, abstained: true, language: null, citations: [], error: code };
}
