import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import { Document } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { mkdir, writeFile } from "node:fs/promises";
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
  const docs = new Map<string, Document>();
  await forEachCooperatively(vectors, (vector, position) => {
    index.addPoint(vector, position);
    docs.set(String(position), new Document({ pageContent: "", metadata: { position } }));
  });
  index.setEf(settings.efSearch);
  return new HNSWLib(embeddings, {
    space: "cosine",
    numDimensions: dimensions,
    index,
    docstore: new SynchronousInMemoryDocstore(docs),
  });
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
  await docstore.array(Array.from(store.docstore._docs.entries()));
  await docstore.close();
}

export async function loadVectorStore(directory: string, embeddings: EmbeddingsInterface, efSearch: number): Promise<HNSWLib> {
  const store = await HNSWLib.load(directory, embeddings);
  store.index.setEf(efSearch);
  return store;
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
