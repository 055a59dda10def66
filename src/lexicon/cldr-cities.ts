/**
 * Cities from CLDR's time-zone data (Unicode licence): the exemplar city of every IANA zone, in
 * Dutch and English, from the `cldr-dates-full` package (`main/{nl,en}/timeZoneNames.json`), each
 * tied to its country through the `cldr-bcp47` package (`bcp47/timezone.json`). Only zone cities
 * are known (London, Kyiv, Amsterdam), not every city.
 *
 * The BCP 47 zone id starts with the ISO 3166 code of the zone's country (`gblon` London → GB);
 * CLDR says so explicitly with `_region` where it does not (`gpmsb` Marigot → MF, `jeruslm` → IL).
 * Deprecated ids, `Etc/*` zones (UTC, GMT, "Unknown"), Antarctic research stations
 * (Casey, Davis, Palmer: surnames, not cities) and the small US towns CLDR qualifies with their
 * state ("Petersburg, Indiana") are left out.
 */
import { foldText } from "../text/fold.js";
import type { NameEntry } from "./name-entry.js";
import { expandDisplayName } from "./name-forms.js";

/** One record of `bcp47/timezone.json` (`keyword.u.tz`). */
export interface Bcp47Zone {
  readonly _description?: string;
  /** Space-separated IANA names; the first is the one CLDR keys its names by. */
  readonly _alias?: string;
  /** The current IANA name when it differs from the first alias (`Europe/Kyiv` for `Europe/Kiev`). */
  readonly _iana?: string;
  readonly _region?: string;
  readonly _deprecated?: boolean;
}

/** Exemplar city per IANA zone name, for one language; zones CLDR does not name are absent. */
export type ExemplarCities = ReadonlyMap<string, string>;

/** The raw CLDR data the city table is built from. */
export interface CldrZoneData {
  readonly zones: Readonly<Record<string, Bcp47Zone>>;
  readonly exemplar: { readonly nl: ExemplarCities; readonly en: ExemplarCities };
}

// Research stations are named after people; matching them would find surnames.
const NOT_CITIES = new Set(["AQ"]);

interface ZoneNameNode {
  readonly _type?: string;
  readonly exemplarCity?: string;
  readonly [key: string]: unknown;
}

/** Flattens CLDR's nested `zone` object (`Europe` → `London` → {exemplarCity}) into IANA name → city. */
export function exemplarCities(zoneTree: Readonly<Record<string, unknown>>): Map<string, string> {
  const cities = new Map<string, string>();
  const walk = (node: Readonly<Record<string, unknown>>, path: string[]) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value !== "object" || value === null) continue;
      const child = value as ZoneNameNode;
      if (child._type === "zone") {
        if (typeof child.exemplarCity === "string") cities.set([...path, key].join("/"), child.exemplarCity);
      } else {
        walk(child, [...path, key]);
      }
    }
  };
  walk(zoneTree, []);
  return cities;
}

/** `America/Argentina/Buenos_Aires` → `Buenos Aires`: CLDR's own fallback when it gives no exemplar city. */
function cityFromZoneName(zone: string): string {
  return (zone.split("/").at(-1) ?? zone).replace(/_/gu, " ");
}

/** The country of one BCP 47 zone, or undefined when it has none (deprecated, `Etc/*`, unknown code). */
export function zoneCountry(id: string, zone: Bcp47Zone, countries: ReadonlySet<string>): string | undefined {
  if (id.startsWith("_") || zone._deprecated || !zone._alias) return undefined;
  if (zone._alias.split(" ")[0]?.startsWith("Etc/")) return undefined;
  const country = zone._region ?? id.slice(0, 2).toUpperCase();
  return countries.has(country) ? country : undefined;
}

/**
 * City entries (`city:gblon`). A city form that is also the name of a country or region
 * (`Bermuda`, `Gibraltar`, `Monaco`) is dropped so the place is found once, as the country.
 */
export function cityEntries(data: CldrZoneData, countries: ReadonlySet<string>, placeForms: ReadonlySet<string>): NameEntry[] {
  const entries: NameEntry[] = [];
  for (const [id, zone] of Object.entries(data.zones)) {
    const country = zoneCountry(id, zone, countries);
    if (!country || NOT_CITIES.has(country)) continue;
    const aliases = (zone._alias ?? "").split(" ");
    const key = aliases[0] ?? "";
    const en = data.exemplar.en.get(key);
    const nl = data.exemplar.nl.get(key);
    // CLDR adds the state only to tell apart small towns that share a name with a better-known
    // place ("Petersburg, Indiana", "Center, North Dakota"); their bare names would find
    // Sint-Petersburg and the word "center".
    if (en?.includes(",") || nl?.includes(",")) continue;
    // The IANA names are English spellings, old ones included (Kiev next to Kyiv, Calcutta next
    // to Kolkata); one that only shortens CLDR's name ("Easter" for Easter Island, "Wake") would
    // find ordinary words, so it is left out.
    const zoneNames = [cityFromZoneName(key), ...(zone._iana ? [cityFromZoneName(zone._iana)] : [])];
    const english = [en ?? cityFromZoneName(key), ...zoneNames.filter((name) => !en || !shortens(name, en))];
    const forms = {
      nl: unique(expandDisplayName(nl ?? en ?? cityFromZoneName(key), "nl", "qualifier")).filter((form) => !placeForms.has(foldText(form))),
      en: unique(english.flatMap((name) => expandDisplayName(name, "en", "qualifier"))).filter((form) => !placeForms.has(foldText(form))),
    };
    if (forms.nl.length + forms.en.length === 0) continue;
    entries.push({ id: `city:${id}`, kind: "city", country, forms });
  }
  return entries;
}

/** True when every word of `short` is a word of `long` (`Easter` of `Easter Island`). */
function shortens(short: string, long: string): boolean {
  const longWords = new Set(foldText(long).split(/[^\p{L}\p{N}]+/u));
  return foldText(short)
    .split(/[^\p{L}\p{N}]+/u)
    .every((word) => longWords.has(word));
}

function unique(forms: readonly string[]): string[] {
  return [...new Set(forms)];
}
