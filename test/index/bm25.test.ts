import { describe, expect, it } from "vitest";
import { buildBm25, searchBm25 } from "../../src/index/bm25.js";

describe("BM25", () => {
  const index = buildBm25([["raket", "duits", "lever"], ["nasams", "batterij", "washington"], ["raket", "raket", "stad"], []]);

  it("ranks documents by matching terms, rarer terms counting more", () => {
    const hits = searchBm25(index, ["nasams"], 10);
    expect(hits.map((hit) => hit.document)).toEqual([1]);
    const both = searchBm25(index, ["raket", "duits"], 10);
    expect(both[0]!.document).toBe(0);
    expect(both.map((hit) => hit.document).sort()).toEqual([0, 2]);
  });

  it("rewards term frequency with saturation", () => {
    const hits = searchBm25(index, ["raket"], 10);
    expect(hits[0]!.document).toBe(2);
    expect(hits[0]!.score).toBeLessThan(2 * hits[1]!.score);
  });

  it("returns nothing for unknown terms, k = 0 or an empty index", () => {
    expect(searchBm25(index, ["voetbal"], 10)).toEqual([]);
    expect(searchBm25(index, ["raket"], 0)).toEqual([]);
    expect(searchBm25(buildBm25([]), ["raket"], 5)).toEqual([]);
  });

  it("survives a JSON round trip", () => {
    const copy = JSON.parse(JSON.stringify(index));
    expect(searchBm25(copy, ["raket", "stad"], 3)).toEqual(searchBm25(index, ["raket", "stad"], 3));
  });
});

describe("BM25 top-k selection", () => {
  it("returns exactly what a full sort would, for random corpora and k", async () => {
    const { seededRandom } = await import("../bench/synthetic-corpus.js");
    const random = seededRandom(3);
    const vocabulary = ["a", "b", "c", "d", "e", "f", "g", "h"];
    for (let round = 0; round < 20; round += 1) {
      const documents = Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        Array.from({ length: Math.floor(random() * 8) }, () => vocabulary[Math.floor(random() * vocabulary.length)]!),
      );
      const index = buildBm25(documents);
      const query = ["a", "c", "h"].filter(() => random() < 0.8);
      const all = searchBm25(index, query, documents.length);
      const k = 1 + Math.floor(random() * 10);
      expect(searchBm25(index, query, k)).toEqual(all.slice(0, k));
      for (let i = 1; i < all.length; i += 1) {
        expect(all[i - 1]!.score > all[i]!.score || (all[i - 1]!.score === all[i]!.score && all[i - 1]!.document < all[i]!.document)).toBe(true);
      }
    }
  });
});

describe("BM25 on disk", () => {
  it("packs into binary postings and unpacks to the same search results", async () => {
    const { packBm25, unpackBm25 } = await import("../../src/index/bm25.js");
    const index = buildBm25([["raket", "duits"], ["nasams", "raket", "raket"], [], ["stad"]]);
    const packed = packBm25(index);
    const header = JSON.parse(JSON.stringify(packed.header));
    const restored = unpackBm25(header, Int32Array.from(packed.postings), Int32Array.from(packed.lengths));
    for (const query of [["raket"], ["duits", "stad"], ["nasams", "raket"], ["onbekend"]]) {
      expect(searchBm25(restored, query, 5)).toEqual(searchBm25(index, query, 5));
    }
  });
});
