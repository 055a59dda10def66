import { foldText } from "./fold.js";

/** One month or weekday with its names in Dutch and English as CLDR writes them (`maart`, `March`). */
export interface CalendarName {
  kind: "month" | "weekday";
  /** 1–12 for months, 1 (Monday) – 7 (Sunday) for weekdays. */
  number: number;
  nl: string;
  en: string;
}

let names: CalendarName[] | undefined;

/**
 * Month and weekday names from `Intl` (CLDR), never typed by hand; computed once. The one source
 * for every part that reads dates: answer kinds, the name lexicon and the grounding check.
 */
export function calendarNames(): readonly CalendarName[] {
  if (names) return names;
  const month = (locale: string) => new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" });
  const weekday = (locale: string) => new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" });
  names = [];
  for (let number = 1; number <= 12; number += 1) {
    const date = new Date(Date.UTC(2024, number - 1, 15));
    names.push({ kind: "month", number, nl: month("nl").format(date), en: month("en").format(date) });
  }
  // 2024-01-01 was a Monday.
  for (let number = 1; number <= 7; number += 1) {
    const date = new Date(Date.UTC(2024, 0, number));
    names.push({ kind: "weekday", number, nl: weekday("nl").format(date), en: weekday("en").format(date) });
  }
  return names;
}

/** Every month and weekday name in both languages, folded (`maart`, `march`). */
export function calendarWords(): string[] {
  return calendarNames().flatMap((name) => [foldText(name.nl), foldText(name.en)]);
}
