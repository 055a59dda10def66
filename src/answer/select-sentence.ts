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
  if (/\b(wie|who|whom|met wie)\b/.test(first) || /\b(welke?|which)\s+(\p{L}+\s+)?(premier|minister|president|leider|regeringsleider|politicus|prime|leader|politician)/iu.test(question)) return "person";
  return "other";
}

function kindBonus(kind: AnswerKind, sentence: string): number {
  if (kind === "time" && timeWords.test(sentence)) return 0.25;
  if (kind === "number" && numberWords.test(sentence)) return 0.2;
  if (kind === "person" && personPattern.test(sentence)) return 0.15;
  return 0;
}

export interface SentenceChoice {
  /** Index of the first chosen sentence. */
  index: number;
  /** One sentence, or two consecutive ones when the second adds question words the first lacks. */
  count: 1 | 2;
  score: number;
}

/** A two-sentence answer must beat the best single sentence by more than this. */
const pairPenalty = 0.08;

/**
 * Scores every sentence and every pair of neighbouring sentences. A pair wins only when together
 * they cover clearly more of the question, e.g. "Nasams …" followed by "Het beschermt tegen drones".
 */
export function selectSentences(question: string, sentences: readonly string[]): SentenceChoice {
  const terms = queryTerms(question);
  const kind = answerKind(question);
  const score = (text: string) => coverage(terms, textTerms(text)).coverage + kindBonus(kind, text);
  let best: SentenceChoice = { index: 0, count: 1, score: -1 };
  sentences.forEach((sentence, index) => {
    const single = score(sentence);
    // Strictly greater: on a tie the earlier sentence wins, which usually carries the context.
    if (single > best.score) best = { index, count: 1, score: single };
    const next = sentences[index + 1];
    if (next !== undefined) {
      const pair = score(`${sentence} ${next}`) - pairPenalty;
      if (pair > best.score && pair > single && pair > score(next) - 1e-9) best = { index, count: 2, score: pair };
    }
  });
  return best;
}

/** The chosen sentences as one verbatim substring of the paragraph (original spacing kept). */
export function chosenText(paragraph: string, sentences: readonly string[], choice: SentenceChoice): string {
  const first = sentences[choice.index] ?? "";
  const last = sentences[choice.index + choice.count - 1] ?? first;
  const start = paragraph.indexOf(first);
  const end = paragraph.indexOf(last, Math.max(0, start)) + last.length;
  return start >= 0 && end > start ? paragraph.slice(start, end) : first;
}
