/**
 * Contracts of the name lexicon: named things (countries, macro-regions, languages, months,
 * weekdays, cities) with their Dutch and English forms, and what a lookup in a text returns.
 * The data behind them comes from CLDR (through `Intl` and the `cldr-*` packages, Unicode
 * licence); nothing here is specific to an article.
 */

/** The two languages the lexicon knows forms in. */
export type LexiconLanguage = "nl" | "en";

/**
 * What an entry names. `country` is an ISO 3166 region (including territories such as Aruba);
 * `region` is a UN M.49 macro-region or a grouping CLDR names like one (EU, the UN).
 */
export type NameKind = "country" | "region" | "language" | "month" | "weekday" | "city";

/** Forms per language, as CLDR spells them (capitals and accents kept). */
export interface LanguageForms {
  readonly nl: readonly string[];
  readonly en: readonly string[];
}

/**
 * One named thing. `id` is stable across runs of the same CLDR version: `region:DE`,
 * `region:150`, `language:de`, `language:en-GB`, `month:6`, `weekday:1` (Monday, ISO numbering),
 * `city:gblon` (the BCP 47 time-zone id).
 */
export interface NameEntry {
  readonly id: string;
  readonly kind: NameKind;
  /**
   * ISO 3166 code of the country a city lies in, or of a language's main country (CLDR likely
   * subtags: `de` → DE, `en` → US, `en-GB` → GB). Absent on countries, regions, months, weekdays.
   */
  readonly country?: string;
  /** Names, never empty in both languages at once. */
  readonly forms: LanguageForms;
  /**
   * Uninflected adjectives for a country, where CLDR gives one (`Duits`/`German`,
   * `Brits`/`British`, `Canadees`/`Canadian`). Only countries carry them.
   */
  readonly adjectives?: LanguageForms;
}

/** How a text span matched an entry. */
export type MatchVia = "name" | "adjective";

/** One occurrence of an entry in a text. */
export interface NameMatch {
  readonly entry: NameEntry;
  /** The span exactly as written in the text, e.g. `Duitse` or `Germany’s`. */
  readonly text: string;
  /** UTF-16 offsets into the text: `text === input.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  /** The lexicon form it matched, uninflected (`Duits` for `Duitse`). */
  readonly form: string;
  /**
   * True when the span starts with a capital. Proper names are capitalised in both languages
   * (Dutch months and weekdays excepted), so a lower-case match (`wenen`, `may`, `lets`) is more
   * likely an ordinary word; chat users do write `kiev`, though, so the caller decides.
   */
  readonly capitalized: boolean;
  /** Languages the matched form belongs to (`Canada` is both). */
  readonly languages: readonly LexiconLanguage[];
  readonly via: MatchVia;
}
