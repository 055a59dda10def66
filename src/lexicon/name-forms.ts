/**
 * Turns one CLDR display name into the forms people write (`Myanmar (Burma)` → `Myanmar`,
 * `Burma`; `St. Kitts & Nevis` → also `Saint Kitts and Nevis`). Pure.
 */
import type { LexiconLanguage } from "./name-entry.js";

/** What text in parentheses means: another name (`Myanmar (Birma)`) or a qualifier (`Tamazight (Centraal-Marokko)`). */
export type ParenthesesMeaning = "alternative" | "qualifier";

const AND: Record<LexiconLanguage, string> = { nl: "en", en: "and" };

/** The forms of one display name, first the name as given (without parentheses), deduplicated. */
export function expandDisplayName(name: string, language: LexiconLanguage, parentheses: ParenthesesMeaning): string[] {
  const forms: string[] = [];
  const add = (form: string) => {
    const clean = form.replace(/\s+/gu, " ").trim();
    if (clean && !forms.includes(clean)) forms.push(clean);
  };
  // CLDR writes "Congo - Kinshasa" where people write "Congo-Kinshasa".
  const spaced = name.replace(/\s+-\s+/gu, "-");
  const paren = /^(.*?)\s*\(([^)]*)\)\s*(.*)$/u.exec(spaced);
  const bases = paren ? [`${paren[1] ?? ""} ${paren[3] ?? ""}`] : [spaced];
  // Only a closing parenthesis names the same thing again ("Myanmar (Burma)"); one inside a
  // name is part of it ("Cocos (Keeling) Islands").
  if (paren && parentheses === "alternative" && !paren[3]) bases.push(paren[2] ?? "");
  for (const base of bases) {
    add(base);
    // "U.S. Virgin Islands" is written "US Virgin Islands" just as often.
    const undotted = base.replace(/\b([A-Z])\.(?=[A-Z]\.)/g, "$1").replace(/\b([A-Z]{2,})\./g, "$1");
    add(undotted);
    const spelledAnd = base.replace(/\s&\s/gu, ` ${AND[language]} `);
    add(spelledAnd);
    if (language === "en" && /\bSt\.\s/u.test(spelledAnd)) add(spelledAnd.replace(/\bSt\.\s/gu, "Saint "));
  }
  return forms;
}
