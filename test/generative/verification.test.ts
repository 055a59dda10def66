import { describe, expect, it } from "vitest";
import type { Passage } from "../../src/port/types.js";
import { isInOtherLanguage } from "../../src/text/language.js";
import { locateSentence } from "../../src/generative/locate-sentence.js";
import { verifyCitations } from "../../src/generative/verify-citations.js";
import type { Candidate } from "../../src/retrieval/hybrid-retriever.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { normalizeForComparison } from "../../src/text/fold.js";

const paragraph =
  "Niet alleen de Amerikanen schieten Kiev te hulp. Duitsland belooft om “binnen enkele dagen” gelijkaardige Iris-T SLM-luchtafweersystemen te leveren. De Duitse luchtdoelraketten - die naar verluidt een volledige stad kunnen beschermen tegen raketaanvallen - waren al toegezegd in juni.";

function candidate(text: string, paragraphNumber: number, relevance = 0.8): Candidate {
  const passage: Passage = { id: `doc#${paragraphNumber}`, documentId: "doc", paragraph: paragraphNumber, text, title: "Luchtafweer" };
  return { passage, query: analyzeQuery("q", "nl"), position: paragraphNumber - 1, similarity: 0.5, bm25: 1, fused: 1, coverage: 0.8, relevance };
}

describe("locateSentence", () => {
  it("returns the passage's own text for a claim that differs only in quotes, dashes and spacing", () => {
    const claim = 'Duitsland belooft om "binnen enkele dagen"\n   gelijkaardige Iris-T SLM-luchtafweersystemen te leveren.';
    const found = locateSentence(paragraph, claim);
    expect(found).toBe("Duitsland belooft om “binnen enkele dagen” gelijkaardige Iris-T SLM-luchtafweersystemen te leveren.");
    expect(paragraph).toContain(found);
    expect(normalizeForComparison(found!)).toBe(normalizeForComparison(claim));
    expect(locateSentence(paragraph, "De Duitse luchtdoelraketten – die naar verluidt")).toBe("De Duitse luchtdoelraketten - die naar verluidt");
  });

  it("accepts a claim wrapped in quote marks or ellipses", () => {
    expect(locateSentence(paragraph, "“Niet alleen de Amerikanen schieten Kiev te hulp.”")).toBe("Niet alleen de Amerikanen schieten Kiev te hulp.");
    expect(locateSentence(paragraph, "...schieten Kiev te hulp…")).toBe("schieten Kiev te hulp");
  });

  it("rejects changed words, translations and trivially short claims", () => {
    expect(locateSentence(paragraph, "Duitsland belooft om binnen enkele weken Iris-T te leveren.")).toBeUndefined();
    expect(locateSentence(paragraph, "Germany promises to deliver Iris-T within days.")).toBeUndefined();
    expect(locateSentence(paragraph, "de")).toBeUndefined();
    expect(locateSentence(paragraph, "   ")).toBeUndefined();
  });

  it("keeps accents composed or decomposed apart from the mapping", () => {
    const text = "Oekraïens president Volodimir Zelenski sprak.";
    const decomposed = "Oekrai\u0308ens president Volodimir Zelenski";
    expect(locateSentence(text, decomposed)).toBe("Oekraïens president Volodimir Zelenski");
  });
});

describe("verifyCitations", () => {
  const shown = [candidate(paragraph, 3, 0.9), candidate("Hij sprak maandagavond eveneens met de Britse premier Liz Truss.", 4, 0.5)];

  it("keeps verified citations with the whole paragraph as quote, and drops the rest with a reason", () => {
    const { citations, rejected } = verifyCitations(
      [
        { passage: 1, sentence: "Niet alleen de Amerikanen schieten Kiev te hulp." },
        { passage: 3, sentence: "Niet alleen de Amerikanen schieten Kiev te hulp." },
        { passage: 0, sentence: "Niet alleen de Amerikanen schieten Kiev te hulp." },
        { passage: 1.5, sentence: "Niet alleen de Amerikanen schieten Kiev te hulp." },
        { passage: 2, sentence: "Niet alleen de Amerikanen schieten Kiev te hulp." },
        { passage: 1, sentence: "De Duitse luchtdoelraketten" },
        { passage: 2, sentence: "met de Britse premier Liz Truss" },
      ],
      shown,
    );
    expect(citations.map((citation) => [citation.paragraph, citation.sentence, citation.score])).toEqual([
      [3, "Niet alleen de Amerikanen schieten Kiev te hulp.", 0.9],
      [4, "met de Britse premier Liz Truss", 0.5],
    ]);
    expect(citations[0]!.quote).toBe(paragraph);
    expect(rejected.map((claim) => claim.reason)).toEqual(["not-retrieved", "not-retrieved", "not-retrieved", "sentence-not-in-passage", "duplicate"]);
  });
});

describe("isInOtherLanguage", () => {
  it("flags clear mismatches only", () => {
    expect(isInOtherLanguage("Germany is sending IRIS-T SLM air defence systems within a few days.", "nl")).toBe(true);
    expect(isInOtherLanguage("Duitsland levert binnen enkele dagen de Iris-T-systemen aan Oekraïne.", "en")).toBe(true);
    expect(isInOtherLanguage("Duitsland levert Iris-T SLM-systemen.", "nl")).toBe(false);
    expect(isInOtherLanguage("Germany promises Iris-T SLM systems “binnen enkele dagen”.", "en")).toBe(false);
    expect(isInOtherLanguage("Iris-T SLM.", "en")).toBe(false);
  });
});
