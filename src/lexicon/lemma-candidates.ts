import { dutchVerbLemmas, infinitives } from "../text/dutch-verbs.js";
import type { LexiconLanguage } from "./name-entry.js";

/**
 * Dictionary forms a running-text word may come from, most likely first, for looking words up in a
 * dictionary that lists lemmas only: `weapons` → weapon, `hospitals` → hospital, `raketten` →
 * raket, `systemen` → systeem, `ziekenhuizen` → ziekenhuis, `berichtje` → bericht, `stuurt` →
 * sturen, `kreeg` → krijgen, `gebeld` → bellen. Regular inflection, WordNet's irregular English
 * forms elsewhere (bundled-lexicon.ts) and Dutch strong verbs; a candidate that is not a word is
 * harmless (the lookup simply misses). Pure.
 */
export function lemmaCandidates(word: string, language: LexiconLanguage): string[] {
  const candidates = language === "en" ? englishCandidates(word) : dutchLemmas(word);
  return [...new Set([word, ...candidates])].filter((candidate) => candidate.length >= 2);
}

/** English lemmas of the word or short phrase, also in American spelling (the word list's): `air defence` → air defense. */
function englishCandidates(text: string): string[] {
  const american = text.split(" ").map(americanSpelling).join(" ");
  return american === text ? englishLemmas(text) : [...englishLemmas(text), american, ...englishLemmas(american)];
}

/**
 * The American spelling of a British word, by the regular correspondences: defence → defense,
 * colour → color, organise(d) → organize(d), analyse → analyze, centre → center, catalogue →
 * catalog, travelled → traveled. Short words are left alone (four, hour, your; rise, wise).
 */
export function americanSpelling(word: string): string {
  if (word.length < 5) return word;
  return word
    .replace(/ence$/u, "ense")
    .replace(/(?<=\p{L}{3})our(s|ed|ing)?$/u, "or$1")
    .replace(/(?<=\p{L}{3})is(e|es|ed|ing|ation|ations)$/u, "iz$1")
    .replace(/ys(e|es|ed|ing)$/u, "yz$1")
    .replace(/(?<=\p{L}{3})tre(s)?$/u, "ter$1")
    .replace(/ogue(s)?$/u, "og$1")
    .replace(/(?<=[aeiou])ll(ed|ing|er|ers)$/u, "l$1");
}

function englishLemmas(word: string): string[] {
  const base = word.replace(/'s$|s'$/u, "");
  const out = [base];
  if (base.endsWith("ies")) out.push(`${base.slice(0, -3)}y`);
  if (/(ses|xes|zes|ches|shes)$/u.test(base)) out.push(base.slice(0, -2));
  if (base.endsWith("s") && !base.endsWith("ss")) out.push(base.slice(0, -1));
  if (base.endsWith("ied")) out.push(`${base.slice(0, -3)}y`);
  if (base.endsWith("ed")) out.push(base.slice(0, -2), base.slice(0, -1), undouble(base.slice(0, -2)));
  if (base.endsWith("ing")) out.push(base.slice(0, -3), `${base.slice(0, -3)}e`, undouble(base.slice(0, -3)));
  // Comparatives, superlatives and adverbs: faster, larger, bigger, earliest, quickly, easily.
  for (const suffix of ["er", "est", "ly"]) {
    if (!base.endsWith(suffix) || base.length < suffix.length + 3) continue;
    const stem = base.slice(0, -suffix.length);
    out.push(stem, `${stem}e`, undouble(stem));
    if (stem.endsWith("i")) out.push(`${stem.slice(0, -1)}y`);
  }
  return out;
}

function dutchLemmas(word: string): string[] {
  const out: string[] = [];
  // Plurals and inflected adjectives: -en, -s, -'s, -e.
  if (word.endsWith("en") && word.length > 4) {
    const stem = word.slice(0, -2);
    out.push(...dutchSingulars(stem));
    // Verbs: `leveren` is already a lemma; `stuurt`/`stuur` come back to it below.
  }
  if (/[^s]s$/u.test(word) && word.length > 3) out.push(word.slice(0, -1));
  if (word.endsWith("'s")) out.push(word.slice(0, -2));
  if (word.endsWith("e") && word.length > 4) out.push(...dutchSingulars(word.slice(0, -1)));
  out.push(...diminutiveBases(word));
  // Verb forms: `stuurt`, `bevestigde`, `gebeld`, `toegezegd`, `kreeg` (dutch-verbs.ts); a bare stem `stuur`.
  out.push(...dutchVerbLemmas(word).all);
  if (!word.endsWith("en") && word.length >= 3) out.push(...infinitives(word));
  return out;
}

/** `berichtje` → bericht, `boompje` → boom, `dingetje` → ding, `karretjes` → kar, `stoeltje` → stoel (candidates, not all words). */
export function diminutiveBases(word: string): string[] {
  const singular = word.endsWith("jes") ? word.slice(0, -1) : word;
  if (!singular.endsWith("je") || singular.length < 5) return [];
  const out: string[] = [];
  if (singular.endsWith("etje")) out.push(undouble(singular.slice(0, -4)));
  if (singular.endsWith("tje") || singular.endsWith("pje")) out.push(singular.slice(0, -3));
  out.push(singular.slice(0, -2));
  return out;
}

/** `raket(t)` → raket, `system` → systeem, `ziekenhuiz` → ziekenhuis, `briev` → brief. */
function dutchSingulars(stem: string): string[] {
  const out = [stem, undouble(stem)];
  const open = /([^aeiou])([aeou])([^aeiou])$/u.exec(stem);
  if (open) out.push(`${stem.slice(0, -2)}${open[2]}${open[2]}${open[3]}`);
  for (const form of [...out]) {
    if (form.endsWith("z")) out.push(`${form.slice(0, -1)}s`);
    if (form.endsWith("v")) out.push(`${form.slice(0, -1)}f`);
  }
  return out;
}

function undouble(stem: string): string {
  return /([^aeiou])\1$/u.test(stem) ? stem.slice(0, -1) : stem;
}
