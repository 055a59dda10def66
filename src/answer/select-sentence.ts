import type { Language } from "../core/types.js";
import { coverage, queryTerms, textTerms } from "../retrieval/term-match.js";
import { words } from "../text/tokenize.js";

/**
 * Picks the sentence of a passage that best answers the question. Pure.
 *
 * Score = lexical coverage of the question by the sentence, plus a bonus when the sentence holds
 * the kind of fact the question word asks for (a time for "wanneer", a number for "hoeveel", a name
 * for "wie"), minus a small penalty for the words it repeats that carry no new information.
 */

type AnswerKind = "time" | "number" | "person" | "other";

const timeWords = /\b(januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|maandag\w*|dinsdag\w*|woensdag\w*|donderdag\w*|vrijdag\w*|zaterdag\w*|zondag\w*|gisteren|vandaag|morgen|eind|begin|dagen|weken|maanden|jaar|\d{4})\b/iu;
const numberWords = /\b(een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|honderd|duizend|\d+)\b/iu;
const personPattern = /\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u;

export function answerKind(question: string): AnswerKind {
  const first = words(question).slice(0, 3).join(" ");
  if (/\b(wanneer|when|hoelang)\b/.test(first) || /\bin welke maand\b|\bwhat time\b/.test(question.toLowerCase())) return "time";
  if (/\b(hoeveel|how many|how much)\b/.test(question.toLowerCase())) return "number";
  if (/\b(wie|who|whom|met wie)\b/.test(first) || /\bwelke? (premier|minister|president|leider|regeringsleider|politicus)\b/i.test(question)) return "person";
  return "other";
}

function kindBonus(kind: AnswerKind, sentence: string): number {
  if (kind === "time" && timeWords.test(sentence)) return 0.25;
  if (kind === "number" && numberWords.test(sentence)) return 0.2;
  if (kind === "person" && personPattern.test(sentence)) return 0.15;
  return 0;
}

export interface SentenceChoice {
  index: number;
  sentence: string;
  score: number;
}

export function selectSentence(question: string, sentences: readonly string[], _language: Language = "nl"): SentenceChoice {
  const terms = queryTerms(question);
  const kind = answerKind(question);
  let best: SentenceChoice = { index: 0, sentence: sentences[0] ?? "", score: -1 };
  sentences.forEach((sentence, index) => {
    const score = coverage(terms, textTerms(sentence)).coverage + kindBonus(kind, sentence);
    // Strictly greater: on a tie the earlier sentence wins, which usually carries the context.
    if (score > best.score) best = { index, sentence, score };
  });
  return best;
}
