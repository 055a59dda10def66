/**
 * An optional Dutch–English word dictionary for matching a question's words to the article's:
 * FreeDict's `nld-eng` and `eng-nld` dictionaries (GPL) in dictd format, as Debian's
 * `dict-freedict-nld-eng` and `dict-freedict-eng-nld` packages install them in /usr/share/dictd.
 * They are read where the operator installed them and never copied into this repository; the bot
 * works without them ({@link bilingualDictionary} then says why in one line).
 *
 * Both directions serve both lookups: English → Dutch uses `eng-nld` entries and, after them,
 * `nld-eng` entries read backwards, and the other way round.
 */
import { foldWord } from "../text/fold.js";
import { DictdError } from "./dictd-error.js";
import { readDictd } from "./dictd.js";
import { parseFreedictEntry } from "./freedict-entry.js";
import { lemmaCandidates } from "./lemma-candidates.js";
import type { LexiconLanguage } from "./name-entry.js";

/** Where Debian's dictd packages put their files. */
export const DEFAULT_DICTD_FOLDER = "/usr/share/dictd";

/** Options for {@link BilingualDictionary.dutchSynonyms}. */
export interface SynonymOptions {
  /** At most this many synonyms (default 10). */
  readonly limit?: number;
  /**
   * An English word with more Dutch translations than this is too vague to make two of them
   * synonyms ("get", "set"); it is skipped (default 8).
   */
  readonly maxSenseSize?: number;
}

/** What was loaded, for logs and the benchmark. */
export interface DictionaryStats {
  /** Entries read per source (`nld-eng`, `eng-nld`, `bundled`); 0 for one that is absent. */
  readonly entries: Readonly<Record<string, number>>;
  /** Distinct words with at least one translation, per source language. */
  readonly words: Readonly<Record<LexiconLanguage, number>>;
  readonly loadMs: number;
}

/** Headwords with their translations, in the source's order. */
export type TranslationPairs = readonly (readonly [string, readonly string[]])[];

/** One word list feeding the dictionary: its name (for stats) and which way it translates. */
export interface DictionarySource {
  readonly name: string;
  readonly from: LexiconLanguage;
  readonly pairs: TranslationPairs;
  /** Never read backwards: inflected forms (`sent` for send) translate, but are no translation of a Dutch word. */
  readonly oneWay?: boolean;
}

/** Lookups over a loaded dictionary pair. Pure; words are matched folded (case and accents ignored). */
export interface BilingualDictionary {
  /**
   * Candidate translations of a word or short phrase, lower case with accents as the dictionary
   * spells them (single words and phrases of up to three words), best first: the entries of the
   * `from`–`to` dictionary, then the reversed entries of the other. Empty when the word is
   * unknown or `from === to`.
   */
  translate(word: string, from: LexiconLanguage, to: LexiconLanguage): string[];
  /**
   * Dutch single words that share an English translation with `word` (`aanval` and `offensief`
   * both translate to "attack"), those sharing the most translations first. Never contains
   * `word` itself.
   */
  dutchSynonyms(word: string, options?: SynonymOptions): string[];
  readonly stats: DictionaryStats;
}

const SPACING = /[\s-]/;

/** The key words are compared by: folded, hyphens as spaces (`air-defence` is `air defence`), single spaces. */
function key(word: string): string {
  // Most dictionary words are ASCII; they need no Unicode normalisation (a third of the load time).
  const folded = foldWord(word);
  return SPACING.test(folded) ? folded.replace(/[\s-]+/g, " ").trim() : folded;
}

/**
 * Word key → translations as spelled, and their keys to keep each list free of duplicates.
 * Lists are short (two or three on average), so arrays beat sets in time and memory.
 */
type Table = Map<string, { readonly words: string[]; readonly keys: string[] }>;

function add(table: Table, fromKey: string, to: string, toKey: string): void {
  const list = table.get(fromKey);
  if (!list) {
    table.set(fromKey, { words: [to], keys: [toKey] });
  } else if (!list.keys.includes(toKey)) {
    list.words.push(to);
    list.keys.push(toKey);
  }
}

/** Headword → translations of one dictd dictionary, or undefined when it is not installed. */
function readPairs(folder: string, name: string): [string, readonly string[]][] | undefined {
  const entries = readDictd(folder, name);
  if (!entries) return undefined;
  const pairs: [string, readonly string[]][] = [];
  for (const entry of entries) {
    const parsed = parseFreedictEntry(entry.text);
    if (parsed && parsed.translations.length > 0) pairs.push([parsed.headword, parsed.translations]);
  }
  return pairs;
}

/**
 * `freedict-nld-eng` and `freedict-eng-nld` from `folder` (default /usr/share/dictd) as sources,
 * or undefined when neither is installed; one of the two alone is enough. Throws a
 * {@link DictdError} when a file is there but unusable.
 */
export function readFreedictSources(options: { folder?: string } = {}): DictionarySource[] | undefined {
  const folder = options.folder ?? DEFAULT_DICTD_FOLDER;
  const nldEng = readPairs(folder, "freedict-nld-eng");
  const engNld = readPairs(folder, "freedict-eng-nld");
  if (!nldEng && !engNld) return undefined;
  return [
    { name: "nld-eng", from: "nl", pairs: nldEng ?? [] },
    { name: "eng-nld", from: "en", pairs: engNld ?? [] },
  ];
}

/** FreeDict alone ({@link readFreedictSources}), or undefined when it is not installed. */
export function loadBilingualDictionary(options: { folder?: string } = {}): BilingualDictionary | undefined {
  const started = performance.now();
  const sources = readFreedictSources(options);
  return sources && dictionaryFrom([sources], started);
}

/** Both lookup tables of one tier of word lists. */
interface Tables {
  readonly toEnglish: Table;
  readonly toDutch: Table;
}

/**
 * One dictionary over tiers of word lists. A lookup uses the first tier that knows the word
 * (the bundled list before FreeDict: a curated list's few translations are better than a large
 * dictionary's many, which mostly add rare senses). Within a tier every list serves both
 * directions: the lists translating that way come first, in the order given, then the others
 * read backwards.
 */
export function dictionaryFrom(tiers: readonly (readonly DictionarySource[])[], started = performance.now()): BilingualDictionary {
  // Every word is keyed four times (both directions, both roles); folding it once is enough.
  const keys = new Map<string, string>();
  const keyOf = (word: string): string => {
    let found = keys.get(word);
    if (found === undefined) {
      found = key(word);
      keys.set(word, found);
    }
    return found;
  };
  const tables = tiers.map((sources) => tablesOf(sources, keyOf));
  // One tier's words are its table's keys; several tiers share words, counted once.
  const distinct = (pick: (tier: Tables) => Table) =>
    tables.length === 1 ? pick(tables[0]!).size : new Set(tables.flatMap((tier) => [...pick(tier).keys()])).size;
  const stats: DictionaryStats = {
    entries: Object.fromEntries(tiers.flat().map((source) => [source.name, source.pairs.length])),
    words: { nl: distinct((tier) => tier.toEnglish), en: distinct((tier) => tier.toDutch) },
    loadMs: performance.now() - started,
  };
  return createDictionary(tables, stats);
}

function tablesOf(sources: readonly DictionarySource[], keyOf: (word: string) => string): Tables {
  const toEnglish: Table = new Map();
  const toDutch: Table = new Map();
  const tableFrom = (language: LexiconLanguage) => (language === "nl" ? toEnglish : toDutch);
  // Direct entries first, so they lead each list; reversed ones follow.
  for (const { from, pairs } of sources) {
    const table = tableFrom(from);
    for (const [headword, translations] of pairs) for (const word of translations) add(table, keyOf(headword), word, keyOf(word));
  }
  for (const { from, pairs, oneWay } of sources) {
    if (oneWay) continue;
    const table = tableFrom(from === "nl" ? "en" : "nl");
    for (const [headword, translations] of pairs) for (const word of translations) add(table, keyOf(word), headword, keyOf(headword));
  }
  return { toEnglish, toDutch };
}

/** A word's translations in one table: the exact entry, else those of its possible lemmas. */
function lookUp(table: Table, word: string, from: LexiconLanguage): string[] {
  const exact = table.get(key(word))?.words ?? [];
  // A Dutch form that is an entry is taken as it is: `krijgen` is not the plural of `krijg` (war).
  if (exact.length > 0 && from === "nl") return [...exact];
  // Running text inflects; the dictionary lists lemmas: `weapons` is found as weapon. An English
  // form that is an entry of its own still gets its lemma's words (`arms` is also arm).
  const found = [...exact];
  for (const lemma of lemmaCandidates(key(word), from))
    for (const translation of table.get(lemma)?.words ?? []) if (!found.includes(translation)) found.push(translation);
  return found;
}

function createDictionary(tiers: readonly Tables[], stats: DictionaryStats): BilingualDictionary {
  const translate = (word: string, from: LexiconLanguage, to: LexiconLanguage): string[] => {
    if (from === to) return [];
    for (const tier of tiers) {
      const found = lookUp(from === "nl" ? tier.toEnglish : tier.toDutch, word, from);
      if (found.length > 0) return found;
    }
    return [];
  };
  return {
    stats,
    translate,
    dutchSynonyms(word, options = {}) {
      const limit = options.limit ?? 10;
      const maxSenseSize = options.maxSenseSize ?? 8;
      const self = key(word);
      const shared = new Map<string, number>();
      for (const english of translate(word, "nl", "en")) {
        const dutch = translate(english, "en", "nl");
        if (dutch.length > maxSenseSize) continue;
        for (const candidate of dutch) {
          if (candidate.includes(" ") || key(candidate) === self) continue;
          shared.set(candidate, (shared.get(candidate) ?? 0) + 1);
        }
      }
      // Map order is first-seen order, and sort is stable: ties keep the dictionary's order.
      return [...shared.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, limit)
        .map(([candidate]) => candidate);
    },
  };
}

/**
 * The outcome of reading FreeDict: its word lists (the caller builds the dictionary it wants from
 * them, alone or behind the bundled list), absent, or failed with a one-line reason.
 */
export type DictionaryLoad =
  | { readonly status: "ready"; readonly sources: readonly DictionarySource[] }
  | { readonly status: "absent"; readonly reason: string }
  | { readonly status: "failed"; readonly reason: string; readonly error: DictdError };

const loads = new Map<string, DictionaryLoad>();

/**
 * FreeDict's word lists in `folder`, read on the first call and remembered (success or failure)
 * for the life of the process. Never throws: a missing or broken dictionary yields a `reason` to
 * log once.
 */
export function bilingualDictionary(options: { folder?: string } = {}): DictionaryLoad {
  const folder = options.folder ?? DEFAULT_DICTD_FOLDER;
  const known = loads.get(folder);
  if (known) return known;
  let load: DictionaryLoad;
  try {
    const sources = readFreedictSources({ folder });
    load = sources
      ? { status: "ready", sources }
      : {
          status: "absent",
          reason: `No FreeDict Dutch–English dictionary in ${folder}; install dict-freedict-nld-eng and dict-freedict-eng-nld for English–Dutch word matching.`,
        };
  } catch (error) {
    if (!(error instanceof DictdError)) throw error;
    load = { status: "failed", reason: `${error.code}: ${error.message}`, error };
  }
  loads.set(folder, load);
  return load;
}
