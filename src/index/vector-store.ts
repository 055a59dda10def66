import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import hnswlib from "hnswlib-node";
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
export async function buildVectorStore(
  embeddings: EmbeddingsInterface,
  vectors: number[][],
  settings: HnswSettings,
): Promise<HNSWLib> {
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
 * The store's docstore maps an hnswlib label to a LangChain `Document`; our label *is* the
 * passage's position, so the document is made from the label when asked for instead of kept in a
 * 100,000-entry map (and parsed from `docstore.json` at every start-up). The passage itself lives
 * in the index's passage list.
 */
export class PositionDocstore extends SynchronousInMemoryDocstore {
  constructor(readonly count: number) {
    super();
  }

  override search(label: string): Document {
    const position = Number(label);
    if (!Number.isInteger(position) || position < 0 || position >= this.count) throw new Error(`ID ${label} not found.`);
    return new Document({ pageContent: "", metadata: { position } });
  }

  override add(): void {
    throw new Error("PositionDocstore is derived from hnswlib labels; add points to the index instead.");
  }

  /** Every entry, in the `[label, document]` form `HNSWLib.save` writes to `docstore.json`. */
  entries(): Array<[string, Document]> {
    return Array.from({ length: this.count }, (_, position) => [String(position), this.search(String(position))]);
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
}

/**
 * Reads a store saved by `saveVectorStore` (or `HNSWLib.save`). Like `HNSWLib.load`, but the
 * docstore is a `PositionDocstore`: `docstore.json` stays on disk for LangChain's own loader and
 * is checked only for its presence.
 */
export async function loadVectorStore(directory: string, embeddings: EmbeddingsInterface, efSearch: number): Promise<HNSWLib> {
  const args = JSON.parse(await readFile(path.join(directory, "args.json"), "utf8")) as { space: "cosine"; numDimensions: number };
  await access(path.join(directory, "docstore.json"));
  const index = new hnswlib.HierarchicalNSW(args.space, args.numDimensions);
  await index.readIndex(path.join(directory, "hnswlib.index"));
  index.setEf(efSearch);
  return new HNSWLib(embeddings, { ...args, index, docstore: new PositionDocstore(index.getCurrentCount()) });
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
