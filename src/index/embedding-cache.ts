import { createHash } from "node:crypto";
import { appendFile, mkdir, open, readFile, stat, truncate } from "node:fs/promises";
import path from "node:path";
import type { Embedder } from "../port/embedder.js";
import { inBatches } from "../util/batches.js";
import { forEachCooperatively, mapCooperatively } from "../util/cooperative.js";
import type { EmbedPassages } from "./build-index.js";

/** Key of a text in the cache: its SHA-256 (the embedder is part of the folder name). */
export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * What `cachedEmbedding` needs of a cache: vectors by text hash for one embedder. Implemented by the
 * file cache below and by the shared PostgreSQL cache (`src/shared-state/embedding-cache.ts`).
 */
export interface VectorCache {
  /** The cached vector of each hash, undefined where there is none. */
  getMany(hashes: readonly string[]): Promise<Array<number[] | undefined>>;
  /** Stores vectors; a hash already cached keeps its vector. */
  putMany(items: ReadonlyArray<readonly [hash: string, vector: number[]]>): Promise<void>;
}

/**
 * On-disk embedding cache, one folder per embedder (`<DATA_DIR>/embeddings/<embedder id>/`), so a
 * refresh only embeds passages it has never seen. Two append-only files: `vectors.f32` (raw
 * float32, `dimensions` per entry) and `keys.txt` (one text hash per line, same order). Vectors are
 * appended before keys, so a crash mid-append leaves at worst a vector without a key, which is
 * ignored: the cache never returns a torn vector.
 *
 * Opening reads only the keys. Vectors are read when asked for: one by one for a few (a refresh
 * that adds an article to 100,000 cached passages), the whole file at once for many (a full
 * rebuild) — at 100k passages the file is 200 MB, which every refresh used to read.
 */
export class EmbeddingCache implements VectorCache {
  private readonly stride: number;
  /** Vectors appended by this process, not read back from the file. */
  private readonly recent = new Map<string, Float32Array>();

  private constructor(
    private readonly directory: string,
    private readonly dimensions: number,
    /** Text hash → entry number in `vectors.f32`. */
    private readonly slots: Map<string, number>,
  ) {
    this.stride = dimensions * 4;
  }

  static async open(dataDir: string, embedder: Pick<Embedder, "id" | "dimensions">): Promise<EmbeddingCache> {
    const directory = path.join(dataDir, "embeddings", embedder.id.replace(/[^A-Za-z0-9._-]+/g, "_"));
    await mkdir(directory, { recursive: true });
    const vectorsFile = path.join(directory, "vectors.f32");
    const [keys, bytes] = await Promise.all([
      readFile(path.join(directory, "keys.txt"), "utf8").catch(() => ""),
      stat(vectorsFile).then(
        (info) => info.size,
        () => 0,
      ),
    ]);
    const lines = keys.split("\n");
    // Only complete lines count: the last one is complete only when followed by a newline.
    const complete = lines.length - 1;
    const stride = embedder.dimensions * 4;
    const available = Math.min(complete, Math.floor(bytes / stride));
    // Drop whatever a crash left unpaired, so the next append starts aligned again.
    if (bytes > available * stride) await truncate(vectorsFile, available * stride);
    const keptKeys = lines.slice(0, available).join("\n") + (available > 0 ? "\n" : "");
    if (Buffer.byteLength(keys) > Buffer.byteLength(keptKeys)) await truncate(path.join(directory, "keys.txt"), Buffer.byteLength(keptKeys));
    const slots = new Map<string, number>();
    for (let index = 0; index < available; index += 1) slots.set(lines[index]!, index);
    return new EmbeddingCache(directory, embedder.dimensions, slots);
  }

  get size(): number {
    return this.slots.size + this.recent.size;
  }

  /** The cached vector of each hash, undefined where there is none. */
  async getMany(hashes: readonly string[]): Promise<Array<number[] | undefined>> {
    const results: Array<number[] | undefined> = hashes.map((hash) => {
      const recent = this.recent.get(hash);
      return recent ? Array.from(recent) : undefined;
    });
    const wanted = hashes.flatMap((hash, at) => (results[at] === undefined && this.slots.has(hash) ? [{ at, slot: this.slots.get(hash)! }] : []));
    if (wanted.length === 0) return results;
    const file = await open(path.join(this.directory, "vectors.f32"), "r");
    try {
      if (wanted.length > bulkReadShare * this.slots.size) {
        const bytes = await file.readFile();
        // A small file may come back at an offset of Node's shared pool that is not 4-byte aligned.
        const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
        const all = new Float32Array(aligned.buffer, aligned.byteOffset, Math.floor(aligned.byteLength / 4));
        // Copying 100k vectors out takes a while: slice it like the rest of the build.
        await forEachCooperatively(wanted, ({ at, slot }) => {
          results[at] = Array.from(all.subarray(slot * this.dimensions, (slot + 1) * this.dimensions));
        });
      } else {
        const buffer = Buffer.alloc(this.stride);
        for (const { at, slot } of wanted) {
          await file.read(buffer, 0, this.stride, slot * this.stride);
          results[at] = Array.from(new Float32Array(buffer.buffer, buffer.byteOffset, this.dimensions));
        }
      }
    } finally {
      await file.close();
    }
    return results;
  }

  async putMany(items: ReadonlyArray<readonly [hash: string, vector: number[]]>): Promise<void> {
    const fresh = items.filter(([hash]) => !this.slots.has(hash) && !this.recent.has(hash));
    if (fresh.length === 0) return;
    const packed = new Float32Array(fresh.length * this.dimensions);
    fresh.forEach(([, vector], index) => packed.set(vector, index * this.dimensions));
    await appendFile(path.join(this.directory, "vectors.f32"), Buffer.from(packed.buffer));
    await appendFile(path.join(this.directory, "keys.txt"), fresh.map(([hash]) => hash).join("\n") + "\n");
    fresh.forEach(([hash], index) => this.recent.set(hash, packed.subarray(index * this.dimensions, (index + 1) * this.dimensions)));
  }
}

/** Above this share of the cache, one sequential read of the whole file beats one read per vector. */
const bulkReadShare = 0.05;

/**
 * An `EmbedPassages` that takes known vectors from the cache and embeds only the rest (in batches),
 * writing them back. `stats.embedded` says how many texts really went through the embedder.
 */
export function cachedEmbedding(embedder: Embedder, cache: VectorCache, batchSize = 64): { embed: EmbedPassages; stats: { embedded: number } } {
  const stats = { embedded: 0 };
  const embed: EmbedPassages = async (texts, onProgress) => {
    // Hashing 100k texts takes a while: slice it like the rest of the build.
    const hashes = await mapCooperatively(texts, textHash);
    const vectors = await cache.getMany(hashes);
    const missing = [...new Set(hashes.filter((_, index) => vectors[index] === undefined))];
    const textOf = new Map(hashes.map((hash, index) => [hash, texts[index]!]));
    onProgress(texts.length - hashes.filter((_, index) => vectors[index] === undefined).length);
    const embedMissing = async (batch: string[]) => {
      const result = await embedder.embedDocuments(batch.map((hash) => textOf.get(hash)!));
      const pairs = batch.map((hash, index) => [hash, result[index]!] as const);
      await cache.putMany(pairs);
      stats.embedded += batch.length;
      return pairs;
    };
    const computed = new Map(await inBatches(missing, batchSize, embedMissing, (done) => onProgress(texts.length - missing.length + done)));
    return hashes.map((hash, index) => vectors[index] ?? computed.get(hash)!);
  };
  return { embed, stats };
}
