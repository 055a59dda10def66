import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { cachedEmbedding, EmbeddingCache, textHash } from "../../src/index/embedding-cache.js";
import { SharedEmbeddingCache } from "../../src/shared-state/embedding-cache.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";

/** Counts the texts that really went through the embedder, to prove what a replica did not embed. */
class CountingEmbedder extends HashingEmbedder {
  embedded = 0;
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded += texts.length;
    return super.embedDocuments(texts);
  }
}

const passages = Array.from({ length: 40 }, (_, index) => `Alinea ${index}: Duitsland levert binnen enkele dagen ${index * 7} Iris-T-systemen aan Oekraïne.`);
const noProgress = () => undefined;

describe.skipIf(!postgresAvailable)("shared embedding cache", () => {
  const db = useTestDatabase();

  it("returns stored float32 vectors by hash, undefined for the rest, in the order asked", async () => {
    const cache = new SharedEmbeddingCache(db.open(), { id: "test-embedder", dimensions: 3 });
    await cache.putMany([
      ["a", [0.1, -2, 3.5]],
      ["b", [1, 2, 3]],
    ]);
    const [b, missing, a, again] = await cache.getMany(["b", "zz", "a", "b"]);
    expect(b).toEqual([1, 2, 3]);
    expect(missing).toBeUndefined();
    // Stored as float32, exactly as the file cache's vectors.f32: 0.1 comes back as float32's 0.1.
    expect(a).toEqual([Math.fround(0.1), -2, 3.5]);
    expect(again).toEqual(b);
    expect(await cache.count()).toBe(2);
  });

  it("keeps embedders apart, also one id with another vector size", async () => {
    const database = db.open();
    await new SharedEmbeddingCache(database, { id: "model-x", dimensions: 2 }).putMany([["same-text", [1, 1]]]);
    expect(await new SharedEmbeddingCache(database, { id: "model-y", dimensions: 2 }).getMany(["same-text"])).toEqual([undefined]);
    expect(await new SharedEmbeddingCache(database, { id: "model-x", dimensions: 4 }).getMany(["same-text"])).toEqual([undefined]);
    await expect(new SharedEmbeddingCache(database, { id: "model-x", dimensions: 2 }).putMany([["short", [1]]])).rejects.toThrow(/1 dimensions, expected 2/);
  });

  it("a second replica embeds nothing the first one embedded, and gets the vectors the file cache gives", async () => {
    const [first, second] = [new CountingEmbedder(64), new CountingEmbedder(64)];
    const a = cachedEmbedding(first, new SharedEmbeddingCache(db.open(), first));
    const b = cachedEmbedding(second, new SharedEmbeddingCache(db.open(), second));
    const fromA = await a.embed(passages, noProgress);
    expect(first.embedded).toBe(passages.length);
    const fromB = await b.embed([...passages, "Een nieuwe alinea over luchtafweer."], noProgress);
    expect(second.embedded).toBe(1);
    expect(b.stats.embedded).toBe(1);
    // What was computed, as float32: what either cache keeps.
    expect(fromB.slice(0, passages.length)).toEqual(fromA.map((vector) => vector.map(Math.fround)));

    const dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-cache-"));
    try {
      await cachedEmbedding(new CountingEmbedder(64), await EmbeddingCache.open(dataDir, first)).embed(passages, noProgress);
      const fromFile = cachedEmbedding(new CountingEmbedder(64), await EmbeddingCache.open(dataDir, first));
      expect(await fromFile.embed(passages, noProgress)).toEqual(fromB.slice(0, passages.length));
      expect(fromFile.stats.embedded).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("replicas storing the same texts at once both succeed, and more hashes than one query holds round-trip", async () => {
    const embedder = { id: "bulk", dimensions: 8 };
    const items = Array.from({ length: 2500 }, (_, index) => [textHash(`tekst ${index}`), Array.from({ length: 8 }, (_, at) => index + at / 8)] as const);
    await Promise.all([new SharedEmbeddingCache(db.open(), embedder).putMany(items), new SharedEmbeddingCache(db.open(), embedder).putMany(items)]);
    const cache = new SharedEmbeddingCache(db.open(), embedder);
    expect(await cache.count()).toBe(2500);
    const vectors = await cache.getMany(items.map(([hash]) => hash));
    expect(vectors).toEqual(items.map(([, vector]) => vector));
  });
});
