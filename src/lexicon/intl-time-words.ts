/**
 * English words for time and measure with their Dutch equivalents, as CLDR (built into Node's
 * `Intl`) writes them: units in singular and plural (`days` → dagen, `miles` → mijl), the fields
 * of a date (`year` → jaar, `quarter` → kwartaal), the nearest days (`yesterday` → gisteren) and
 * the parts of a day (`evening` → avond, which also finds `maandagavond`). Never typed by hand;
 * computed once. Serves any corpus: these are the words any news question about when or how much
 * uses, and the optional dictionary is not always there.
 */
export function intlTimeWords(): ReadonlyMap<string, readonly string[]> {
  table ??= buildTable();
  return table;
}

let table: Map<string, string[]> | undefined;

function buildTable(): Map<string, string[]> {
  const pairs: [string, string][] = [];
  for (const unit of Intl.supportedValuesOf("unit")) {
    for (const count of [1, 2]) pairs.push([unitWords("en", unit, count), unitWords("nl", unit, count)]);
  }
  const fields = ["era", "year", "quarter", "month", "weekOfYear", "day", "hour", "minute", "second"] as const;
  const fieldName = (locale: string, field: (typeof fields)[number]) => new Intl.DisplayNames(locale, { type: "dateTimeField" }).of(field) ?? "";
  for (const field of fields) pairs.push([fieldName("en", field), fieldName("nl", field)]);
  const relative = (locale: string, days: number) => new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(days, "day");
  for (const days of [-1, 0, 1]) pairs.push([relative("en", days), relative("nl", days)]);
  // Hours whose day period has one name in both languages: morning, afternoon, evening (CLDR's
  // English and Dutch draw the line of the night at different hours).
  const period = (locale: string, hour: number) =>
    new Intl.DateTimeFormat(locale, { dayPeriod: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1, hour)));
  for (const hour of [9, 15, 20]) pairs.push([lastWord(period("en", hour)), lastWord(period("nl", hour)).replace(/s$/u, "")]);
  const words = new Map<string, string[]>();
  for (const [english, dutch] of pairs) {
    const key = english.toLowerCase();
    // Only single English words: a phrase ("day of the week") is not what a question's word is.
    if (!/^\p{L}+$/u.test(key) || !dutch || dutch.toLowerCase() === key) continue;
    const known = words.get(key) ?? [];
    if (!known.includes(dutch.toLowerCase())) words.set(key, [...known, dutch.toLowerCase()]);
  }
  return words;
}

/**
 * The single words and abbreviations CLDR writes after a number for a unit of length, mass, area
 * or volume, in Dutch and English (`kilometer`, `km`, `mijl`, `miles`, `kg`, `pounds`), lower case:
 * what a sentence answering "hoe ver", "how heavy" holds. Time units are left out.
 */
export function measureUnitWords(): ReadonlySet<string> {
  if (!measureWords) {
    measureWords = new Set();
    const time = new Set(["nanosecond", "microsecond", "millisecond", "second", "minute", "hour", "day", "week", "month", "year"]);
    for (const unit of Intl.supportedValuesOf("unit")) {
      if (time.has(unit) || unit === "percent" || /(bit|byte)$/u.test(unit)) continue;
      for (const locale of ["nl", "en"]) {
        for (const display of ["long", "short"] as const) {
          for (const count of [1, 2]) {
            const text = unitWords(locale, unit, count, display).toLowerCase();
            // One-letter abbreviations (m, g, l) and `in` (inch) are also ordinary words.
            if (/^\p{L}{2,}$/u.test(text) && text !== "in") measureWords.add(text);
          }
        }
      }
    }
  }
  return measureWords;
}

let measureWords: Set<string> | undefined;

/** Words for units of time in Dutch and English, long forms, singular and plural (`uur`, `dagen`, `weeks`), from `Intl`. */
export function timeUnitWords(): ReadonlySet<string> {
  timeWords ??= new Set(
    ["second", "minute", "hour", "day", "week", "month", "year"].flatMap((unit) =>
      ["nl", "en"].flatMap((locale) => [1, 2].map((count) => unitWords(locale, unit, count).toLowerCase())),
    ),
  );
  return timeWords;
}

let timeWords: Set<string> | undefined;

/** The unit's words without the number: `2 days` → days, `1 kilometer` → kilometer. */
function unitWords(locale: string, unit: string, count: number, unitDisplay: "long" | "short" = "long"): string {
  return new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay })
    .formatToParts(count)
    .filter((part) => part.type === "unit")
    .map((part) => part.value)
    .join(" ")
    .trim();
}

function lastWord(text: string): string {
  return text.trim().split(/\s+/u).at(-1) ?? "";
}
