import { Embeddings } from "@langchain/core/embeddings";
import { isStopword, stem, words } from "../src/text/tokenize.js";
import { mapCooperatively } from "../src/util/cooperative.js";
import type { Embedder } from "./embedder.js";

/** Bump when the feature recipe changes: the id goes into the index manifest and forces a rebuild. */
const recipeVersion = 1;

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
      if (word.length < 2 || isStopword(word)) continue;
      this.add(vector, `w:${stem(word)}`, 1);
      const grams = characterNgrams(word);
      const weight = 1 / Math.sqrt(grams.length);
      for (const gram of grams) this.add(vector, `g:${gram}`, weight);
    }
    return normalize(vector);
  }

  private add(vector: Float64Array, feature: string, weight: number): void {
    const hash = fnv1a(feature);
    // The top bit picks the sign, so collisions cancel out on average instead of piling up.
    vector[hash % this.dimensions]! += hash & 0x80000000 ? -weight : weight;
  }
}

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
