import { words } from "./tokenize.js";

let cached: string[] | undefined;

/**
 * The words currencies are called by in Dutch and English (`euro`, `dollar`, `pond`, `roebel`,
 * `hryvnia`), from CLDR through `Intl`, folded; computed once.
 */
export function currencyWords(): string[] {
  if (cached) return cached;
  const found = new Set<string>();
  for (const locale of ["nl", "en"]) {
    const names = new Intl.DisplayNames([locale], { type: "currency" });
    for (const code of Intl.supportedValuesOf("currency")) {
      const name = names.of(code);
      // "Amerikaanse dollar" → dollar: the noun is the last word; the adjective names a country.
      const noun = name && name !== code ? words(name).at(-1) : undefined;
      if (noun && noun.length >= 3) found.add(noun);
    }
  }
  cached = [...found];
  return cached;
}
