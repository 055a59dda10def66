/**
 * The name lexicon: countries, macro-regions, languages, months, weekdays and zone cities with
 * their Dutch and English names and country adjectives, all from CLDR (Unicode licence) — the
 * data in Node's ICU through `Intl`, plus the `cldr-bcp47`, `cldr-dates-full` and
 * `cldr-numbers-full` packages — and the capitals CLDR lacks from `countries-list` (MIT).
 * General knowledge only, never about one article.
 *
 * The table is built on first use and kept for the life of the process; every function here is
 * pure after that. Call {@link nameTableStats} (or any lookup) at start-up to pay the cost early.
 */
import { capitalEntries, capitalName } from "./capitals.js";
import { cityEntries } from "./cldr-cities.js";
import { readCldrCurrencyNames, readCldrLocaleTags, readCldrZoneData } from "./cldr-files.js";
import { countryAdjectives } from "./demonyms.js";
import { calendarEntries, languageEntries, regionCodes, regionEntries } from "./intl-names.js";
import { foldText } from "../text/fold.js";
import { BoundedMap } from "../util/bounded-map.js";
import type { LexiconLanguage, NameEntry, NameKind, NameMatch } from "./name-entry.js";
import { buildNameIndex, type NameIndex } from "./name-index.js";

export type { LanguageForms, LexiconLanguage, MatchVia, NameEntry, NameKind, NameMatch } from "./name-entry.js";

/** What building the table cost, for logs and the benchmark. */
export interface NameTableStats {
  readonly entries: Readonly<Record<NameKind, number>>;
  readonly buildMs: number;
}

interface NameTable {
  readonly entries: readonly NameEntry[];
  readonly byId: ReadonlyMap<string, NameEntry>;
  readonly index: NameIndex;
  readonly stats: NameTableStats;
}

let table: NameTable | undefined;

function buildTable(): NameTable {
  const started = performance.now();
  const codes = regionCodes();
  const places = regionEntries(codes);
  const languages = languageEntries(codes.countries, readCldrLocaleTags());
  const adjectives = countryAdjectives([...places, ...languages], { nl: readCldrCurrencyNames("nl"), en: readCldrCurrencyNames("en") });
  const withAdjectives = places.map((entry): NameEntry => {
    const found = adjectives.get(entry.id.slice("region:".length));
    return found && entry.kind === "country" ? { ...entry, adjectives: found } : entry;
  });
  const placeForms = new Set(places.flatMap((entry) => [...entry.forms.nl, ...entry.forms.en].map(foldText)));
  const cities = cityEntries(readCldrZoneData(), new Set(codes.countries), placeForms);
  const cityForms = cities.flatMap((entry) => [...entry.forms.nl, ...entry.forms.en].map(foldText));
  const capitals = capitalEntries(new Set(codes.countries), new Set([...placeForms, ...cityForms]));
  const entries = [...withAdjectives, ...languages, ...calendarEntries(), ...cities, ...capitals];
  const counts: Record<NameKind, number> = { country: 0, region: 0, language: 0, month: 0, weekday: 0, city: 0 };
  for (const entry of entries) counts[entry.kind] += 1;
  const index = buildNameIndex(entries);
  return {
    entries,
    byId: new Map(entries.map((entry) => [entry.id, entry])),
    index,
    stats: { entries: counts, buildMs: performance.now() - started },
  };
}

function nameTable(): NameTable {
  table ??= buildTable();
  return table;
}

/** Builds the table if needed and tells what it holds and what building it took. */
export function nameTableStats(): NameTableStats {
  return nameTable().stats;
}

/** Every entry, countries first, then regions, languages, months, weekdays, cities. */
export function nameEntries(): readonly NameEntry[] {
  return nameTable().entries;
}

/** The entry with this id (`region:DE`, `city:gblon`), if any. */
export function entryById(id: string): NameEntry | undefined {
  return nameTable().byId.get(id);
}

/** Options for {@link lookupNames}. */
export interface LookupOptions {
  /** Only these kinds; all when absent. */
  readonly kinds?: readonly NameKind[];
}

/**
 * Every entry named in `text`, in text order. Matching folds case and accents and ignores
 * hyphens (`Groot Brittannie` finds what `Groot-Brittannië` would), takes the longest name at
 * each position (`Mexico-Stad` is the city, not the country), and accepts Dutch adjective
 * inflection (`Duitse`), the Dutch genitive (`Duitslands`), English plurals of adjectives
 * (`Germans`) and the English genitive (`Germany's`). Capitalised short forms that are also
 * ordinary words (`US`, `VS`, `Ga`) match only as written.
 *
 * One span can name several entries: `Duitse` is both the country DE (adjective) and the
 * language `de`. Forms of both languages are tried on any text; `languages` says which a form
 * belongs to, so a caller can ignore Dutch-only forms in an English question.
 */
export function lookupNames(text: string, options: LookupOptions = {}): readonly NameMatch[] {
  // The article's sentences are looked up again for every question: remember them.
  const matches = lookups.remember(text, (key) => nameTable().index.match(key));
  const kinds = options.kinds;
  return kinds ? matches.filter((match) => kinds.includes(match.entry.kind)) : matches;
}

const lookups = new BoundedMap<string, readonly NameMatch[]>(2_000);

/** Entries of which `phrase` as a whole is a form or adjective (`Kiev` → the city Kyiv; `Duitse` → DE and `de`). */
export function entriesNamed(phrase: string): NameEntry[] {
  return nameTable().index.named(phrase);
}

/** The names of an entry in one language, as CLDR spells them; empty for an unknown id. */
export function formsOf(id: string, language: LexiconLanguage): readonly string[] {
  return entryById(id)?.forms[language] ?? [];
}

/** The uninflected country adjectives of an entry in one language (`Brits` for `region:GB`); usually empty for other kinds. */
export function adjectivesOf(id: string, language: LexiconLanguage): readonly string[] {
  return entryById(id)?.adjectives?.[language] ?? [];
}

/**
 * True when the two phrases name one entry, in any language and form: `Kyiv` ~ `Kiev`,
 * `Germany` ~ `Duitsland` ~ `Duitse`, `juni` ~ `June`. A city is not its country
 * (`Berlin` is not `Germany`): relate those deliberately with {@link countryOf}.
 */
export function sameEntity(a: string, b: string): boolean {
  const first = new Set(entriesNamed(a).map((entry) => entry.id));
  return entriesNamed(b).some((entry) => first.has(entry.id));
}

/**
 * The country entry an entry belongs to: a city's country, a language's main country
 * (`language:de` → Germany, `language:en` → the United States, `language:en-GB` → the United
 * Kingdom). A country is its own country; regions, months and weekdays have none.
 */
export function countryOf(entry: NameEntry | string): NameEntry | undefined {
  const found = typeof entry === "string" ? entryById(entry) : entry;
  if (!found) return undefined;
  if (found.kind === "country") return found;
  return found.country ? entryById(`region:${found.country}`) : undefined;
}

/** The city entry of a country's capital (`region:US` → Washington, `region:GB` → London), if the lexicon knows it. */
export function capitalOf(country: NameEntry): NameEntry | undefined {
  if (country.kind !== "country") return undefined;
  const code = country.id.slice("region:".length);
  const name = capitalName(code);
  return name ? entriesNamed(name).find((entry) => entry.kind === "city" && entry.country === code) : undefined;
}
