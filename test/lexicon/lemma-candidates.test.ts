import { describe, expect, it } from "vitest";
import { americanSpelling, lemmaCandidates } from "../../src/lexicon/lemma-candidates.js";

describe("lemma candidates", () => {
  it("finds Dutch diminutives and verb forms", () => {
    expect(lemmaCandidates("berichtje", "nl")).toContain("bericht");
    expect(lemmaCandidates("boompjes", "nl")).toContain("boom");
    expect(lemmaCandidates("kreeg", "nl")).toContain("krijgen");
    expect(lemmaCandidates("gebeld", "nl")).toContain("bellen");
  });

  it("looks English words up in American spelling too, as the word list writes them", () => {
    expect(["defence", "colour", "organised", "analyse", "centre", "catalogue", "travelled"].map(americanSpelling)).toEqual([
      "defense",
      "color",
      "organized",
      "analyze",
      "center",
      "catalog",
      "traveled",
    ]);
    // Short words keep their spelling: four, hour, rise.
    expect(["four", "hour", "rise"].map(americanSpelling)).toEqual(["four", "hour", "rise"]);
    expect(lemmaCandidates("air defence", "en")).toContain("air defense");
    expect(lemmaCandidates("neighbours", "en")).toContain("neighbor");
  });
});
