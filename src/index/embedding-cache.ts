import { createHash } from "node:crypto";
import { appendFile, mkdir, readFile, truncate } from "node:fs/promises";
import path from "node:path";
import type { Embedder } from "../../embeddings/embedder.js";
import { mapCooperatively } from "../util/cooperative.js";
import type { EmbedPassages } from "./build-index.js";

/** Key of a text in the cache: its SHA-256 (the embedder is part of the folder name). */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * On-disk embedding cache, one folder per embedder (`<DATA_DIR>/embeddings/<embedder id>/`), so a
 * refresh only embeds passages it has never seen. Two append-only files: `vectors.f32` (raw
 * float32, `dimensions` per entry) and `keys.txt` (one text hash per line, same order). Vectors are
 * appended before keys, so a crash mid-append leaves at worst a vector without a key, which is
 * ignored: the cache never returns a torn vector.
 */
export class EmbeddingCache {
  private constructor(
    private readonly directory: string,
    private readonly dimensions: number,
    private readonly entries: Map<string, Float32Array>,
  ) {}

  static async open(dataDir: string, embedder: Pick<Embedder, "id" | "dimensions">): Promise<EmbeddingCache> {
    const directory = path.join(dataDir, "embeddings", embedder.id.replace(/[^A-Za-z0-9._-]+/g, "_"));
    await mkdir(directory, { recursive: true });
    const entries = new Map<string, Float32Array>();
    const [keys, bytes] = await Promise.all([
      readFile(path.join(directory, "keys.txt"), "utf8").catch(() => ""),
      readFile(path.join(directory, "vectors.f32")).catch(() => Buffer.alloc(0)),
    ]);
    const lines = keys.split("\n");
    // Only complete lines count: the last one is complete only when followed by a newline.
    const complete = lines.length - 1;
    const stride = embedder.dimensions * 4;
    const available = Math.min(complete, Math.floor(bytes.byteLength / stride));
    // Drop whatever a crash left unpaired, so the next append starts aligned again.
    if (bytes.byteLength > available * stride) await truncate(path.join(directory, "vectors.f32"), available * stride);
    const keptKeys = lines.slice(0, available).join("\n") + (available > 0 ? "\n" : "");
    if (Buffer.byteLength(keys) > Buffer.byteLength(keptKeys)) await truncate(path.join(directory, "keys.txt"), Buffer.byteLength(keptKeys));
    const aligned = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + available * stride));
    for (let index = 0; index < available; index += 1) {
      entries.set(lines[index]!, aligned.subarray(index * embedder.dimensions, (index + 1) * embedder.dimensions));
    }
    return new EmbeddingCache(directory, embedder.dimensions, entries);
  }

  get size(): number {
    return this.entries.size;
  }

  get(hash: string): number[] | undefined {
    const vector = this.entries.get(hash);
    return vector ? Array.from(vector) : undefined;
  }

  async putMany(items: ReadonlyArray<readonly [hash: string, vector: number[]]>): Promise<void> {
    const fresh = items.filter(([hash]) => !this.entries.has(hash));
    if (fresh.length === 0) return;
    const packed = new Float32Array(fresh.length * this.dimensions);
    fresh.forEach(([, vector], index) => packed.set(vector, index * this.dimensions));
    await appendFile(path.join(this.directory, "vectors.f32"), Buffer.from(packed.buffer));
    await appendFile(path.join(this.directory, "keys.txt"), fresh.map(([hash]) => hash).join("\n") + "\n");
    fresh.forEach(([hash], index) => this.entries.set(hash, packed.subarray(index * this.dimensions, (index + 1) * this.dimensions)));
  }
}

/**
 * An `EmbedPassages` that takes known vectors from the cache and embeds only the rest (in batches),
 * writing them back. `stats.embedded` says how many texts really went through the embedder.
 */
export function cachedEmbedding(embedder: Embedder, cache: EmbeddingCache, batchSize = 64): { embed: EmbedPassages; stats: { embedded: number } } {
  const stats = { embedded: 0 };
  const embed: EmbedPassages = async (texts, onProgress) => {
    // Hashing 100k texts takes a while: slice it like the rest of the build.
    const hashes = await mapCooperatively(texts, textHash);
    const vectors = await mapCooperatively(hashes, (hash) => cache.get(hash));
    const missing = [...new Set(hashes.filter((_, index) => vectors[index] === undefined))];
    const computed = new Map<string, number[]>();
    const textOf = new Map(hashes.map((hash, index) => [hash, texts[index]!]));
    onProgress(texts.length - hashes.filter((_, index) => vectors[index] === undefined).length);
    for (let start = 0; start < missing.length; start += batchSize) {
      const batch = missing.slice(start, start + batchSize);
      const result = await embedder.embedDocuments(batch.map((hash) => textOf.get(hash)!));
      const pairs = batch.map((hash, index) => [hash, result[index]!] as const);
      await cache.putMany(pairs);
      for (const [hash, vector] of pairs) computed.set(hash, vector);
      stats.embedded += batch.length;
      onProgress(texts.length - missing.length + Math.min(missing.length, start + batch.length));
    }
    return hashes.map((hash, index) => vectors[index] ?? computed.get(hash)!);
  };
  return { embed, stats };
}
