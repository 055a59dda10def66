import type { Language } from "../../src/port/types.js";

/**
 * The bot's own interface language for a platform locale (Telegram's `language_code`, Discord's
 * `locale`: `nl`, `en`, `en-US`, ...): English for English locales, the article's Dutch for everyone else.
 */
export function languageFromLocale(locale: string | null | undefined): Language {
  return locale?.toLowerCase().startsWith("en") ? "en" : "nl";
}
