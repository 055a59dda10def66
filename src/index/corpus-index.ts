import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Passage } from "../port/types.js";
import type { Bm25Data } from "./bm25.js";
import type { IndexManifest } from "./manifest.js";

/**
 * One immutable, loaded index version: everything an answer is computed against. A refresh builds a
 * new one beside it and swaps the reference; nothing mutates a `CorpusIndex` after it is built.
 */
export interface CorpusIndex {
  manifest: IndexManifest;
  /** Passages in index order: position `i` is BM25 document `i`; `vectors.docstore` maps HNSW labels to positions. */
  passages: Passage[];
  bm25: Bm25Data;
  vectors: HNSWLib;
}

/** A version being built: everything but its calibration, which is measured by searching it. */
export type UncalibratedIndex = Omit<CorpusIndex, "manifest"> & { manifest: Omit<CorpusIndex["manifest"], "calibration"> };
