import { endianness } from "node:os";
import type { VectorCache } from "../index/embedding-cache.js";
import type { Embedder } from "../port/embedder.js";
import type { SharedDatabase } from "./database.js";

/** Hashes per query: keeps each statement's parameters and answer a few MB at most. */
const batchSize = 1000;

/**
 * The embedding cache every replica shares: `(embedder id, text hash) → vector` in PostgreSQL, so a
 * replica joining cold, or a second replica after a refresh, embeds nothing another one already
 * embedded. Same interface as the file cache (`VectorCache`), so `cachedEmbedding` takes either.
 * Vectors are float32, as in `vectors.f32`: what comes back is what the file cache would return.
 */
export class SharedEmbeddingCache implements VectorCache {
  private readonly embedder: string;
  private readonly dimensions: number;

  constructor(
    private readonly database: SharedDatabase,
    embedder: Pick<Embedder, "id" | "dimensions">,
  ) {
    this.embedder = embedder.id;
    this.dimensions = embedder.dimensions;
  }

  async getMany(hashes: readonly string[]): Promise<Array<number[] | undefined>> {
    const found = new Map<string, number[]>();
    for (let start = 0; start < hashes.length; start += batchSize) {
      const batch = [...new Set(hashes.slice(start, start + batchSize))];
      const result = await this.database.query<{ text_hash: string; vector: Buffer }>(
        "SELECT text_hash, vector FROM embedding_cache WHERE embedder = $1 AND dimensions = $2 AND text_hash = ANY($3::text[])",
        [this.embedder, this.dimensions, batch],
      );
      for (const row of result.rows) found.set(row.text_hash, decodeVector(row.vector));
    }
    return hashes.map((hash) => found.get(hash));
  }

  /** Stores vectors; one another replica stored first is kept (both came from the same embedder and text). */
  async putMany(items: ReadonlyArray<readonly [hash: string, vector: number[]]>): Promise<void> {
    for (let start = 0; start < items.length; start += batchSize) {
      const batch = items.slice(start, start + batchSize);
      for (const [hash, vector] of batch) {
        if (vector.length !== this.dimensions) throw new Error(`Vector for ${hash} has ${vector.length} dimensions, expected ${this.dimensions}`);
      }
      await this.database.query(
        `INSERT INTO embedding_cache (embedder, text_hash, dimensions, vector)
         SELECT $1, hash, $2, vector FROM unnest($3::text[], $4::bytea[]) AS item(hash, vector)
         ON CONFLICT (embedder, text_hash) DO NOTHING`,
        [this.embedder, this.dimensions, batch.map(([hash]) => hash), batch.map(([, vector]) => encodeVector(vector))],
      );
    }
  }

  /** Vectors cached for this embedder. */
  async count(): Promise<number> {
    const result = await this.database.query<{ count: string }>("SELECT count(*) AS count FROM embedding_cache WHERE embedder = $1 AND dimensions = $2", [
      this.embedder,
      this.dimensions,
    ]);
    return Number(result.rows[0]?.count ?? 0);
  }
}

const littleEndian = endianness() === "LE";

/** float32 little-endian bytes, whatever the host's byte order, so hosts of either order share vectors. */
export function encodeVector(vector: readonly number[]): Buffer {
  if (littleEndian) return Buffer.from(Float32Array.from(vector).buffer);
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes;
}

export function decodeVector(bytes: Buffer): number[] {
  if (!littleEndian) return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
  // The driver's buffer may start at an offset that is not 4-byte aligned: copy it out first.
  const aligned = new Uint8Array(bytes);
  return Array.from(new Float32Array(aligned.buffer, 0, aligned.byteLength / 4));
}
