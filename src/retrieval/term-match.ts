import { distance } from "fastest-levenshtein";
import { BoundedMap } from "../util/bounded-map.js";
import { isStopword, stem, words } from "../text/tokenize.js";
import { dutchVerbLemmas, sameVerb, separable, splitVerbLemmas } from "../text/dutch-verbs.js";

/**
 * Lexical evidence that a text answers a question: the share of the question's content words that
 * the text contains, allowing for Dutch inflection (same stem), compounds (`raket` inside
 * `luchtdoelraketten`) and near spellings (`Zelensky` ~ `Zelenski`). Pure; used for ranking
 * candidates, choosing the answer sentence and deciding when to abstain.
 */

/** One word of a query term or of one of its alternative forms. */
export interface QueryWord {
  word: string;
  stem: string;
}

/**
 * Another way the text may say what a question word says — a translation, a name in the other
 * language, a synonym — worth `weight` of a literal match. A form of several words ("Verenigde
 * Staten") is present only when all its words are.
 */
export interface AlternativeForm {
  words: QueryWord[];
  weight: number;
}

/** A content word (or a multiword name) of the question, with the other forms that count for it. */
export interface QueryTerm extends QueryWord {
  /** The term itself when it spans several words, e.g. a name matched as a whole. */
  words?: QueryWord[];
  alternatives?: AlternativeForm[];
  /**
   * The alternatives that occur in some candidate passage, set by {@link withFormsFoundIn}; matching
   * against those passages (or their sentences) need not try the others, which are then worth 0.
   */
  foundAlternatives?: AlternativeForm[];
  /** A nationality adjective or language name ("Amerikaanse", "German"): it describes rather than names. */
  describes?: boolean;
  /** What the question sets aside ("behalve Biden", "besides the US"): the answer is about something else. */
  setAside?: boolean;
}

export interface Coverage {
  /** Weighted share of query terms found, in [0, 1]. */
  coverage: number;
  /** Query words that matched (strength ≥ 0.5). */
  matched: string[];
}

export function queryTerms(question: string): QueryTerm[] {
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const word of words(question)) {
    if (word.length < 2 || isStopword(word) || seen.has(word)) continue;
    seen.add(word);
    terms.push({ word, stem: /^\p{N}/u.test(word) ? word : stem(word) });
  }
  return terms;
}

/** Prepared form of a text for repeated matching. */
export interface TextTerms {
  /** The text itself. */
  source: string;
  words: string[];
  /** Stem of each word, aligned with `words`. */
  wordStems: string[];
  stems: Set<string>;
  /** Stems of the words the text capitalises in mid-sentence: its proper names (`Nasams`, `Lambrecht`). */
  names: Set<string>;
  /** Those words themselves, folded (`nasams`, `lambrecht`). */
  nameWords: Set<string>;
  /** How strongly each question word seen so far is present, with and without near spellings (`wordStrength`). */
  strengths: { near: Map<string, number>; exact: Map<string, number>; names: Map<string, boolean> };
}

/**
 * A capital after a word inside a sentence marks a proper name in both languages; a capital
 * opening a sentence or quote says nothing.
 */
function nameWordsOf(text: string): Set<string> {
  const names = new Set<string>();
  for (const match of text.matchAll(/(?<=[\p{L}\p{N},;:)]\s+|\(|-)\p{Lu}[\p{L}\p{N}]*/gu)) {
    for (const word of words(match[0])) if (word.length >= 2 && !isStopword(word)) names.add(word);
  }
  return names;
}

/**
 * Tokenised and stemmed form of a passage or sentence. The same passages are matched against
 * every question, so results are memoised (bounded: the oldest entries are dropped first).
 */
export function textTerms(text: string): TextTerms {
  return textTermsMemo.remember(text, computeTextTerms);
}

const textTermsMemo = new BoundedMap<string, TextTerms>(1_000);

function computeTextTerms(text: string): TextTerms {
  const list = words(text).filter((word) => word.length >= 2);
  const wordStems = list.map((word) => (/^\p{N}/u.test(word) ? word : stem(word)));
  const nameWords = nameWordsOf(text);
  return {
    source: text,
    words: list,
    wordStems,
    stems: new Set(wordStems),
    names: new Set([...nameWords].map(stem)),
    nameWords,
    strengths: { near: new Map(), exact: new Map(), names: new Map() },
  };
}

/**
 * How strongly one query term, or the best of its alternative forms, is present in a text, in [0, 1].
 * `nearSpellings: false` skips near spellings of the question's own words (`Zelensky` ~ `Zelenski`),
 * the costly part, for a caller that only counts the word itself, its compounds, forms and translations.
 */
export function matchStrength(term: QueryTerm, text: TextTerms, nearSpellings = true): number {
  let best = term.words ? formStrength(term.words, text, nearSpellings) : wordStrength(term, text, nearSpellings);
  for (const alternative of term.foundAlternatives ?? term.alternatives ?? []) {
    if (best >= alternative.weight) continue;
    best = Math.max(best, alternative.weight * formStrength(alternative.words, text, false));
  }
  return best;
}

/**
 * The query with each term's alternatives narrowed to those found in `texts` (the candidate
 * passages). An alternative is matched exactly (no near spellings), and every rule of that match
 * holds in a passage's sentences only if it holds in the passage, so the narrowed query scores
 * these passages and their sentences exactly as the full one — without trying a dozen
 * translations and synonyms against every sentence.
 */
export function withFormsFoundIn<T extends { terms: QueryTerm[] }>(query: T, texts: readonly TextTerms[]): T {
  const terms = query.terms.map((term) => {
    if (!term.alternatives?.length) return term;
    const found = term.alternatives.filter((form) => texts.some((text) => formStrength(form.words, text, false) > 0));
    return { ...term, foundAlternatives: found };
  });
  return { ...query, terms };
}

/** All words of a form must be present; the weakest decides. */
function formStrength(words: readonly QueryWord[], text: TextTerms, nearSpellings: boolean): number {
  let weakest = 1;
  for (const word of words) {
    weakest = Math.min(weakest, wordStrength(word, text, nearSpellings));
    if (weakest === 0) break;
  }
  return weakest;
}

/**
 * How strongly one word is present: same stem, inside a compound, or — for the question's own
 * words only — a near spelling. Alternative forms (translations, synonyms, cognate guesses) are
 * many per word; letting each of them match approximately too would mostly find chance.
 */
function wordStrength(term: QueryWord, text: TextTerms, nearSpellings: boolean): number {
  if (text.stems.has(term.stem) && !onlyAnotherName(term, text)) return 1;
  if (/^\p{N}/u.test(term.word)) return 0;
  // The answerer matches the same question words against the same passage and sentences a dozen
  // times per question (ranking, answerability, sentence choice, near-topic checks); the scan over
  // the text's words is the costliest step of an answer, and its result depends on the word and the
  // text only (a word's stem is a function of the word).
  const memo = nearSpellings ? text.strengths.near : text.strengths.exact;
  const known = memo.get(term.word);
  if (known !== undefined) return known;
  const strength = nearSpellings ? nearStrength(term, text) : exactFormStrength(term, text);
  // A passage meets every question ever asked; forgetting all at a bound keeps a hit free of bookkeeping.
  if (memo.size >= strengthMemoLimit) memo.clear();
  memo.set(term.word, strength);
  return strength;
}

const strengthMemoLimit = 4_096;

/**
 * Whether the text has the word's stem only in a shorter name: the stemmer makes `baas` (boss) `bas`,
 * the stem of the first name `Bas`. Inflection lengthens a word (`Witte Huis` for "wit huis"), so a
 * name shorter than the question's word with its stem is another word the stemmer ran together.
 */
function onlyAnotherName(term: QueryWord, text: TextTerms): boolean {
  if (!text.names.has(term.stem) || formIndexOf(text).words.has(term.word)) return false;
  return !text.words.some((word, at) => text.wordStems[at] === term.stem && (word.length >= term.word.length || !text.nameWords.has(word)));
}

/** Whether the text capitalises, in mid-sentence, a name spelt nearly like `word` (`Zelenski` for `Zelensky`). */
export function spellsNameLike(word: string, text: TextTerms): boolean {
  if (text.names.size === 0 || word.length < 5) return false;
  const memo = text.strengths.names;
  const known = memo.get(word);
  if (known !== undefined) return known;
  let found = false;
  for (const name of text.names) if ((found = prefixSimilarity(word, name) >= 0.7)) break;
  if (memo.size >= strengthMemoLimit) memo.clear();
  memo.set(word, found);
  return found;
}

/** `wordStrength` with near spellings, for a word the text does not hold as such. */
function nearStrength(term: QueryWord, text: TextTerms): number {
  let best = 0;
  for (let index = 0; index < text.words.length; index += 1) {
    const word = text.words[index]!;
    // Compounds: the question's word or stem inside a longer word (`afweer` in `luchtafweergeschut`;
    // the stem alone misses it when stemming changed the spelling, `afwer`), or a long text word
    // inside the question word.
    // The same word with an inflection the stemmer treats differently (`wapen`/`wapens`).
    if (word.startsWith(term.word) && /^(s|en|e|n|'s)$/u.test(word.slice(term.word.length))) return 1;
    if (
      ((term.stem.length >= 4 && word.length > term.stem.length && word.includes(term.stem)) ||
        (term.word.length >= 4 && word.length > term.word.length && word.includes(term.word))) &&
      !particleVerb(term.word, word)
    ) {
      best = Math.max(best, 0.85);
    } else if (word.length >= 5 && term.word.length > word.length && term.word.includes(text.wordStems[index]!)) best = Math.max(best, 0.7);
    else if (best < 0.85) {
      // Near spellings start alike (`Zelensky`/`Zelenski`, `defence`/`defensie`); checking the first
      // letter first skips the trigram count for most of a passage's words.
      if (word.charCodeAt(0) === term.word.charCodeAt(0)) best = Math.max(best, prefixSimilarity(term.word, word), typoStrength(term.word, word));
      best = Math.max(best, sharedHead(term.word, word));
    }
  }
  // Another tense of the same verb: `gevraagd` ~ `vroeg`, a dictionary's `toezeggen` ~ `toegezegd`.
  if (best < verbFormMatch && term.word.length >= 5 && sameVerb(dutchVerbLemmas(term.word), verbsOf(text))) best = verbFormMatch;
  return best >= fuzzyFloor ? best : 0;
}

/**
 * A typo of the word: chat users swap, drop or double letters (`zelenksi`, `wanner`, `raketen`),
 * which trigram overlap undercounts in short words. One edit for words of five to seven letters,
 * two from eight on; shorter words have too many real neighbours (`land`/`lang`, `dag`/`dak`).
 */
function typoStrength(query: string, word: string): number {
  if (query.length < 5 || Math.abs(query.length - word.length) > 2) return 0;
  const allowed = query.length >= 8 ? 2 : 1;
  return distance(query, word) <= allowed ? typoMatch : 0;
}

const typoMatch = 0.75;

/**
 * `wordStrength` without near spellings, for a question word's alternative forms (translations,
 * synonyms, names: up to a dozen per word). The same rules, answered from an index of the text
 * instead of a pass over its words: most forms occur nowhere, and one `includes` on the joined
 * words tells.
 */
function exactFormStrength(term: QueryWord, text: TextTerms): number {
  const index = formIndexOf(text);
  if (index.inflectedBases.has(term.word)) return 1;
  let best = 0;
  if ((term.stem.length >= 4 && index.joined.includes(term.stem)) || (term.word.length >= 4 && index.joined.includes(term.word))) {
    for (const word of index.words) {
      if (
        ((term.stem.length >= 4 && word.length > term.stem.length && word.includes(term.stem)) ||
          (term.word.length >= 4 && word.length > term.word.length && word.includes(term.word))) &&
        !particleVerb(term.word, word)
      ) {
        best = 0.85;
        break;
      }
    }
  }
  if (best < 0.7 && containsLongStem(term.word, index)) best = 0.7;
  if (best < verbFormMatch && term.word.length >= 5 && sameVerb(dutchVerbLemmas(term.word), verbsOf(text))) best = verbFormMatch;
  return best >= fuzzyFloor ? best : 0;
}

/**
 * Whether a text word is a participle with a separable particle before it (`toegezegd` for
 * `gezegd`): that is another verb (toezeggen is to promise, zeggen to say), not a compound of the
 * question's word as `raketaanvallen` is of `aanvallen`.
 */
function particleVerb(part: string, word: string): boolean {
  return part.startsWith("ge") && word.endsWith(part) && separableParticles.has(word.slice(0, -part.length));
}

const separableParticles = new Set(separable);

/** Whether `word` holds the stem of a shorter text word of five letters or more (`luchtverdediging` ~ `verdedigen`). */
function containsLongStem(word: string, index: FormIndex): boolean {
  // The text word has five letters or more and is shorter than `word`.
  if (word.length < 6) return false;
  for (let at = 0; at < word.length; at += 1) {
    for (const [wordStem, length] of index.longStemsByFirst.get(word[at]!) ?? []) {
      if (word.length > length && word.startsWith(wordStem, at)) return true;
    }
  }
  return false;
}

interface FormIndex {
  words: Set<string>;
  /** What a text word is with one of the endings the stemmer may treat differently cut off (`wapens` → wapen). */
  inflectedBases: Set<string>;
  /** The distinct words joined by a separator no word holds. */
  joined: string;
  /** Stems of words of five letters or more with that word's length, by the stem's first letter. */
  longStemsByFirst: Map<string, [string, number][]>;
}

/** Endings that make a text word the same word as a question word the stemmer treats differently (`wapen`/`wapens`). */
const inflections = ["s", "en", "e", "n", "'s"];

function formIndexOf(text: TextTerms): FormIndex {
  let index = formIndexes.get(text);
  if (!index) {
    const words = new Set(text.words);
    const inflectedBases = new Set<string>();
    for (const word of words) for (const ending of inflections) if (word.endsWith(ending)) inflectedBases.add(word.slice(0, -ending.length));
    const longStemsByFirst = new Map<string, [string, number][]>();
    text.words.forEach((word, at) => {
      const wordStem = text.wordStems[at]!;
      if (word.length < 5 || wordStem.length === 0) return;
      const bucket = longStemsByFirst.get(wordStem[0]!) ?? [];
      bucket.push([wordStem, word.length]);
      longStemsByFirst.set(wordStem[0]!, bucket);
    });
    index = { words, inflectedBases, joined: `\u0001${[...words].join("\u0001")}\u0001`, longStemsByFirst };
    formIndexes.set(text, index);
  }
  return index;
}

const formIndexes = new WeakMap<TextTerms, FormIndex>();

type VerbSets = { sure: Set<string>; all: Set<string> };

/**
 * The infinitives a text's words may be forms of (`dutch-verbs.ts`), so `vroeg` meets `gevraagd`.
 * Computed on first need and kept with the text's terms: most candidates are decided without it.
 */
function verbsOf(text: TextTerms): VerbSets {
  let verbs = verbSets.get(text);
  if (!verbs) {
    verbs = { sure: new Set(), all: new Set() };
    for (const word of new Set(text.words)) {
      const lemmas = dutchVerbLemmas(word);
      for (const lemma of lemmas.sure) verbs.sure.add(lemma);
      for (const lemma of lemmas.all) verbs.all.add(lemma);
    }
    const split = splitVerbLemmas(text.source);
    for (const lemma of split.sure) verbs.sure.add(lemma);
    for (const lemma of split.all) verbs.all.add(lemma);
    verbSets.set(text, verbs);
  }
  return verbs;
}

const verbSets = new WeakMap<TextTerms, VerbSets>();

/** As strong as a compound match: the same verb is the same word, but a tense can shift the meaning a little. */
const verbFormMatch = 0.85;

/** Near-spelling matches weaker than this are chance (`dingen` ~ `dagen`) and count as absent. */
export const fuzzyFloor = 0.6;

/**
 * Two compounds with the same head — Dutch puts it last — name related things: `wapensysteem` and
 * `luchtafweersystemen` share `system`. Worth 0.6 when the shared part is at least six letters and
 * half the question word.
 */
function sharedHead(query: string, word: string): number {
  if (query.length < 8 || word.length < 8) return 0;
  let longest = 0;
  for (let start = 0; start + 6 <= query.length; start += 1) {
    let length = longest + 1;
    while (start + length <= query.length && word.includes(query.slice(start, start + length))) length += 1;
    longest = Math.max(longest, length - 1);
  }
  return longest >= 6 && longest * 2 >= query.length ? 0.6 : 0;
}

export function coverage(terms: readonly QueryTerm[], text: TextTerms): Coverage {
  if (terms.length === 0) return { coverage: 0, matched: [] };
  let total = 0;
  const matched: string[] = [];
  for (const term of terms) {
    const strength = matchStrength(term, text);
    total += strength;
    if (strength >= 0.5) matched.push(term.word);
  }
  return { coverage: total / terms.length, matched };
}

/**
 * Trigram Dice similarity between a query word and the start of a text word of about the same
 * length, so `defence` meets `defensieminister` and `Zelensky` meets `Zelenski`. Trigrams are
 * numbers built from char codes and the text side is counted in a reused buffer: this runs for
 * every word of every candidate passage, and a Set of substrings per word made it the largest
 * source of garbage per question.
 */
export function prefixSimilarity(query: string, word: string): number {
  if (query.length < 4 || word.length < 4) return 0;
  const left = queryTrigrams(query);
  const headLength = Math.min(word.length, query.length + 1);
  if (scratch.length < headLength + 2) scratch = new Float64Array(headLength + 2);
  const rightCount = distinctTrigrams(word, headLength, scratch);
  let shared = 0;
  // Plain loops, not `includes`: passing these doubles to a builtin would box each one.
  for (let index = 0; index < rightCount; index += 1) {
    const gram = scratch[index]!;
    for (let at = 0; at < left.length; at += 1) {
      if (left[at] === gram) {
        shared += 1;
        break;
      }
    }
  }
  return (2 * shared) / (left.length + rightCount);
}

let scratch = new Float64Array(64);

function queryTrigrams(word: string): Float64Array {
  return trigramMemo.remember(word, computeTrigrams);
}

function computeTrigrams(word: string): Float64Array {
  const buffer = new Float64Array(word.length + 2);
  return buffer.slice(0, distinctTrigrams(word, word.length, buffer));
}

const trigramMemo = new BoundedMap<string, Float64Array>(1_000);

/** Writes the distinct trigrams of `<` + the first `length` code units of `text` + `>` into `into`; returns their count. */
function distinctTrigrams(text: string, length: number, into: Float64Array): number {
  let count = 0;
  for (let index = 0; index + 3 <= length + 2; index += 1) {
    const key = paddedCode(text, length, index) * 4294967296 + paddedCode(text, length, index + 1) * 65536 + paddedCode(text, length, index + 2);
    let seen = false;
    for (let earlier = 0; earlier < count && !seen; earlier += 1) seen = into[earlier] === key;
    if (!seen) into[count++] = key;
  }
  return count;
}

function paddedCode(text: string, length: number, index: number): number {
  if (index === 0) return 60; // "<"
  if (index === length + 1) return 62; // ">"
  return text.charCodeAt(index - 1);
}
