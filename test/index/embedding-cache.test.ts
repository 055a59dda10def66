import { appendFile, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cachedEmbedding, EmbeddingCache, textHash } from "../../src/index/embedding-cache.js";
import { CountingEmbedder } from "../helpers/core-fixture.js";

const embedder = { id: "test-embedder", dimensions: 4 };
const vector = (seed: number) => [seed, seed + 0.5, -seed, seed / 4];
let dataDir = "";
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-cache-"));
});
afterEach(async () => rm(dataDir, { recursive: true, force: true }));

const folder = () => path.join(dataDir, "embeddings", "test-embedder");

describe("EmbeddingCache", () => {
  it("returns what was stored, after reopening, read one by one (few hits) or in bulk (many)", async () => {
    const cache = await EmbeddingCache.open(dataDir, embedder);
    const items = Array.from({ length: 200 }, (_, at) => [`h${at}`, vector(at)] as const);
    await cache.putMany(items);
    expect(await cache.getMany(["h3", "missing", "h199"])).toEqual([vector(3), undefined, vector(199)]);

    const reopened = await EmbeddingCache.open(dataDir, embedder);
    expect(reopened.size).toBe(200);
    // 3 of 200: read vector by vector.
    expect(await reopened.getMany(["h0", "h150", "nope", "h42"])).toEqual([vector(0), vector(150), undefined, vector(42)]);
    // All of them: one read of the whole file.
    const all = await reopened.getMany(items.map(([hash]) => hash));
    expect(all).toEqual(items.map(([, value]) => value));
  });

  it("ignores and trims what a crash left unpaired: a vector without its key, a key line without its newline", async () => {
    const cache = await EmbeddingCache.open(dataDir, embedder);
    await cache.putMany([
      ["a", vector(1)],
      ["b", vector(2)],
    ]);
    // A vector written, then the process died before its key; and a torn key line.
    await appendFile(path.join(folder(), "vectors.f32"), Buffer.from(new Float32Array(vector(3)).buffer));
    await appendFile(path.join(folder(), "keys.txt"), "c-torn");
    const reopened = await EmbeddingCache.open(dataDir, embedder);
    expect(reopened.size).toBe(2);
    expect(await reopened.getMany(["a", "b", "c-torn"])).toEqual([vector(1), vector(2), undefined]);
    expect((await stat(path.join(folder(), "vectors.f32"))).size).toBe(2 * 4 * 4);
    expect(await readFile(path.join(folder(), "keys.txt"), "utf8")).toBe("a\nb\n");
    // Appends start aligned again.
    await reopened.putMany([["d", vector(4)]]);
    expect(await (await EmbeddingCache.open(dataDir, embedder)).getMany(["d", "a"])).toEqual([vector(4), vector(1)]);
  });

  it("cachedEmbedding embeds only texts the cache has not seen, once each", async () => {
    const counting = new CountingEmbedder(16);
    const texts = ["een", "twee", "een", "drie"];
    const first = cachedEmbedding(counting, await EmbeddingCache.open(dataDir, counting));
    const vectors = await first.embed(texts, () => {});
    expect(first.stats.embedded).toBe(3);
    expect(vectors[0]).toEqual(vectors[2]);
    const second = cachedEmbedding(counting, await EmbeddingCache.open(dataDir, counting));
    const again = await second.embed(["drie", "vier", "een"], () => {});
    expect(second.stats.embedded).toBe(1);
    expect(again[0]).toEqual(vectors[3]!.map((value) => Math.fround(value)));
    expect(textHash("een")).toHaveLength(32);
  });
});
