/**
 * Capital cities from the `countries-list` package (MIT), for the capitals CLDR's time-zone
 * cities leave out (Ottawa, Washington, Canberra, Bern): news writes a capital for its country's
 * government ("Ottawa wil…", "Washington bezorgde…"), so a capital must lead to its country as a
 * zone city does. The package gives the English name only; Dutch mostly writes capitals alike,
 * and a Dutch spelling CLDR knows (Londen, Moskou) comes with the zone city already.
 */
import { countries } from "countries-list";
import { foldText } from "../text/fold.js";
import { isStopword } from "../text/tokenize.js";
import type { NameEntry } from "./name-entry.js";

/**
 * City entries (`city:capital-ca`) for capitals not already known by one of `knownForms` (folded
 * forms of countries, regions and zone cities). Capitals of four letters or less (`Male`, `Apia`,
 * `Suva`) and those that are common words (`The Valley`) would match ordinary words and are left out.
 */
export function capitalEntries(countryCodes: ReadonlySet<string>, knownForms: ReadonlySet<string>): NameEntry[] {
  const entries: NameEntry[] = [];
  for (const [code, country] of Object.entries(countries)) {
    if (!countryCodes.has(code)) continue;
    const forms = capitalForms(country.capital).filter((form) => !knownForms.has(foldText(form)));
    if (forms.length === 0) continue;
    entries.push({ id: `city:capital-${code.toLowerCase()}`, kind: "city", country: code, forms: { nl: forms, en: forms } });
  }
  return entries;
}

/** `Washington D.C.` → `Washington D.C.`, `Washington DC`, `Washington`; nothing for a name that is also a common word. */
export function capitalForms(capital: string): string[] {
  const name = capital.trim();
  const bare = withoutDistrict(name);
  const words = foldText(bare)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (words.length === 0 || words.some((word) => isStopword(word))) return [];
  if (words.length === 1 && words[0]!.length <= 4) return [];
  return [...new Set([name, name.replace(/D\.\s?C\./u, "DC"), bare])];
}

/** The capital of a country as `countries-list` writes it in English (`Washington D.C.` → `Washington`), if it has one. */
export function capitalName(countryCode: string): string | undefined {
  const capital = (countries as Record<string, { capital: string } | undefined>)[countryCode]?.capital;
  return capital ? withoutDistrict(capital) : undefined;
}

/** `Washington D.C.` → `Washington`: the district suffix is not how people name the city. */
function withoutDistrict(capital: string): string {
  return capital.replace(/,?\s+D\.\s?C\.$/u, "");
}
