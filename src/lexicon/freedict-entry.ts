/**
 * Parses the text of one FreeDict entry as `dictfmt` writes it into a dictd file:
 *
 * ```text
 * lopen /lopən/
 * 1. run
 * 2. flow
 * 4. march, walk
 * ```
 *
 * The first line is the headword and its pronunciation between slashes; every other line holds
 * comma-separated translations, numbered when there are several senses. Pure.
 */
import { isAscii } from "../text/fold.js";

/** A headword with its translations, both lower case, accents kept, in the order given. */
export interface FreedictEntry {
  readonly headword: string;
  readonly translations: readonly string[];
}

const PLAIN_WORD = /^[a-z]+$/;

/** Translations longer than this many words are explanations, not words to match. */
export const MAX_PHRASE_WORDS = 3;

/**
 * One headword or translation as a term: NFKC (so `zĳn` becomes `zijn`), lower case, Unicode
 * hyphens made ASCII, a parenthesised note (`hop (plant)`) dropped. Undefined when nothing usable
 * is left: empty, an affix (`huis-`), a fragment (`feel...`) or a phrase of more than
 * {@link MAX_PHRASE_WORDS} words.
 */
export function cleanTerm(raw: string): string | undefined {
  // Most terms are one plain word; they need none of the clean-up below.
  const trimmed = raw.trim();
  if (PLAIN_WORD.test(trimmed)) return trimmed;
  if (raw.includes("...") || raw.includes("…")) return undefined;
  // Most terms are ASCII and need no normalisation, which dominates the load time otherwise.
  const term = (!isAscii(raw) ? raw.normalize("NFKC").replace(/[\u2010\u2011]/g, "-") : raw)
    .replace(/\([^)]*\)/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    // "hallo?" and "Mr." are the words hallo and mr.
    .replace(/[?!.]+$/, "")
    .toLowerCase();
  if (!term || term.startsWith("-") || term.endsWith("-")) return undefined;
  if (!/\p{L}/u.test(term) || term.split(" ").length > MAX_PHRASE_WORDS) return undefined;
  return term;
}

/** The headword and cleaned, deduplicated translations of one entry's text. */
export function parseFreedictEntry(text: string): FreedictEntry | undefined {
  const [first = "", ...rest] = text.split("\n");
  // The pronunciation starts at the first " /" (headwords have no slashes; some translations do: "AC/DC").
  const slash = first.indexOf(" /");
  const headword = cleanTerm(slash >= 0 ? first.slice(0, slash) : first);
  if (!headword) return undefined;
  const translations: string[] = [];
  for (const line of rest) {
    const senses = line.replace(/^\s*\d+\.\s*/u, "");
    for (const part of senses.split(",")) {
      const term = cleanTerm(part);
      if (term && !translations.includes(term)) translations.push(term);
    }
  }
  return { headword, translations };
}
