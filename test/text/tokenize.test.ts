import { describe, expect, it } from "vitest";
import { foldText, normalizeForComparison } from "../../src/text/fold.js";
import { contentTerms, stem, words } from "../../src/text/tokenize.js";
import { detectLanguage } from "../../src/text/language.js";

describe("Dutch tokenising and stemming", () => {
  it("folds accents and case", () => {
    expect(foldText("Oekraïense ÉÉN")).toBe("oekraiense een");
  });

  it("splits hyphenated compounds and strips curly quotes", () => {
    expect(words("“binnen enkele dagen” Iris-T SLM-luchtafweersystemen")).toEqual(["binnen", "enkele", "dagen", "iris", "t", "slm", "luchtafweersystemen"]);
  });

  it("gives inflected forms one Snowball stem", () => {
    expect(stem("luchtafweersystemen")).toBe(stem("luchtafweersysteem"));
    expect(stem("raketten")).toBe("raket");
    expect(stem("batterijen")).toBe("batterij");
    expect(stem("beschermen")).toBe(stem("bescherming"));
  });

  it("drops Dutch and English stop words and question words", () => {
    expect(contentTerms("Wie is de Duitse minister van Defensie?")).toEqual([stem("duitse"), stem("minister"), stem("defensie")]);
    expect(contentTerms("What is the capital of the Netherlands?")).toEqual([stem("capital"), stem("netherlands")]);
  });

  it("normalises quotes and whitespace for comparisons", () => {
    expect(normalizeForComparison("“binnen  enkele\ndagen” – ‘ja’")).toBe("\"binnen enkele dagen\" - 'ja'");
  });
});

describe("detectLanguage", () => {
  it.each([
    ["Welk luchtafweersysteem levert Duitsland?", "nl"],
    ["Wat is Nasams?", "nl"],
    ["Wanneer?", "nl"],
    ["How do I bake bread?", "en"],
    ["Who is Lambrecht?", "en"],
    ["When?", "en"],
    ["Which air defence system is Germany sending?", "en"],
  ])("%s → %s", (question, language) => {
    expect(detectLanguage(question)).toBe(language);
  });

  it("uses the platform hint only when the text does not decide", () => {
    expect(detectLanguage("Zelenski?", "en-GB")).toBe("en");
    expect(detectLanguage("Zelenski?")).toBe("nl");
    expect(detectLanguage("Wie is Lambrecht?", "en")).toBe("nl");
  });
});
