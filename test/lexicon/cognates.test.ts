import { describe, expect, it } from "vitest";
import { dutchCognates } from "../../src/lexicon/cognates.js";
import { lemmaCandidates } from "../../src/lexicon/lemma-candidates.js";

describe("English cognates spelt the Dutch way", () => {
  it("follows the regular spelling correspondences", () => {
    expect(dutchCognates("priority")).toContain("prioriteit");
    expect(dutchCognates("productive")).toContain("productief");
    expect(dutchCognates("defence")).toContain("defensie");
    expect(dutchCognates("military")).toContain("militair");
    expect(dutchCognates("helicopters")).toContain("helikopters");
    expect(dutchCognates("batteries")).toContain("batterij");
    expect(dutchCognates("infrastructure")).toContain("infrastructuur");
    expect(dutchCognates("conversation")).toContain("conversatie");
  });

  it("turns a silent final e into a closed Dutch syllable: phone → foon, state → staat, line → lijn", () => {
    expect(dutchCognates("phone")).toContain("foon");
    expect(dutchCognates("state")).toContain("staat");
    expect(dutchCognates("line")).toContain("lijn");
    expect(dutchCognates("phones")).toContain("foon");
    expect(dutchCognates("tree")).not.toContain("treee");
  });
});

describe("lemma candidates for dictionary lookups", () => {
  it("undoes regular English and Dutch inflection", () => {
    expect(lemmaCandidates("weapons", "en")).toContain("weapon");
    expect(lemmaCandidates("batteries", "en")).toContain("battery");
    expect(lemmaCandidates("arrived", "en")).toContain("arrive");
    expect(lemmaCandidates("raketten", "nl")).toContain("raket");
    expect(lemmaCandidates("systemen", "nl")).toContain("systeem");
    expect(lemmaCandidates("ziekenhuizen", "nl")).toContain("ziekenhuis");
    expect(lemmaCandidates("stuurt", "nl")).toContain("sturen");
  });
});
