/**
 * Finds lexicon entries in a text: a word-sequence index over every form of every entry, with
 * the inflections news text uses (`Duitse` for `Duits`, `Germans`, `Duitslands`, `Germany’s`,
 * `maandagavond`). Pure after it is built.
 */
import { foldText } from "../text/fold.js";
import { inflectDutchAdjective, looksLikeDutchNationalityAdjective } from "./dutch-adjective.js";
import { foldedWords, type FoldedWord } from "./folded-words.js";
import type { LexiconLanguage, MatchVia, NameEntry, NameMatch } from "./name-entry.js";

interface Pattern {
  readonly entry: NameEntry;
  readonly form: string;
  readonly language: LexiconLanguage;
  readonly via: MatchVia;
  /** Original spellings the words must have, for forms that are also ordinary words in lower case. */
  readonly exactWords?: readonly string[];
}

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  readonly patterns: Pattern[];
}

const DAY_PARTS = ["ochtend", "morgen", "middag", "avond", "nacht"];
// Between the words of one name: spaces, hyphens, the dot of "St." and "U.S.", "&".
const INNER_GAP = /^[\s\-‐‑–—.&'’]*$/u;
const APOSTROPHE = /^['’]$/u;

/** An index over entries; build once with {@link buildNameIndex}. */
export interface NameIndex {
  /** Every entry named in `text`, leftmost-longest, in text order; see `lookupNames`. */
  match(text: string): NameMatch[];
  /** Entries of which `phrase`, as a whole, is a form (inflections included). */
  named(phrase: string): NameEntry[];
}

function node(): TrieNode {
  return { next: new Map(), patterns: [] };
}

/**
 * Forms written in capitals (`UK`, `VS`) or short ones with a capital (`Ga`, `Yi`, `Lao`) are
 * ordinary words in lower case ("us", "ga"), so they match only as written.
 */
function needsExactCase(form: string, words: readonly FoldedWord[]): boolean {
  if (words.length !== 1) return false;
  const letters = form.replace(/[^\p{L}]/gu, "");
  return /\p{Lu}/u.test(letters) && (letters === letters.toUpperCase() || letters.length <= 3);
}

/** The last-word variants a form is also written with, besides itself. */
function lastWordVariants(entry: NameEntry, language: LexiconLanguage, via: MatchVia, last: string): string[] {
  const variants: string[] = [];
  if (language === "nl") {
    const adjectival = via === "adjective" || (entry.kind === "language" && looksLikeDutchNationalityAdjective(last));
    if (adjectival) variants.push(foldText(inflectDutchAdjective(last)));
    // Inhabitants, named after the adjective: "Amerikanen", "Canadezen", "Duitsers".
    if (via === "adjective") variants.push(...dutchInhabitants(last));
    // Genitive: "Duitslands economie".
    if ((entry.kind === "country" || entry.kind === "region" || entry.kind === "city") && !last.endsWith("s")) variants.push(`${last}s`);
    // "maandagen", "zondags", "maandagavond".
    if (entry.kind === "weekday") variants.push(`${last}en`, `${last}s`, ...DAY_PARTS.map((part) => `${last}${part}`));
  } else {
    // Plural nouns: "Germans", "Mondays"; not after a sibilant ("British", "Swiss", "Chinese").
    const pluralises = via === "adjective" || entry.kind === "weekday";
    if (pluralises && !/(s|sh|ch|x|z|ese)$/u.test(last)) variants.push(`${last}s`);
  }
  return variants;
}

/**
 * The Dutch names of a country's inhabitants that follow from its adjective: `-aans` →
 * `-aan`/`-anen` (Amerikaans → Amerikanen), `-ees` → `-ezen` (Canadees → Canadezen), else `-er`/`-ers`
 * (Duits → Duitsers). Irregular ones (Britten, Russen, Oekraïners) are not derived; a form no one
 * writes matches nothing.
 */
function dutchInhabitants(adjective: string): string[] {
  if (adjective.endsWith("aans")) return [`${adjective.slice(0, -4)}aan`, `${adjective.slice(0, -4)}anen`];
  if (adjective.endsWith("ees")) return [`${adjective.slice(0, -3)}ezen`];
  if (adjective.endsWith("s") && !adjective.endsWith("isch")) return [`${adjective}er`, `${adjective}ers`];
  return [];
}

/** Adds one pattern at the end of a word path, unless the same entry, language and kind is already there. */
function insertPattern(root: TrieNode, words: readonly string[], pattern: Pattern): void {
  let at = root;
  for (const word of words) {
    let child = at.next.get(word);
    if (!child) {
      child = node();
      at.next.set(word, child);
    }
    at = child;
  }
  const duplicate = at.patterns.some(
    (existing) =>
      existing.entry === pattern.entry &&
      existing.language === pattern.language &&
      existing.via === pattern.via &&
      existing.exactWords === undefined &&
      pattern.exactWords === undefined,
  );
  if (!duplicate) at.patterns.push(pattern);
}

/** Every form and adjective of an entry in both languages, with the inflected variants of its last word. */
function indexEntry(root: TrieNode, entry: NameEntry): void {
  for (const language of ["nl", "en"] as const) {
    const sources: [MatchVia, readonly string[]][] = [
      ["name", entry.forms[language]],
      ["adjective", entry.adjectives?.[language] ?? []],
    ];
    for (const [via, forms] of sources) {
      for (const form of forms) {
        const words = foldedWords(form);
        const last = words.at(-1);
        if (!last) continue;
        const texts = words.map((word) => word.text);
        if (needsExactCase(form, words)) {
          insertPattern(root, texts, { entry, form, language, via, exactWords: words.map((word) => word.raw) });
          continue;
        }
        insertPattern(root, texts, { entry, form, language, via });
        for (const variant of lastWordVariants(entry, language, via, last.text)) {
          insertPattern(root, [...texts.slice(0, -1), variant], { entry, form, language, via });
        }
      }
    }
  }
}

/** The longest run of words from `from` that is a form, with the patterns that hold there. */
function longestAt(root: TrieNode, words: readonly FoldedWord[], from: number, text: string): { to: number; patterns: Pattern[] } | undefined {
  let at: TrieNode | undefined = root;
  let best: { to: number; patterns: Pattern[] } | undefined;
  for (let index = from; index < words.length && at; index += 1) {
    const word = words[index];
    if (!word) break;
    if (index > from && !INNER_GAP.test(text.slice(words[index - 1]?.end ?? 0, word.start))) break;
    at = at.next.get(word.text);
    if (!at || at.patterns.length === 0) continue;
    const raws = words.slice(from, index + 1).map((w) => w.raw);
    const patterns = at.patterns.filter((pattern) => !pattern.exactWords || pattern.exactWords.every((raw, i) => raw === raws[i]));
    if (patterns.length > 0) best = { to: index, patterns };
  }
  return best;
}

/** One match per entry found on the span `from`–`to`, a name preferred over an adjective. */
function toMatches(text: string, words: readonly FoldedWord[], from: number, to: number, patterns: readonly Pattern[]): NameMatch[] {
  const first = words[from];
  let last = words[to];
  if (!first || !last) return [];
  // "Germany's", "Kyiv’s": the genitive is part of the name as written.
  const after = words[to + 1];
  if (after?.text === "s" && APOSTROPHE.test(text.slice(last.end, after.start))) last = after;
  const byEntry = new Map<string, { pattern: Pattern; languages: Set<LexiconLanguage> }>();
  for (const pattern of patterns) {
    const seen = byEntry.get(pattern.entry.id);
    if (seen) {
      seen.languages.add(pattern.language);
      if (seen.pattern.via === "adjective" && pattern.via === "name") seen.pattern = pattern;
    } else {
      byEntry.set(pattern.entry.id, { pattern, languages: new Set([pattern.language]) });
    }
  }
  return [...byEntry.values()].map(({ pattern, languages }) => ({
    entry: pattern.entry,
    text: text.slice(first.start, last.end),
    start: first.start,
    end: last.end,
    form: pattern.form,
    capitalized: /^\p{Lu}/u.test(first.raw),
    languages: [...languages],
    via: pattern.via,
  }));
}

/** Builds the index over the given entries' forms and adjectives. */
export function buildNameIndex(entries: readonly NameEntry[]): NameIndex {
  const root = node();
  for (const entry of entries) indexEntry(root, entry);
  const match = (text: string): NameMatch[] => {
    const words = foldedWords(text);
    const matches: NameMatch[] = [];
    for (let from = 0; from < words.length;) {
      const found = longestAt(root, words, from, text);
      if (!found) {
        from += 1;
        continue;
      }
      matches.push(...toMatches(text, words, from, found.to, found.patterns));
      from = found.to + 1;
    }
    return matches;
  };
  return {
    match,
    named(phrase) {
      const words = foldedWords(phrase);
      const first = words[0];
      const last = words.at(-1);
      if (!first || !last) return [];
      return match(phrase)
        .filter((found) => found.start === first.start && found.end >= last.end)
        .map((found) => found.entry);
    },
  };
}
