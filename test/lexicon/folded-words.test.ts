import { describe, expect, it } from "vitest";
import { foldedWords } from "../../src/lexicon/folded-words.js";

describe("foldedWords", () => {
  it("folds case and accents and keeps the original spans", () => {
    const text = "De Oekraïense president, in Groot-Brittannië.";
    const words = foldedWords(text);
    expect(words.map((word) => word.text)).toEqual(["de", "oekraiense", "president", "in", "groot", "brittannie"]);
    for (const word of words) expect(text.slice(word.start, word.end)).toBe(word.raw);
    expect(words[1]?.raw).toBe("Oekraïense");
  });

  it("keeps a combining accent inside its word", () => {
    const text = "Oekrai\u0308ne ligt";
    const [first] = foldedWords(text);
    expect(first).toEqual({ text: "oekraine", raw: "Oekrai\u0308ne", start: 0, end: 9 });
  });

  it("splits at apostrophes and turns ligatures into letters", () => {
    expect(foldedWords("Germany’s ĳs").map((word) => word.text)).toEqual(["germany", "s", "ijs"]);
  });
});
