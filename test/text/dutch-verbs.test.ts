import { describe, expect, it } from "vitest";
import { dutchVerbLemmas, sameVerb, splitVerbLemmas } from "../../src/text/dutch-verbs.js";
import { matchStrength, textTerms } from "../../src/retrieval/term-match.js";
import { stem } from "../../src/text/tokenize.js";

const asText = (word: string) => {
  const lemmas = dutchVerbLemmas(word);
  return { sure: new Set(lemmas.sure), all: new Set(lemmas.all) };
};
const same = (left: string, right: string) => sameVerb(dutchVerbLemmas(left), asText(right));

describe("Dutch verb forms", () => {
  it.each([
    ["beloven", "belooft"],
    ["toezeggen", "toegezegd"],
    ["vragen", "vroeg"],
    ["gevraagd", "vroegen"],
    ["bevestigen", "bevestigde"],
    ["leveren", "geleverd"],
    ["spreken", "sprak"],
    ["bespreken", "besproken"],
    ["aanbieden", "aangeboden"],
    ["krijgen", "kregen"],
  ])("%s and %s are one verb", (left, right) => {
    expect(same(left, right)).toBe(true);
    expect(same(right, left)).toBe(true);
  });

  it.each([
    // Both only guessed as a present tense: a noun ending in -t is not a verb form.
    ["raket", "raakt"],
    ["vragen", "leveren"],
    // Forms that are mostly other words are not taken for a verb: `reden` is "reason", not rijden's past.
    ["rijden", "reden"],
    ["liggen", "gelegen"],
  ])("%s and %s are not", (left, right) => {
    expect(same(left, right)).toBe(false);
  });

  it("lets a dictionary's infinitive find the tense the article uses", () => {
    const term = { word: "promised", stem: "promised", alternatives: [{ words: [{ word: "toezeggen", stem: stem("toezeggen") }], weight: 0.85 }] };
    expect(matchStrength(term, textTerms("De raketten waren al toegezegd in juni."))).toBeCloseTo(0.85 * 0.85);
    expect(matchStrength(term, textTerms("De raketten waren al geleverd in juni."))).toBe(0);
  });

  it("a particle before a participle makes another verb, not a compound: toegezegd is not gezegd", () => {
    const said = { word: "gezegd", stem: stem("gezegd") };
    expect(matchStrength(said, textTerms("De raketten waren al toegezegd in juni."))).toBe(0);
    expect(matchStrength(said, textTerms("Dat heeft de minister gezegd."))).toBe(1);
    // Nouns still match inside compounds.
    expect(matchStrength({ word: "aanvallen", stem: stem("aanvallen") }, textTerms("Na de raketaanvallen van maandag."))).toBeCloseTo(0.85);
  });

  it("leaves capitalised names and short words alone", () => {
    expect(dutchVerbLemmas("Nasams").all).toEqual([]);
    expect(dutchVerbLemmas("at").all).toEqual([]);
  });
});

describe("separable verbs split over a main clause", () => {
  it("a particle at the end of its clause joins the finite verb before it", () => {
    expect(splitVerbLemmas("Het waterschap stelde dat verbod in nadat de grens was bereikt.").sure).toContain("instellen");
    // A present tense is a guess (`raket` looks like one too): among all lemmas, not the sure ones.
    expect(splitVerbLemmas("Duitsland zegt binnen enkele dagen luchtafweer toe.").all).toContain("toezeggen");
    expect(splitVerbLemmas("De minister kondigde maandag nieuwe maatregelen aan, zei ze.").sure).toContain("aankondigen");
  });

  it("a preposition inside the clause is no particle", () => {
    expect(splitVerbLemmas("Het waterschap stelde een verbod in de provincie voor boeren.").sure).not.toContain("instellen");
  });

  it("so a question's participle meets the split form in the text", () => {
    const text = textTerms("Het waterschap Aa en Maas stelde dat verbod in nadat de grondwaterstand was gezakt.");
    expect(matchStrength({ word: "ingesteld", stem: stem("ingesteld") }, text)).toBeGreaterThan(0.8);
    // Without the particle only a looser match is left (the shared "gesteld").
    expect(matchStrength({ word: "ingesteld", stem: stem("ingesteld") }, textTerms("Het waterschap stelde vragen over het verbod."))).toBeLessThan(0.8);
  });
});
