import { Embeddings } from "@langchain/core/embeddings";
import { isStopword, stem, words } from "../src/text/tokenize.js";
import { BoundedMap } from "../src/util/bounded-map.js";
import { mapCooperatively } from "../src/util/cooperative.js";
import type { Embedder } from "../src/port/embedder.js";

/** Bump when the feature recipe changes: the id goes into the index manifest and forces a rebuild. */
const recipeVersion = 2;

/**
 * Offline, deterministic embeddings by feature hashing (the "hashing trick").
 *
 * This is a *lexical* embedder, not a semantic one: it knows nothing of meaning, only of shared
 * word forms. Each content word contributes its Dutch Snowball stem plus its character 3–5-grams,
 * so compounds (`luchtafweersystemen` ~ `luchtafweer`), inflections (`raketten` ~ `raket`) and
 * cognates (`Zelensky` ~ `Zelenski`, `defence minister` ~ `defensieminister`) still land close.
 * It needs no download and embeds thousands of passages per second.
 */
export class HashingEmbedder extends Embeddings implements Embedder {
  readonly id: string;
  private readonly memo = new BoundedMap<string, WordFeatures>(memoCapacity);

  constructor(readonly dimensions = 512) {
    super({});
    this.id = `hashing-v${recipeVersion}-${dimensions}`;
  }

  /** Yields to the event loop between slices, so a large ingest never stalls answers. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return mapCooperatively(texts, (text) => this.embed(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }

  /** Synchronous core, exposed for benchmarks and tests. */
  embed(text: string): number[] {
    const vector = new Float64Array(this.dimensions);
    for (const word of words(text)) {
      const features = this.wordFeatures(word);
      for (let index = 0; index < features.slots.length; index += 1) vector[features.slots[index]!]! += features.weights[index]!;
    }
    return normalize(vector);
  }

  /**
   * The hashed features of one word (stem + character n-grams), memoised: news text repeats its
   * words, and stemming and hashing dominate the cost of embedding.
   */
  private wordFeatures(word: string): WordFeatures {
    return this.memo.remember(word, this.computeWordFeatures);
  }

  // An arrow function, bound once: a fresh closure per word would cost on the hot path.
  private readonly computeWordFeatures = (word: string): WordFeatures => {
    const slots: number[] = [];
    const weights: number[] = [];
    const add = (feature: string, weight: number) => {
      const hash = fnv1a(feature);
      slots.push(hash % this.dimensions);
      // The top bit picks the sign, so collisions cancel out on average instead of piling up.
      weights.push(hash & 0x80000000 ? -weight : weight);
    };
    if (word.length >= 2 && !isStopword(word)) {
      add(`w:${stem(word)}`, 1);
      const grams = characterNgrams(word);
      const weight = 1 / Math.sqrt(grams.length);
      for (const gram of grams) add(`g:${gram}`, weight);
    }
    return { slots: Int32Array.from(slots), weights: Float64Array.from(weights) };
  };
}

interface WordFeatures {
  slots: Int32Array;
  weights: Float64Array;
}

/** Distinct words remembered; a large news vocabulary fits, memory stays bounded (~100 MB worst case). */
const memoCapacity = 200_000;

/** Character 3-, 4- and 5-grams of `<word>` (with boundary marks), the basis of compound matching. */
export function characterNgrams(word: string): string[] {
  const padded = `<${word}>`;
  const grams: string[] = [];
  for (let size = 3; size <= 5; size += 1) {
    for (let start = 0; start + size <= padded.length; start += 1) grams.push(padded.slice(start, start + size));
  }
  return grams;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function normalize(vector: Float64Array): number[] {
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  // An empty or all-stopword text gives the zero vector; keep it zero rather than dividing by zero.
  return Array.from(vector, (value) => (norm > 0 ? value / norm : 0));
}
