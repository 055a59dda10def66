import { words } from "../text/tokenize.js";

/** Words that open a follow-up: "En wanneer?", "And in Germany?", "Maar waarom?". */
const openers = new Set(["en", "maar", "ook", "dus", "and", "but", "also", "so"]);
const openerPhrases = [/^wat (dan )?(met|over)\b/u, /^hoe zit het met\b/u, /^what about\b/u, /^how about\b/u];

/**
 * Pronouns and pointers that lean on an earlier turn. Deliberately narrow for Dutch: `het`, `de`,
 * `die` and `zijn` (also a verb) are in nearly every standalone question, and each false positive
 * costs a model call for a standalone Dutch question. English errs the other way on purpose: a
 * non-Dutch question is rewritten anyway, so a false positive only adds history to that call.
 */
const pointers = new Set([
  "hij",
  "zij",
  "ze",
  "hem",
  "haar",
  "hen",
  "hun",
  "dat",
  "deze",
  "daar",
  "daarvan",
  "daarmee",
  "daarover",
  "daarna",
  "daarom",
  "toen",
  "ervan",
  "erover",
  "he",
  "she",
  "it",
  "they",
  "him",
  "her",
  "them",
  "his",
  "its",
  "their",
  "that",
  "this",
  "these",
  "those",
  "there",
  "then",
]);

/** At most this many words and the question is treated as leaning on the previous turn. */
const shortQuestionWords = 3;

/**
 * Heuristic: does a question (asked in a conversation with recent turns) need the conversation to
 * be understood? True when it is short (≤ 3 words: "Waarom?", "En wanneer?"), opens like a
 * continuation ("En", "Maar", "And", "What about"), or contains a pointer back (hij, haar, daar,
 * dat, he, it, they, that). A false positive costs one rewrite call that returns the question
 * unchanged; a false negative leaves a vague question to retrieval, which then usually abstains.
 */
export function looksLikeFollowUp(question: string): boolean {
  const tokens = words(question);
  if (tokens.length === 0) return false;
  if (tokens.length <= shortQuestionWords) return true;
  if (openers.has(tokens[0]!)) return true;
  const lower = question.toLowerCase().trim();
  if (openerPhrases.some((pattern) => pattern.test(lower))) return true;
  return tokens.some((token) => pointers.has(token));
}
