import type { LexiconLanguage } from "./name-entry.js";

/**
 * Dictionary forms a running-text word may come from, most likely first, for looking words up in a
 * dictionary that lists lemmas only: `weapons` → weapon, `hospitals` → hospital, `raketten` →
 * raket, `systemen` → systeem, `ziekenhuizen` → ziekenhuis, `stuurt` → sturen. Regular
 * inflection only; a candidate that is not a word is harmless (the lookup simply misses). Pure.
 */
export function lemmaCandidates(word: string, language: LexiconLanguage): string[] {
  const candidates = language === "en" ? englishLemmas(word) : dutchLemmas(word);
  return [...new Set([word, ...candidates])].filter((candidate) => candidate.length >= 2);
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
  // Verb forms: `stuurt`, `levert`, `beschermt` → sturen, leveren, beschermen; past `leverde(n)`.
  const verbStem = word.replace(/(t|de|te|den|ten)$/u, "");
  if (verbStem !== word && verbStem.length >= 3) out.push(...dutchInfinitives(verbStem));
  if (!word.endsWith("en")) out.push(...dutchInfinitives(word));
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

/** `stuur` → sturen, `lever` → leveren, `bescherm` → beschermen. */
function dutchInfinitives(stem: string): string[] {
  const out = [`${stem}en`];
  const long = /([aeou])\1([^aeiou])$/u.exec(stem);
  if (long) out.push(`${stem.slice(0, -3)}${long[1]}${long[2]}en`);
  if (/[^aeiou]([^aeiou])$/u.test(stem) === false && /([^aeiou])$/u.test(stem)) out.push(`${stem}${stem.at(-1)}en`);
  if (stem.endsWith("s")) out.push(`${stem.slice(0, -1)}zen`);
  if (stem.endsWith("f")) out.push(`${stem.slice(0, -1)}ven`);
  return out;
}

function undouble(stem: string): string {
  return /([^aeiou])\1$/u.test(stem) ? stem.slice(0, -1) : stem;
}
