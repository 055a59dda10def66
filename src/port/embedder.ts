import type { Embeddings } from "@langchain/core/embeddings";

/**
 * A LangChain `Embeddings` that also says what it is. The index manifest stores `id` and
 * `dimensions` so vectors from two different embedders are never mixed in one index.
 */
export interface Embedder extends Embeddings {
  /** Stable identity, e.g. `hashing-v1-512` or `transformers:Xenova/multilingual-e5-small`. */
  readonly id: string;
  readonly dimensions: number;
}
