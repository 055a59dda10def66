import { franc } from "franc-min";
import { eng, nld } from "stopword";
import type { Language } from "../port/types.js";
import { words } from "./tokenize.js";

// The stopword lists are short (about a hundred words each); questions and answers need the common
// question words and function words too.
const english = [
  ...eng,
  ...["the", "an", "of", "to", "and", "with", "within", "without", "from", "for", "on", "at", "by", "about", "into", "than", "then", "there"],
  ...["this", "these", "those", "it", "its", "they", "them", "their", "he", "she", "his", "him", "has", "have", "are", "were", "be", "been"],
  ...["will", "would", "should", "could", "can", "not", "does", "did", "which", "who", "what", "when", "where", "why", "how"],
  ...["few", "many", "much", "some", "also", "after", "before", "during", "says", "said"],
];
const dutch = [
  ...nld,
  ...["het", "een", "niet", "wordt", "zijn", "heeft", "hebben", "zullen", "deze", "binnen", "enkele", "volgens", "nadat", "tijdens"],
  ...["welk", "welke", "hoeveel", "wanneer", "waarom", "waar"],
];
// A word both languages write (`in`, `is`, `over`, `was`) says nothing about which one it is.
const englishOnly = new Set(english.filter((word) => !dutch.includes(word)));
const dutchOnly = new Set(dutch.filter((word) => !english.includes(word)));

/** How many words of `text` only English has, and how many only Dutch has: the vote both checks below count. */
function functionWordVotes(text: string): Record<Language, number> {
  const votes = { en: 0, nl: 0 };
  for (const word of words(text)) {
    if (englishOnly.has(word)) votes.en += 1;
    if (dutchOnly.has(word)) votes.nl += 1;
  }
  return votes;
}

/**
 * Detects whether a question is Dutch or English. Trigram models (franc) are unreliable on short
 * questions (`How do I bake bread?` scores as Dutch), so function words vote first; franc decides
 * only when they tie, and the platform's language hint breaks what is still undecided.
 * Dutch is the default: it is the article's language.
 */
export function detectLanguage(text: string, hint?: string): Language {
  const votes = functionWordVotes(text);
  if (votes.en !== votes.nl) return votes.en > votes.nl ? "en" : "nl";
  if (text.length >= 25) {
    const guess = franc(text, { only: ["nld", "eng"], minLength: 1 });
    if (guess === "eng") return "en";
    if (guess === "nld") return "nl";
  }
  return hint?.toLowerCase().startsWith("en") ? "en" : "nl";
}

/** Function words of the other language needed before an answer is called wrong-language. */
const minimumVotes = 2;

/**
 * True when a generated answer is clearly not in the asker's language: it holds at least two
 * function words only the other language has, and more of them than of its own. Trigram detection
 * (franc) is deliberately not used: on a one-line answer full of Dutch names (`Duitsland levert
 * Iris-T SLM-systemen.`) it guesses English, and a false alarm would throw away a good answer.
 * Quoted phrases are ignored (an English answer may quote “binnen enkele dagen”), and Dutch names
 * carry no function words, so neither tips the vote.
 */
export function isInOtherLanguage(text: string, expected: Language): boolean {
  // Quoted phrases are the article's words, Dutch by design; only the answer's own words vote.
  const votes = functionWordVotes(text.replace(/[“„"«‘][^”"»’]*[”"»’]/gu, " "));
  const own = votes[expected];
  const other = votes[expected === "en" ? "nl" : "en"];
  return other >= minimumVotes && other > own;
}
