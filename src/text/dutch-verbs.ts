import { BoundedMap } from "../util/bounded-map.js";
import { strongVerbForms } from "./dutch-strong-verbs.js";
import { words } from "./tokenize.js";

/**
 * The infinitives a Dutch word form may belong to, so that a question and a text in different
 * tenses meet: `gevraagd` and `vroeg` (vragen), `toegezegd` and `toezeggen`, `belooft` and
 * `beloven` — the infinitive being what a dictionary gives for an English question's verb. The
 * Snowball stemmer leaves these apart (`belooft` → belooft, `beloven` → belov).
 *
 * `sure` holds lemmas reached by a form only a verb has (an infinitive, a past tense, a past
 * participle, a strong verb's table entry); `all` adds guesses from a form many nouns share (a
 * word ending in -t as a present tense). Two words are taken for forms
 * of one verb when a sure lemma of either is a lemma of the other: `raket` and `raakt` both guess
 * `raken` and do not meet. A candidate that is no verb is harmless: it only ever meets junk. Pure.
 */
export interface VerbLemmas {
  sure: readonly string[];
  all: readonly string[];
}

export function dutchVerbLemmas(word: string): VerbLemmas {
  return memo.remember(word, computeLemmas);
}

/** Whether two words are forms of one Dutch verb (see `VerbLemmas`). */
export function sameVerb(left: VerbLemmas, right: { sure: ReadonlySet<string>; all: ReadonlySet<string> }): boolean {
  return left.sure.some((lemma) => right.all.has(lemma)) || left.all.some((lemma) => right.sure.has(lemma));
}

const memo = new BoundedMap<string, VerbLemmas>(20_000);

/**
 * The lemmas of separable verbs whose particle stands apart in a main clause: "Het waterschap stelde
 * dat verbod in" is a form of `instellen`, as "ingesteld" is; "Duitsland zegt luchtafweer toe" of
 * `toezeggen`. A particle counts at the end of its clause — before punctuation or a conjunction that
 * opens the next clause ("… in nadat …") — where a preposition cannot stand; each finite verb before it
 * in the clause lends it its lemmas. Pure.
 */
export function splitVerbLemmas(text: string): VerbLemmas {
  const sure = new Set<string>();
  const all = new Set<string>();
  for (const clause of text.split(/[.,;:!?()“”"«»–—]+/u)) {
    const list = words(clause);
    list.forEach((particle, at) => {
      if (!separableSet.has(particle) || (at + 1 < list.length && !clauseOpeners.has(list[at + 1]!))) return;
      for (const verb of list.slice(Math.max(0, at - maxParticleDistance), at)) {
        const lemmas = dutchVerbLemmas(verb);
        for (const lemma of lemmas.sure) sure.add(particle + lemma);
        for (const lemma of lemmas.all) all.add(particle + lemma);
      }
    });
  }
  return { sure: [...sure], all: [...all] };
}

/** How many words back from its particle a split verb is looked for. */
const maxParticleDistance = 12;

/** Conjunctions that open a clause, so a particle right before one ends the clause before it. */
const clauseOpeners = new Set([
  "nadat",
  "omdat",
  "dat",
  "toen",
  "terwijl",
  "zodat",
  "waardoor",
  "wanneer",
  "als",
  "maar",
  "en",
  "want",
  "voordat",
  "zodra",
  "hoewel",
  "of",
]);

/** Prefixes that never split off and take no `ge-` in the participle: `bevestigd`, `verloren`. */
const inseparable = ["be", "ver", "ont", "her", "er"];

/** Prefixes that split off in a main clause and put `ge-` after them: `toegezegd`, `aangeboden`. */
export const separable: readonly string[] = [
  "aan",
  "af",
  "bij",
  "binnen",
  "door",
  "in",
  "los",
  "mee",
  "na",
  "neer",
  "om",
  "op",
  "over",
  "samen",
  "tegen",
  "terug",
  "toe",
  "uit",
  "vast",
  "voor",
  "vrij",
  "weg",
];

const separableSet = new Set(separable);

function computeLemmas(word: string): VerbLemmas {
  const sure = new Set<string>();
  const guessed = new Set<string>();
  if (word.length < 3 || !/^\p{Ll}+$/u.test(word)) return { sure: [], all: [] };
  for (const lemma of strongVerbForms.get(word) ?? []) sure.add(lemma);
  if (word.endsWith("en") && word.length >= 5) sure.add(word);
  // A past participle: ge-…-d/t (`gevraagd`), and the strong ones in the table (`gesproken`).
  const participle = /^ge(\p{L}{2,}?)[dt]$/u.exec(word);
  if (participle) infinitives(participle[1]!).forEach((lemma) => sure.add(lemma));
  for (const prefix of inseparable) {
    const rest = word.slice(prefix.length);
    if (!word.startsWith(prefix) || rest.length < 3) continue;
    // `besprak`, `besproken` (the table lists `gesproken`), `bevestigd`.
    for (const lemma of [...(strongVerbForms.get(rest) ?? []), ...(strongVerbForms.get(`ge${rest}`) ?? [])]) sure.add(prefix + lemma);
  }
  for (const prefix of separable) {
    const rest = word.slice(prefix.length);
    if (!word.startsWith(prefix) || rest.length < 3) continue;
    // `toegezegd`, `aangeboden`; in a subordinate clause the past keeps its prefix: `dat hij aanbood`.
    for (const lemma of strongVerbForms.get(rest) ?? []) sure.add(prefix + lemma);
    const split = /^ge(\p{L}{2,}?)[dt]$/u.exec(rest);
    if (split) infinitives(split[1]!).forEach((lemma) => sure.add(prefix + lemma));
  }
  // A weak past (`bevestigde`, `leverden`) and a participle without ge- (`bevestigd`, `verdedigd`).
  const past = /^(\p{L}{3,}?)(?:de|te|den|ten)$/u.exec(word);
  if (past) infinitives(past[1]!).forEach((lemma) => sure.add(lemma));
  const prefixed = /^(?:be|ver|ont|her|er)\p{L}{2,}[dt]$/u.test(word);
  if (prefixed) infinitives(word.slice(0, -1)).forEach((lemma) => sure.add(lemma));
  // A guess: a present tense (`belooft`, but also the noun `raket`). The bare stem (`ik beloof`) is
  // left out: news rarely speaks in the first person, and every other word would be a guess.
  if (word.endsWith("t") && word.length >= 4) infinitives(word.slice(0, -1)).forEach((lemma) => guessed.add(lemma));
  const all = new Set([...sure, ...guessed]);
  return { sure: [...sure], all: [...all] };
}

/**
 * The infinitives a verb stem may have: `lever` → leveren, `beloof` → beloven (a long vowel is
 * written single in an open syllable, and f/s become v/z before -en), `zeg` → zeggen (a short
 * vowel keeps its syllable closed by doubling the consonant).
 */
export function infinitives(stem: string): string[] {
  const out: string[] = [];
  const long = /([aeou])\1([^aeiou])$/u.exec(stem);
  const bases = long ? [stem, `${stem.slice(0, -3)}${long[1]}${long[2]}`] : [stem];
  for (const base of bases) {
    out.push(`${base}en`);
    if (base.endsWith("f")) out.push(`${base.slice(0, -1)}ven`);
    if (base.endsWith("s")) out.push(`${base.slice(0, -1)}zen`);
  }
  if (!long && /[^aeiou][aeiou][^aeiouwjy]$/u.test(stem)) out.push(`${stem}${stem.at(-1)}en`);
  return out;
}
