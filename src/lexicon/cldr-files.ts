/**
 * Reads the few CLDR JSON files the lexicon needs from the installed `cldr-bcp47`,
 * `cldr-dates-full` and `cldr-numbers-full` packages (Unicode licence, version pinned in
 * package.json). The only I/O of the name lexicon; everything built from it is pure.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Bcp47Zone, CldrZoneData } from "./cldr-cities.js";
import { exemplarCities } from "./cldr-cities.js";
import type { LexiconLanguage } from "./name-entry.js";

const packageRequire = createRequire(import.meta.url);

function readJson(specifier: string): unknown {
  return JSON.parse(readFileSync(packageRequire.resolve(specifier), "utf8"));
}

/** Time-zone ids with their countries, and exemplar cities in Dutch and English (about 160 KB of JSON). */
export function readCldrZoneData(): CldrZoneData {
  const timezone = readJson("cldr-bcp47/bcp47/timezone.json") as { keyword: { u: { tz: Record<string, Bcp47Zone> } } };
  const names = (language: LexiconLanguage) => {
    const file = readJson(`cldr-dates-full/main/${language}/timeZoneNames.json`) as {
      main: Record<string, { dates: { timeZoneNames: { zone: Record<string, unknown> } } }>;
    };
    return exemplarCities(file.main[language]?.dates.timeZoneNames.zone ?? {});
  };
  return { zones: timezone.keyword.u.tz, exemplar: { nl: names("nl"), en: names("en") } };
}

/** Currency code → display name in one language, current and former currencies (DEM, NLG) alike. */
export function readCldrCurrencyNames(language: LexiconLanguage): Map<string, string> {
  const file = readJson(`cldr-numbers-full/main/${language}/currencies.json`) as {
    main: Record<string, { numbers: { currencies: Record<string, { displayName?: string }> } }>;
  };
  const names = new Map<string, string>();
  for (const [code, currency] of Object.entries(file.main[language]?.numbers.currencies ?? {})) {
    if (currency.displayName) names.set(code, currency.displayName);
  }
  return names;
}

/**
 * The language-region locales CLDR has data for (`en-GB`, `fr-CA`, `nl-BE`), from the folder
 * names of `cldr-dates-full/main`. Only these can have a regional variant name of their own.
 */
export function readCldrLocaleTags(): string[] {
  const folder = join(dirname(packageRequire.resolve("cldr-dates-full/package.json")), "main");
  return readdirSync(folder).filter((name) => /^[a-z]{2,3}-[A-Z]{2}$/u.test(name));
}
