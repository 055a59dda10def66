/**
 * Countries, macro-regions, languages, months and weekdays with their Dutch and English names,
 * read from the CLDR data built into Node's ICU through `Intl` (Unicode licence). Nothing is typed
 * by hand except which codes CLDR reserves for pseudo-locales and groupings.
 */
import type { LexiconLanguage, NameEntry } from "./name-entry.js";
import { calendarNames } from "../text/calendar-words.js";
import { expandDisplayName } from "./name-forms.js";

const LANGUAGES: readonly LexiconLanguage[] = ["nl", "en"];
const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
// CLDR's pseudo-locale regions and "unknown region": codes with a display name but no place.
const NOT_PLACES = new Set(["XA", "XB", "ZZ"]);
// Two-letter codes CLDR names like countries that are groupings of them.
const GROUPINGS = new Set(["EU", "EZ", "UN", "QO"]);

type Names = Readonly<Record<LexiconLanguage, Intl.DisplayNames>>;

const namers = new Map<string, Names>();

/**
 * Dutch and English display names of one type, `undefined` for codes CLDR does not name.
 * Creating one loads ICU data (milliseconds each), so they are made once per process.
 */
export function displayNames(type: Intl.DisplayNamesType, style: Intl.DisplayNamesOptions["style"] = "long"): Names {
  const key = `${type}/${style ?? "long"}`;
  let names = namers.get(key);
  if (!names) {
    names = {
      nl: new Intl.DisplayNames(["nl"], { type, style, fallback: "none" }),
      en: new Intl.DisplayNames(["en"], { type, style, fallback: "none" }),
    };
    namers.set(key, names);
  }
  return names;
}

/** True when `code` is a current code: deprecated ones (`UK`, `DD`, `iw`) canonicalise to another. */
function isCanonical(tag: string): boolean {
  return Intl.getCanonicalLocales(tag)[0] === tag;
}

/** ISO 3166 codes of countries and territories CLDR names, and the codes of groupings and M.49 macro-regions. */
export function regionCodes(): { countries: string[]; regions: string[] } {
  const names = displayNames("region").en;
  const countries: string[] = [];
  const regions: string[] = [];
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = `${a}${b}`;
      if (NOT_PLACES.has(code) || names.of(code) === undefined || !isCanonical(`und-${code}`)) continue;
      (GROUPINGS.has(code) ? regions : countries).push(code);
    }
  }
  for (const code of GROUPINGS) if (!regions.includes(code)) regions.push(code);
  for (let number = 1; number < 1000; number += 1) {
    const code = String(number).padStart(3, "0");
    // Numeric codes of single countries (276) canonicalise to the letters (DE): not macro-regions.
    if (names.of(code) !== undefined && isCanonical(`und-${code}`)) regions.push(code);
  }
  return { countries, regions };
}

function regionForms(code: string, long: Names, short: Names): Record<LexiconLanguage, string[]> {
  const forms: Record<LexiconLanguage, string[]> = { nl: [], en: [] };
  for (const language of LANGUAGES) {
    // The short style adds "UK", "VS", "Hong Kong", "Palestine" next to the long names.
    for (const name of new Set([long[language].of(code), short[language].of(code)])) {
      if (name === undefined) continue;
      for (const form of expandDisplayName(name, language, "alternative")) {
        if (!forms[language].includes(form)) forms[language].push(form);
      }
    }
  }
  return forms;
}

/** Country and region entries (without adjectives; see `demonyms.ts`). */
export function regionEntries(codes = regionCodes()): NameEntry[] {
  const long = displayNames("region");
  const short = displayNames("region", "short");
  const entries: NameEntry[] = [];
  for (const code of codes.countries) entries.push({ id: `region:${code}`, kind: "country", forms: regionForms(code, long, short) });
  for (const code of codes.regions) entries.push({ id: `region:${code}`, kind: "region", forms: regionForms(code, long, short) });
  return entries;
}

// Likely-subtag lookups cost tens of microseconds each and are asked for repeatedly.
const likely = new Map<string, Intl.Locale>();

function maximized(tag: string): Intl.Locale {
  let locale = likely.get(tag);
  if (!locale) {
    locale = new Intl.Locale(tag).maximize();
    likely.set(tag, locale);
  }
  return locale;
}

/** The language most of a country speaks, by CLDR likely subtags (`DE` → `de`, `BE` → `nl`). */
export function primaryLanguage(country: string): string {
  return maximized(`und-${country}`).language;
}

/** The country a language is most associated with, by CLDR likely subtags (`de` → DE, `en` → US). */
export function mainCountry(language: string): string | undefined {
  return maximized(language).region;
}

/**
 * Language entries: every ISO 639-1 language CLDR names, every country's primary language, and
 * the regional variants among `localeTags` and each language's default locale that CLDR gives a
 * name of their own (`en-GB` British English, `en-US` American English, `nl-BE` Vlaams). A variant keeps only names without a parenthesis:
 * `Engels (Verenigd Koninkrijk)` is a description, not a name.
 */
export function languageEntries(countries: readonly string[], localeTags: readonly string[]): NameEntry[] {
  const names = displayNames("language");
  const codes = new Set<string>();
  for (const a of LETTERS) {
    for (const b of LETTERS) {
      const code = `${a}${b}`.toLowerCase();
      if (names.en.of(code) !== undefined && isCanonical(code)) codes.add(code);
    }
  }
  for (const country of countries) codes.add(primaryLanguage(country));
  const entries: NameEntry[] = [];
  for (const code of codes) {
    const nl = names.nl.of(code);
    const en = names.en.of(code);
    const forms = { nl: nl ? expandDisplayName(nl, "nl", "qualifier") : [], en: en ? expandDisplayName(en, "en", "qualifier") : [] };
    if (forms.nl.length + forms.en.length === 0) continue;
    const country = mainCountry(code);
    entries.push({ id: `language:${code}`, kind: "language", ...(country ? { country } : {}), forms });
  }
  const known = new Set(countries);
  // A language's default locale has no folder of its own (`en` is `en-US`, `pt` is `pt-BR`),
  // but can have a variant name all the same ("American English").
  const defaults = entries.flatMap((entry) => (entry.country ? [`${entry.id.slice("language:".length)}-${entry.country}`] : []));
  for (const tag of new Set([...localeTags, ...defaults])) {
    const country = tag.split("-")[1] ?? "";
    if (!known.has(country)) continue;
    const nl = names.nl.of(tag);
    const en = names.en.of(tag);
    const forms = { nl: nl && !nl.includes("(") ? [nl] : [], en: en && !en.includes("(") ? [en] : [] };
    if (forms.nl.length + forms.en.length === 0) continue;
    entries.push({ id: `language:${tag}`, kind: "language", country, forms });
  }
  return entries;
}

/** Months (`month:1` … `month:12`) and weekdays (`weekday:1` Monday … `weekday:7` Sunday). */
export function calendarEntries(): NameEntry[] {
  return calendarNames().map((name) => ({ id: `${name.kind}:${name.number}`, kind: name.kind, forms: { nl: [name.nl], en: [name.en] } }));
}
