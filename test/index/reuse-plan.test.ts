import { describe, expect, it } from "vitest";
import type { Passage } from "../../src/port/types.js";
import type { CorpusIndex } from "../../src/index/corpus-index.js";
import { planReuse } from "../../src/index/reuse-plan.js";
import { PositionDocstore } from "../../src/index/vector-store.js";

const hnsw = { m: 16, efConstruction: 100, efSearch: 64 };
const embedder = { id: "hashing-v2-512", dimensions: 512 };
const passage = (id: string): Passage => ({ id, documentId: id.split("#")[0]!, paragraph: 1, text: id, title: "t" });

/** Just what `planReuse` reads of a previous version: manifest, passages and the label table. */
function previous(ids: string[], mapping?: Int32Array, manifest: Partial<CorpusIndex["manifest"]> = {}): CorpusIndex {
  return {
    manifest: { embedder, hnsw: { m: hnsw.m, efConstruction: hnsw.efConstruction }, ...manifest },
    passages: ids.map(passage),
    vectors: { docstore: new PositionDocstore(mapping ?? ids.length) },
  } as unknown as CorpusIndex;
}

const ids = (count: number, prefix = "a") => Array.from({ length: count }, (_, at) => `${prefix}#${at}`);

describe("planReuse", () => {
  it("keeps labels of unchanged passages wherever they moved, adds fresh labels, deletes the rest", () => {
    const old = ids(10);
    const next = ["new#0", ...old.slice(0, 4), ...old.slice(5)]; // a#4 removed, new#0 first
    const plan = planReuse({ previous: previous(old), passages: next.map(passage), embedder, hnsw })!;
    expect(plan.removed).toEqual([4]);
    expect(plan.added).toEqual([{ position: 0, label: 10 }]);
    expect(Array.from(plan.positions)).toEqual([1, 2, 3, 4, -1, 5, 6, 7, 8, 9, 0]);
  });

  it("follows an existing label table and gives repeated paragraphs a label each", () => {
    // Labels 0..3; label 1 already deleted; "a#0" appears twice in the old and three times in the new version.
    const old = previous(["a#0", "a#0", "b#0"], Int32Array.from([0, -1, 1, 2]));
    const plan = planReuse({ previous: old, passages: ["a#0", "a#0", "a#0", "b#0"].map(passage), embedder, hnsw })!;
    expect(plan.removed).toEqual([]);
    expect(plan.added).toEqual([{ position: 2, label: 4 }]);
    expect(Array.from(plan.positions)).toEqual([1, -1, 0, 3, 2]);
  });

  it("declines when the embedder or the graph settings differ", () => {
    const old = ids(10);
    expect(
      planReuse({ previous: previous(old, undefined, { embedder: { id: "other", dimensions: 512 } }), passages: old.map(passage), embedder, hnsw }),
    ).toBeUndefined();
    expect(planReuse({ previous: previous(old), passages: old.map(passage), embedder, hnsw: { ...hnsw, m: 8 } })).toBeUndefined();
  });

  it("declines when under half the passages are kept or over a quarter of the labels would be deleted", () => {
    const old = ids(100);
    expect(planReuse({ previous: previous(old), passages: [...old.slice(0, 49), ...ids(51, "n")].map(passage), embedder, hnsw })).toBeUndefined();
    expect(planReuse({ previous: previous(old), passages: old.slice(0, 74).map(passage), embedder, hnsw })).toBeUndefined();
    expect(planReuse({ previous: previous(old), passages: old.slice(0, 76).map(passage), embedder, hnsw })).toBeDefined();
  });
});
