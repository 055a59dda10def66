import { StemmerNl, StopwordsNl } from "@nlpjs/lang-nl";
import { eng } from "stopword";
import { foldText } from "./fold.js";

const stemmer = new StemmerNl();
const dutchStopwords = new StopwordsNl();

/** Question words carry no topic; they are dropped from retrieval terms (question type is read elsewhere). */
const questionWords = new Set([
  "welk",
  "welke",
  "hoeveel",
  "wanneer",
  "waarom",
  "waar",
  "waarmee",
  "waarover",
  "waardoor",
  "hoelang",
  "wiens",
  "wat",
  "wie",
  "hoe",
  "which",
  "whom",
  "whose",
  "when",
  "why",
  "where",
  "many",
  "much",
  "volgens",
  "artikel",
  "article",
  "zegt",
  "says",
  "said",
  "tell",
  "vertel",
]);
/** Function words the `stopword` package's short English list lacks; they carry no topic either. */
const englishFunctionWords = [
  "does",
  "doing",
  "done",
  "during",
  "will",
  "would",
  "could",
  "should",
  "shall",
  "may",
  "might",
  "must",
  "been",
  "being",
  "having",
  "into",
  "onto",
  "upon",
  "about",
  "via",
  "per",
  "its",
  "it's",
  "also",
  "yet",
  "still",
  "so",
  "according",
  "within",
  "without",
  "across",
  "toward",
  "towards",
  "until",
  "among",
];
const englishStopwords = new Set([...eng, ...englishFunctionWords]);

/** A word of running text: letters, optionally with digits, or a number. Hyphens split compounds. */
const wordPattern = /[\p{L}][\p{L}\p{N}]*|\p{N}+(?:[.,]\p{N}+)*/gu;

/** Lower-cased, accent-folded words in order. `Iris-T SLM-luchtafweersystemen` → iris, t, slm, luchtafweersystemen. */
export function words(text: string): string[] {
  return foldText(text).match(wordPattern) ?? [];
}

export function isStopword(word: string): boolean {
  return dutchStopwords.isStopword(word) || englishStopwords.has(word) || questionWords.has(word);
}

/** Snowball (Dutch) stem of a folded word. */
export function stem(word: string): string {
  return stemmer.stemWord(word);
}

/**
 * Content terms for retrieval: folded, stop words and one-letter tokens removed, Dutch-stemmed.
 * Numbers are kept (years, counts).
 */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || isStopword(word)) continue;
    terms.push(/^\p{N}/u.test(word) ? word : stem(word));
  }
  return terms;
}
