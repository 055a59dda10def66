import { describe, expect, it } from "vitest";
import { intlTimeWords } from "../../src/lexicon/intl-time-words.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { matchStrength, textTerms } from "../../src/retrieval/term-match.js";

describe("CLDR's words for time and measure", () => {
  it("gives the Dutch for units, date fields, near days and parts of the day", () => {
    const words = intlTimeWords();
    expect(words.get("days")).toEqual(["dagen"]);
    expect(words.get("miles")).toEqual(["mijl"]);
    expect(words.get("quarter")).toEqual(["kwartaal"]);
    expect(words.get("yesterday")).toEqual(["gisteren"]);
    expect(words.get("evening")).toEqual(["avond"]);
    // Only single words, never a phrase or a word that is the same in both languages.
    expect([...words.keys()].every((word) => /^\p{L}+$/u.test(word))).toBe(true);
    expect(words.has("week")).toBe(false);
  });

  it("lets an English question find the Dutch passage's time words", () => {
    const text = textTerms("Duitsland belooft binnen enkele dagen te leveren; Zelenski sprak maandagavond met Truss.");
    const strength = (question: string, word: string) =>
      matchStrength(
        analyzeQuery(question, "en").terms.find((term) => term.word === word)!,
        text,
      );
    expect(strength("What will arrive within days?", "days")).toBeGreaterThanOrEqual(0.85);
    expect(strength("Who did he call that evening?", "evening")).toBeGreaterThanOrEqual(0.7);
    expect(strength("What happened last year?", "year")).toBe(0);
  });
});
