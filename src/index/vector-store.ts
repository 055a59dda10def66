import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
import { int32FromBytes } from "./int32-bytes.js";
import { JsonFileWriter } from "./json-writer.js";
import { forEachCooperatively } from "../util/cooperative.js";

export interface HnswSettings {
  m: number;
  efConstruction: number;
  efSearch: number;
}

export interface VectorHit {
  /** Position of the passage in the index's passage list. */
  position: number;
  /** Cosine similarity in [-1, 1]. */
  similarity: number;
}

/**
 * Builds LangChain's `HNSWLib` store from precomputed vectors. We fill the hnswlib index ourselves
 * instead of calling `HNSWLib.addVectors` because that uses hnswlib's default M/efConstruction
 * and inserts everything in one synchronous loop; here the graph parameters are configurable and
 * the insert yields between batches so a large build never stalls the bot's answers.
 */
export async function buildVectorStore(embeddings: EmbeddingsInterface, vectors: number[][], settings: HnswSettings): Promise<HNSWLib> {
  const dimensions = vectors[0]?.length;
  if (!dimensions) throw new Error("Cannot build a vector index without vectors.");
  const index = new hnswlib.HierarchicalNSW("cosine", dimensions);
  index.initIndex(vectors.length, settings.m, settings.efConstruction, 100);
  await forEachCooperatively(vectors, (vector, position) => index.addPoint(vector, position));
  index.setEf(settings.efSearch);
  return new HNSWLib(embeddings, {
    space: "cosine",
    numDimensions: dimensions,
    index,
    docstore: new PositionDocstore(vectors.length),
  });
}

/**
 * Adds to a copy of a saved graph instead of building a new one: `directory` holds the previous
 * version's store, `positions` maps every label of the result to its passage position (−1: the
 * passage is gone), `removed` are live labels of the old graph to mark deleted, and `added` pairs
 * fresh labels with their vectors. Unchanged passages keep their label and their place in the graph.
 */
export async function extendVectorStore(
  embeddings: EmbeddingsInterface,
  directory: string,
  change: { positions: Int32Array; removed: readonly number[]; added: ReadonlyArray<{ label: number; vector: number[] }> },
  settings: HnswSettings,
): Promise<HNSWLib> {
  const args = await readArgs(directory);
  const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
  await index.readIndex(path.join(directory, "hnswlib.index"));
  index.resizeIndex(change.positions.length);
  for (const label of change.removed) index.markDelete(label);
  await forEachCooperatively(change.added, ({ label, vector }) => index.addPoint(vector, label));
  index.setEf(settings.efSearch);
  return new HNSWLib(embeddings, { ...args, index, docstore: new PositionDocstore(change.positions) });
}

/**
 * The store's docstore maps an hnswlib label to a LangChain `Document` whose `metadata.position`
 * is the passage's place in the index's passage list. After a full build the label *is* the
 * position; after `extendVectorStore` a label → position table says where each passage went. The
 * document is made when asked for instead of kept in a 100,000-entry map (and parsed from
 * `docstore.json` at every start-up).
 */
export class PositionDocstore extends SynchronousInMemoryDocstore {
  /** Labels in the graph, deleted ones included. */
  readonly labelCount: number;
  /** Labels that stand for a passage (the rest are deleted). */
  readonly liveCount: number;

  /** `count` labels that are their own positions, or a label → position table (−1: deleted). */
  constructor(readonly mapping: number | Int32Array) {
    super();
    this.labelCount = typeof mapping === "number" ? mapping : mapping.length;
    this.liveCount = typeof mapping === "number" ? mapping : mapping.reduce((live, position) => (position >= 0 ? live + 1 : live), 0);
  }

  /** True when the live labels stand for positions 0 … count − 1, each exactly once (a sound table). */
  coversExactly(count: number): boolean {
    if (this.liveCount !== count) return false;
    if (typeof this.mapping === "number") return true;
    const seen = new Uint8Array(count);
    for (const position of this.mapping) {
      if (position < 0) continue;
      if (position >= count || seen[position]) return false;
      seen[position] = 1;
    }
    return true;
  }

  /** The passage position of a label, −1 for a deleted or unknown one. */
  positionOf(label: number): number {
    if (!Number.isInteger(label) || label < 0 || label >= this.labelCount) return -1;
    return typeof this.mapping === "number" ? label : this.mapping[label]!;
  }

  override search(label: string): Document {
    const position = this.positionOf(Number(label));
    if (position < 0) throw new Error(`ID ${label} not found.`);
    return new Document({ pageContent: "", metadata: { position } });
  }

  override add(): void {
    throw new Error("PositionDocstore is derived from hnswlib labels; add points to the index instead.");
  }

  /** Every live entry, in the `[label, document]` form `HNSWLib.save` writes to `docstore.json`. */
  entries(): Array<[string, Document]> {
    const entries: Array<[string, Document]> = [];
    for (let label = 0; label < this.labelCount; label += 1) if (this.positionOf(label) >= 0) entries.push([String(label), this.search(String(label))]);
    return entries;
  }
}

/**
 * Saves in exactly the layout `HNSWLib.save` uses (`hnswlib.index`, `args.json`, `docstore.json`),
 * so `HNSWLib.load` reads it back; but the docstore is written in slices instead of one
 * `JSON.stringify` of every document, which would stall the bot during a large refresh.
 */
export async function saveVectorStore(store: HNSWLib, directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await store.index.writeIndex(path.join(directory, "hnswlib.index"));
  await writeFile(path.join(directory, "args.json"), JSON.stringify(store.args));
  const docstore = await JsonFileWriter.create(path.join(directory, "docstore.json"));
  const entries = store.docstore instanceof PositionDocstore ? store.docstore.entries() : Array.from(store.docstore._docs.entries());
  await docstore.array(entries);
  await docstore.close();
  // Only a graph that was extended has labels that differ from positions.
  if (store.docstore instanceof PositionDocstore && typeof store.docstore.mapping !== "number") {
    await writeFile(path.join(directory, labelsFile), store.docstore.mapping);
  }
}

/**
 * Reads a store saved by `saveVectorStore` (or `HNSWLib.save`). Like `HNSWLib.load`, but the
 * docstore is a `PositionDocstore`: `docstore.json` stays on disk for LangChain's own loader and
 * is checked only for its presence.
 */
export async function loadVectorStore(directory: string, embeddings: EmbeddingsInterface, efSearch: number): Promise<HNSWLib> {
  const args = await readArgs(directory);
  await access(path.join(directory, "docstore.json"));
  const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
  const [labels] = await Promise.all([readLabels(directory), index.readIndex(path.join(directory, "hnswlib.index"))]);
  if (labels && labels.length !== index.getCurrentCount()) throw new Error(`${labelsFile} has ${labels.length} labels, the graph ${index.getCurrentCount()}`);
  index.setEf(efSearch);
  return new HNSWLib(embeddings, { ...args, index, docstore: new PositionDocstore(labels ?? index.getCurrentCount()) });
}

/** Label → passage position table of an extended graph (`Int32Array`, −1 for deleted labels). */
const labelsFile = "labels.i32";

async function readLabels(directory: string): Promise<Int32Array | undefined> {
  const bytes = await readFile(path.join(directory, labelsFile)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  return bytes && int32FromBytes(bytes);
}

async function readArgs(directory: string): Promise<{ space: "cosine"; numDimensions: number }> {
  return JSON.parse(await readFile(path.join(directory, "args.json"), "utf8")) as { space: "cosine"; numDimensions: number };
}

/**
 * Nearest passages to a query vector. HNSWLib returns hnswlib's cosine *distance* (1 − cos); we
 * turn it back into a similarity so higher is better everywhere in the core.
 */
export async function searchVectors(store: HNSWLib, query: number[], k: number): Promise<VectorHit[]> {
  const total = store.index.getCurrentCount();
  if (total === 0 || !query.some((value) => value !== 0)) return [];
  const results = await store.similaritySearchVectorWithScore(query, Math.min(k, total));
  return results.map(([document, distance]) => ({
    position: document.metadata.position as number,
    similarity: 1 - distance,
  }));
}
