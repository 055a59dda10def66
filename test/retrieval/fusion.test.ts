import { describe, expect, it } from "vitest";
import { reciprocalRankFusion } from "../../src/retrieval/fusion.js";
import { quantile, relevance, semanticEvidence, shouldAbstain, thresholdFromNull } from "../../src/retrieval/relevance.js";
import { coverage, matchStrength, prefixSimilarity, queryTerms, textTerms } from "../../src/retrieval/term-match.js";

describe("reciprocalRankFusion", () => {
  it("sums weight / (k + rank) over lists", () => {
    const fused = reciprocalRankFusion(
      [
        { items: ["a", "b", "c"], weight: 1 },
        { items: ["b", "d"], weight: 1 },
      ],
      60,
    );
    expect(fused.map((entry) => entry.item)).toEqual(["b", "a", "d", "c"]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 10);
  });

  it("lets weights favour one list", () => {
    const fused = reciprocalRankFusion([
      { items: ["a"], weight: 1 },
      { items: ["b"], weight: 3 },
    ]);
    expect(fused[0]!.item).toBe("b");
  });

  it("breaks ties by first appearance and handles empty input", () => {
    expect(
      reciprocalRankFusion([
        { items: ["x"], weight: 1 },
        { items: ["y"], weight: 1 },
      ]).map((e) => e.item),
    ).toEqual(["x", "y"]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe("term matching", () => {
  it("matches inflections, compounds and near spellings", () => {
    const text = textTerms("De Duitse luchtdoelraketten en Iris-T SLM-luchtafweersystemen van defensieminister Zelenski.");
    const strength = (word: string) => matchStrength(queryTerms(word)[0]!, text);
    expect(strength("raket")).toBeGreaterThanOrEqual(0.85);
    expect(strength("luchtafweersysteem")).toBe(1);
    expect(strength("Zelensky")).toBeGreaterThan(0.5);
    expect(strength("voetbal")).toBe(0);
  });

  it("forgives a typo in the question: one edit from five letters, two from eight, none below five", () => {
    const text = textTerms("De minister Lambrecht sprak met Zelenski over de raketten en de hospitalen.");
    const strength = (word: string) => matchStrength(queryTerms(word)[0]!, text);
    expect(strength("zelenksi")).toBeGreaterThanOrEqual(0.75);
    expect(strength("lambrect")).toBeGreaterThanOrEqual(0.75);
    expect(strength("hopsitalen")).toBeGreaterThanOrEqual(0.75);
    expect(strength("minster")).toBeGreaterThanOrEqual(0.75);
    // Two edits in a seven-letter word, or one in a four-letter word, is another word.
    expect(strength("mimster")).toBe(0);
    expect(strength("spak")).toBe(0);
  });

  it("gives a word the same strength when the text's memo has been filled past its bound and cleared", () => {
    const text = textTerms("De minister Lambrecht sprak met Zelenski over de luchtdoelraketten.");
    const strength = (word: string) => matchStrength(queryTerms(word)[0]!, text);
    const before = [strength("Zelensky"), strength("raket"), strength("voetbal"), strength("lambrect")];
    for (let serial = 0; serial < 5_000; serial += 1) strength(`woord${serial}x`);
    expect([strength("Zelensky"), strength("raket"), strength("voetbal"), strength("lambrect")]).toEqual(before);
    expect(before[0]).toBeGreaterThan(0.5);
    expect(text.strengths.near.size).toBeLessThanOrEqual(4_096);
  });

  it("measures the share of question words found", () => {
    const text = textTerms("Duitsland belooft om gelijkaardige Iris-T SLM-luchtafweersystemen te leveren.");
    expect(coverage(queryTerms("Welk luchtafweersysteem levert Duitsland?"), text).coverage).toBeGreaterThan(0.8);
    expect(coverage(queryTerms("Wie won het WK voetbal?"), text).coverage).toBe(0);
    expect(coverage(queryTerms("de het een"), text)).toEqual({ coverage: 0, matched: [] });
  });

  it("compares word starts by trigram overlap", () => {
    expect(prefixSimilarity("defence", "defensieminister")).toBeGreaterThan(0.5);
    expect(prefixSimilarity("bread", "brede")).toBeLessThan(0.5);
  });

  it("is the Dice coefficient of the trigram sets of `<query>` and `<start of word>` (seeded random words)", () => {
    const trigramSet = (word: string) => new Set(Array.from({ length: word.length }, (_, at) => `<${word}>`.slice(at, at + 3)));
    const dice = (query: string, word: string) => {
      if (query.length < 4 || word.length < 4) return 0;
      const left = trigramSet(query);
      const right = trigramSet(word.slice(0, query.length + 1));
      return (2 * [...left].filter((gram) => right.has(gram)).length) / (left.size + right.size);
    };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = ["a", "b", "e", "n", "r", "é", "ij", "👍"];
    const word = () => Array.from({ length: 1 + Math.floor(next() * 90) }, () => alphabet[Math.floor(next() * alphabet.length)]).join("");
    for (let pair = 0; pair < 2000; pair += 1) {
      const [query, text] = [word(), word()];
      expect(prefixSimilarity(query, text), `${query} / ${text}`).toBeCloseTo(dice(query, text), 12);
    }
  });
});

describe("relevance and abstention", () => {
  const calibration = { similarity: { mean: 0.78, sd: 0.02, p95: 0.81, max: 0.82 } };
  const model = { lexicalWeight: 0.5, fullEvidenceZ: 5, margin: 0.04, nullQuantile: 0.95, unknownTermWeight: 1, nameTermWeight: 1, fullMass: 0 };

  it("blends coverage and calibrated similarity into [0, 1]", () => {
    expect(relevance({ coverage: 1, similarity: 0.99 }, calibration, model)).toBe(1);
    expect(relevance({ coverage: 0, similarity: undefined }, calibration, model)).toBe(0);
    // 0.83 is 2.5 deviations above the off-topic mean: half of full evidence.
    expect(relevance({ coverage: 0.5, similarity: 0.83 }, calibration, model)).toBeCloseTo(0.5 * 0.5 + 0.5 * 0.5);
  });

  it("reads similarity on the embedder's own scale: at or below the off-topic mean it is no evidence", () => {
    expect(semanticEvidence(0.78, calibration, model)).toBe(0);
    expect(semanticEvidence(0.7, calibration, model)).toBe(0);
    expect(semanticEvidence(0.3, { similarity: { mean: 0.07, sd: 0.04, p95: 0.14, max: 0.16 } }, model)).toBe(1);
  });

  it("puts the threshold above the off-topic questions' high quantile", () => {
    const nullRelevance = Array.from({ length: 100 }, (_, at) => at / 200); // 0 … 0.495
    expect(thresholdFromNull(nullRelevance, model)).toBeCloseTo(quantile(nullRelevance, 0.95) + 0.04);
    expect(thresholdFromNull([0.99, 0.99], model)).toBe(0.95);
  });

  it("abstains below the threshold or without candidates", () => {
    expect(shouldAbstain(undefined, 0.3)).toBe(true);
    expect(shouldAbstain(0.29, 0.3)).toBe(true);
    expect(shouldAbstain(0.3, 0.3)).toBe(false);
  });
});
