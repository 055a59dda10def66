import type { CorpusDocument } from "../corpus/document.js";
import { corpusHash, paragraphsOf, toPassage } from "../corpus/passages.js";
import { inBatches } from "../util/batches.js";
import { forEachCooperatively, mapCooperatively } from "../util/cooperative.js";
import { IndexError } from "../port/errors.js";
import type { RefreshProgress } from "../port/types.js";
import { contentTerms } from "../text/tokenize.js";
import type { Embedder } from "../port/embedder.js";
import { Bm25Builder } from "./bm25.js";
import type { CorpusIndex, UncalibratedIndex } from "./corpus-index.js";
import type { OnIndexPhase } from "./index-phase.js";
import { indexFormatVersion, type Calibration } from "./manifest.js";
import { planReuse } from "./reuse-plan.js";
import { buildVectorStore, extendVectorStore, type HnswSettings } from "./vector-store.js";

/** Build progress is reported in the same shape as refresh progress (a build is a refresh's middle part). */
export type BuildProgress = RefreshProgress;

/** Turns passages into vectors; the refresh path swaps in a cached implementation. */
export type EmbedPassages = (texts: string[], onProgress: (done: number) => void) => Promise<number[][]>;

export interface BuildIndexOptions {
  documents: CorpusDocument[];
  embedder: Embedder;
  hnsw: HnswSettings;
  version: number;
  embed?: EmbedPassages;
  onProgress?: (progress: BuildProgress) => void;
  /** Hears `embedding` before the first passage is embedded (see `index-phase.ts`); awaited. */
  onPhase?: OnIndexPhase;
  now?: () => number;
  /**
   * The version this one replaces, and the folder its vector store is saved in: when most passages
   * are unchanged its HNSW graph is extended instead of rebuilt (see `planReuse`).
   */
  previous?: { index: CorpusIndex; vectorsDirectory: string };
  /**
   * Measures the new version's abstention scale (`src/calibration/`). Injected because it searches
   * the index this module builds, with retrieval code that sits above it.
   */
  calibrate: (index: UncalibratedIndex) => Promise<Calibration>;
}

const embedBatch = 64;

/** Embeds in batches so progress can be reported and memory stays bounded. */
export function embedInBatches(embedder: Embedder): EmbedPassages {
  return (texts, onProgress) => inBatches(texts, embedBatch, (batch) => embedder.embedDocuments(batch), onProgress);
}

/** Builds a complete in-memory index version from validated documents. Nothing is written to disk. */
export async function buildIndex(options: BuildIndexOptions): Promise<CorpusIndex> {
  const now = options.now ?? Date.now;
  const started = now();
  // Every CPU-heavy step runs in slices: a 100k-passage build must not stall the answers.
  const passages = await mapCooperatively(paragraphsOf(options.documents), toPassage);
  const texts = passages.map((passage) => passage.text);
  const report = options.onProgress ?? (() => {});
  const { previous } = options;
  const plan = previous && planReuse({ previous: previous.index, passages, embedder: options.embedder, hnsw: options.hnsw });
  // Extending the previous graph needs vectors for the new passages only.
  const toEmbed = plan ? plan.added.map(({ position }) => texts[position]!) : texts;
  let vectors: number[][];
  await options.onPhase?.("embedding");
  try {
    vectors = await (options.embed ?? embedInBatches(options.embedder))(toEmbed, (done) => report({ phase: "embedding", done, total: toEmbed.length }));
  } catch (error) {
    throw new IndexError("EMBEDDING_FAILED", `The embedder ${options.embedder.id} failed: ${(error as Error).message}`, { cause: error });
  }
  if (vectors.length !== toEmbed.length || vectors.some((vector) => vector.length !== options.embedder.dimensions)) {
    throw new IndexError("EMBEDDING_FAILED", `The embedder ${options.embedder.id} returned vectors of the wrong count or size.`);
  }
  report({ phase: "indexing", done: 0, total: passages.length });
  const store = plan
    ? await extendVectorStore(
        options.embedder,
        previous!.vectorsDirectory,
        { positions: plan.positions, removed: plan.removed, added: plan.added.map(({ label }, at) => ({ label, vector: vectors[at]! })) },
        options.hnsw,
      )
    : await buildVectorStore(options.embedder, vectors, options.hnsw);
  const lexical = new Bm25Builder();
  await forEachCooperatively(texts, (text) => lexical.add(contentTerms(text)));
  const bm25 = lexical.finish();
  report({ phase: "indexing", done: passages.length, total: passages.length });
  const uncalibrated: UncalibratedIndex = {
    manifest: {
      formatVersion: indexFormatVersion,
      version: options.version,
      corpusHash: corpusHash(options.documents),
      embedder: { id: options.embedder.id, dimensions: options.embedder.dimensions },
      hnsw: { m: options.hnsw.m, efConstruction: options.hnsw.efConstruction },
      documents: options.documents.length,
      passages: passages.length,
      builtAt: new Date(now()).toISOString(),
      buildMs: 0,
    },
    passages,
    bm25,
    vectors: store,
  };
  const calibration = await options.calibrate(uncalibrated);
  return { ...uncalibrated, manifest: { ...uncalibrated.manifest, calibration, buildMs: now() - started } };
}
