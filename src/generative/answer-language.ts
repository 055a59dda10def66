import { eng, nld } from "stopword";
import type { Language } from "../core/types.js";
import { words } from "../text/tokenize.js";

// The stopword lists are short (about a hundred words each); answers need the common function words too.
const english = [...eng, "the", "an", "of", "to", "and", "with", "within", "without", "from", "for", "on", "at", "by", "about", "into", "than", "then", "there", "this", "these", "those", "it", "its", "they", "them", "their", "he", "she", "his", "him", "has", "have", "are", "were", "be", "been", "will", "would", "should", "could", "can", "not", "which", "who", "what", "when", "where", "why", "how", "few", "many", "some", "also", "after", "before", "during", "says", "said"];
const dutch = [...nld, "het", "een", "niet", "wordt", "binnen", "enkele", "volgens", "welke", "wanneer", "waarom", "waar", "heeft", "hebben", "zullen", "deze", "nadat", "tijdens"];
const englishOnly = new Set(english.filter((word) => !dutch.includes(word)));
const dutchOnly = new Set(dutch.filter((word) => !english.includes(word)));

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
  let english = 0;
  let dutch = 0;
  // Quoted phrases are the article's words, Dutch by design; only the answer's own words vote.
  const unquoted = text.replace(/[“„"«‘][^”"»’]*[”"»’]/gu, " ");
  for (const word of words(unquoted)) {
    if (englishOnly.has(word)) english += 1;
    if (dutchOnly.has(word)) dutch += 1;
  }
  const [own, other] = expected === "en" ? [english, dutch] : [dutch, english];
  return other >= minimumVotes && other > own;
}
