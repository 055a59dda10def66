/**
 * Country adjectives (`Duits`/`German`, `Brits`/`British`, `Canadees`/`Canadian`) derived from
 * CLDR names in Node's ICU (Unicode licence), never typed by hand. Three sources, each generic:
 *
 * - regional language variants named "<adjective> <language>" (`en-GB` British English,
 *   `de-AT` Austrian German) give the adjective for the variant's country;
 * - currency names "<adjective> <currency>" (`CAD` Canadese dollar / Canadian Dollar,
 *   `DEM` Duitse mark / German Mark) give it for the country of the code's first two letters;
 * - a language whose main country is the country it is first spoken in (`el` ↔ GR, `fo` ↔ FO)
 *   lends its name (`Grieks`/`Greek`) where the other sources found none, if the Dutch name is
 *   shaped like an adjective, and unless a variant names the country's own kind of it (so
 *   `Engels` is not the adjective of the US: `en-US` is "American English").
 *
 * An adjective that would point at two countries (`European` from `es-ES` and `pt-PT`) is dropped,
 * and so is one that is the country's own name (`Taiwan` in "New Taiwan Dollar").
 */
import { foldText } from "../text/fold.js";
import { looksLikeDutchNationalityAdjective, uninflectDutchAdjective } from "./dutch-adjective.js";
import { displayNames, mainCountry, primaryLanguage } from "./intl-names.js";
import type { LanguageForms, LexiconLanguage, NameEntry } from "./name-entry.js";

// English nationality adjectives end like these (British, Canadian, Argentine, Swiss, Thai, Czech,
// Chinese, Iraqi); the ending test keeps "Congo" (Congo Swahili) and "Lesotho" (Lesotho Loti) out.
// Those it misses (Greek, Slovak) come from the language names.
const ENGLISH_ADJECTIVE = /(an|ine|ese|ish|ic|ch|ss|i|que|ois)$/u;

type Candidates = Map<string, { country: string; language: LexiconLanguage; adjective: string }[]>;

function words(text: string): string[] {
  return text.split(/\s+/u).filter(Boolean);
}

function nameWords(entry: NameEntry | undefined, language: LexiconLanguage): Set<string> {
  const found = new Set<string>();
  for (const form of entry?.forms[language] ?? []) for (const word of foldText(form).split(/[^\p{L}\p{N}]+/u)) if (word) found.add(word);
  return found;
}

/**
 * The adjective before a currency noun: the last word of `head`, extended to the left over words
 * of the country's own name ("Sri Lankaanse", "South Korean", but not "Nieuwe Taiwanese").
 */
function adjectiveAtEnd(head: readonly string[], ownNameWords: Set<string>): string | undefined {
  if (head.length === 0) return undefined;
  let from = head.length - 1;
  while (from > 0 && ownNameWords.has(foldText(head[from - 1] ?? ""))) from -= 1;
  return head.slice(from).join(" ");
}

function isEnglishAdjective(candidate: string): boolean {
  return /^\p{Lu}/u.test(candidate) && !/^[\p{Lu}\s.&-]+$/u.test(candidate) && !/\d/u.test(candidate) && ENGLISH_ADJECTIVE.test(candidate);
}

function isDutchAdjective(candidate: string): boolean {
  return /^\p{Lu}/u.test(candidate) && !/\d/u.test(candidate) && looksLikeDutchNationalityAdjective(candidate);
}

/** The Dutch and English adjectives in one currency's names, e.g. `Canadese dollar` / `Canadian Dollar`. */
export function currencyAdjectives(nlName: string, enName: string, nlOwnWords: Set<string>, enOwnWords: Set<string>): Partial<Record<LexiconLanguage, string>> {
  const strip = (name: string) => words(name.replace(/\s*\([^)]*\)/gu, ""));
  const nl = strip(nlName);
  const en = strip(enName);
  const found: Partial<Record<LexiconLanguage, string>> = {};
  // Dutch writes the currency in lower case, so the first lower-case word starts the noun; its
  // length tells how many of the (title-cased) English words are noun too ("nieuwe shekel").
  const nounAt = nl.findIndex((word) => /^\p{Ll}/u.test(word));
  if (nounAt > 0) {
    const adjective = adjectiveAtEnd(nl.slice(0, nounAt), nlOwnWords);
    if (adjective && isDutchAdjective(adjective)) found.nl = uninflectDutchAdjective(adjective) ?? adjective;
  }
  const nounLength = nounAt > 0 ? nl.length - nounAt : 1;
  if (en.length > nounLength) {
    const adjective = adjectiveAtEnd(en.slice(0, en.length - nounLength), enOwnWords);
    if (adjective && isEnglishAdjective(adjective)) found.en = adjective;
  }
  return found;
}

/** The adjective in a variant name "<adjective> <language>" (`Austrian German`, `Swiss High German`). */
export function variantAdjective(variantName: string, languageName: string, language: LexiconLanguage): string | undefined {
  const parts = words(variantName);
  const first = parts[0];
  const last = parts.at(-1);
  const languageLast = words(languageName).at(-1);
  if (parts.length < 2 || !first || !last || !languageLast) return undefined;
  if (!foldText(last).endsWith(foldText(languageLast))) return undefined;
  const ok = language === "en" ? isEnglishAdjective(first) : isDutchAdjective(first);
  return ok ? first : undefined;
}

/** Currency names per language, keyed by ISO 4217 code (`cldr-numbers-full`'s currencies.json). */
export type CurrencyNames = Readonly<Record<LexiconLanguage, ReadonlyMap<string, string>>>;

/**
 * Adjectives per country code, from the three sources above. `entries` must hold the country
 * entries (`region:XX`) and the language entries including variants (`language:de-AT`).
 */
export function countryAdjectives(entries: readonly NameEntry[], currencies: CurrencyNames): Map<string, LanguageForms> {
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const countries = entries.filter((entry) => entry.kind === "country").map((entry) => entry.id.slice("region:".length));
  const candidates: Candidates = new Map();
  const propose: Propose = (country, language, adjective) => {
    const key = `${language}:${foldText(adjective)}`;
    const list = candidates.get(key) ?? [];
    list.push({ country, language, adjective });
    candidates.set(key, list);
  };
  const languageNames = displayNames("language");
  const variantCountries = proposeFromVariants(entries, languageNames, propose);
  proposeFromCurrencies(currencies, new Set(countries), byId, propose);
  proposeFromLanguageNames(countries, candidates, variantCountries, languageNames, propose);
  return chooseAdjectives(candidates, byId);
}

type Propose = (country: string, language: LexiconLanguage, adjective: string) => void;
type LanguageNames = ReturnType<typeof displayNames>;

/** "Brits Engels" → Brits for GB; returns, per language, the countries that got an adjective this way. */
function proposeFromVariants(entries: readonly NameEntry[], languageNames: LanguageNames, propose: Propose): Map<string, Set<string>> {
  const variantCountries = new Map<string, Set<string>>();
  for (const entry of entries) {
    const tag = /^language:([a-z]{2,3})-([A-Z]{2})$/u.exec(entry.id);
    if (!tag) continue;
    const [, language = "", country = ""] = tag;
    for (const lang of ["nl", "en"] as const) {
      const languageName = languageNames[lang].of(language);
      for (const form of entry.forms[lang]) {
        const adjective = languageName ? variantAdjective(form, languageName, lang) : undefined;
        if (!adjective) continue;
        propose(country, lang, adjective);
        variantCountries.set(language, (variantCountries.get(language) ?? new Set()).add(country));
      }
    }
  }
  return variantCountries;
}

/** "Canadese dollar" → Canadees for CA. */
function proposeFromCurrencies(currencies: CurrencyNames, isCountry: ReadonlySet<string>, byId: ReadonlyMap<string, NameEntry>, propose: Propose): void {
  for (const [code, nl] of currencies.nl) {
    // ISO 4217 codes start with the country's code (CAD, GBP; DEM and NLG before the euro).
    const country = code.slice(0, 2);
    const en = currencies.en.get(code);
    if (!en || !isCountry.has(country)) continue;
    const own = byId.get(`region:${country}`);
    const found = currencyAdjectives(nl, en, nameWords(own, "nl"), nameWords(own, "en"));
    if (found.nl) propose(country, "nl", found.nl);
    if (found.en) propose(country, "en", found.en);
  }
}

/** The country's main language named like a nationality ("Grieks"), where nothing else gave an adjective. */
function proposeFromLanguageNames(
  countries: readonly string[],
  candidates: Candidates,
  variantCountries: ReadonlyMap<string, ReadonlySet<string>>,
  languageNames: LanguageNames,
  propose: Propose,
): void {
  const hasAdjective = new Set([...candidates.values()].flat().map((candidate) => `${candidate.language}:${candidate.country}`));
  for (const country of countries) {
    const language = primaryLanguage(country);
    if (mainCountry(language) !== country || variantCountries.get(language)?.has(country)) continue;
    // Only a language named like a nationality: Dutch shows it in the ending ("Grieks",
    // "Faeröers"), which English lacks ("Greek"), so the Dutch name decides for both. "Sango"
    // and "Hindi" name a language only.
    const dutch = languageNames.nl.of(language);
    if (!dutch || words(dutch).length !== 1 || !isDutchAdjective(dutch)) continue;
    for (const lang of ["nl", "en"] as const) {
      // Only where nothing else named the country's adjective in that language.
      const name = languageNames[lang].of(language);
      if (name && words(name).length === 1 && !hasAdjective.has(`${lang}:${country}`)) propose(country, lang, name);
    }
  }
}

/** Keeps adjectives that point to one country only and are not the country's own name. */
function chooseAdjectives(candidates: Candidates, byId: ReadonlyMap<string, NameEntry>): Map<string, LanguageForms> {
  const adjectives = new Map<string, { nl: string[]; en: string[] }>();
  for (const list of candidates.values()) {
    const first = list[0];
    if (!first || new Set(list.map((candidate) => candidate.country)).size > 1) continue;
    // An "adjective" that is the country's own name ("Taiwan" in New Taiwan Dollar) adds nothing.
    const own = byId.get(`region:${first.country}`);
    if (own?.forms[first.language].some((form) => foldText(form) === foldText(first.adjective))) continue;
    const forms = adjectives.get(first.country) ?? { nl: [], en: [] };
    forms[first.language].push(first.adjective);
    adjectives.set(first.country, forms);
  }
  return adjectives;
}
