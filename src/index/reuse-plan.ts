import type { Passage } from "../port/types.js";
import type { CorpusIndex } from "./corpus-index.js";
import type { HnswSettings } from "./vector-store.js";
import { PositionDocstore } from "./vector-store.js";

/**
 * How a new index version can reuse the previous version's HNSW graph: every passage whose id
 * (document + text hash) is still there keeps its label; new passages get fresh labels; labels of
 * passages that are gone are marked deleted. hnswlib insertion is by far the slowest part of a
 * build, so a refresh that adds one article to 100,000 passages then costs that article, not a
 * rebuild of everything.
 */
export interface ReusePlan {
  /** Label → passage position of the new version (−1: deleted). */
  positions: Int32Array;
  /** Live labels of the previous graph that no passage uses any more. */
  removed: number[];
  /** New passage positions that need a vector, each with its fresh label. */
  added: Array<{ position: number; label: number }>;
}

/** Past this share of deleted labels the graph is rebuilt from scratch, which also compacts it. */
export const maxDeletedShare = 0.25;
/** Below this share of passages kept, a fresh build is about as cheap and gives a cleaner graph. */
export const minReusedShare = 0.5;

export interface ReuseInput {
  previous: CorpusIndex;
  passages: readonly Passage[];
  embedder: { id: string; dimensions: number };
  hnsw: HnswSettings;
}

/** The plan, or undefined when a full build is the better choice (or the only correct one). */
export function planReuse({ previous, passages, embedder, hnsw }: ReuseInput): ReusePlan | undefined {
  const { manifest } = previous;
  const docstore = previous.vectors.docstore;
  if (!(docstore instanceof PositionDocstore)) return undefined;
  if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) return undefined;
  if (manifest.hnsw.m !== hnsw.m || manifest.hnsw.efConstruction !== hnsw.efConstruction) return undefined;

  // Passage id → its labels in the old graph (a paragraph repeated within a document shares an id).
  const oldLabels = new Map<string, number[]>();
  for (let label = 0; label < docstore.labelCount; label += 1) {
    const position = docstore.positionOf(label);
    if (position < 0) continue;
    const id = previous.passages[position]!.id;
    const labels = oldLabels.get(id);
    if (labels) labels.push(label);
    else oldLabels.set(id, [label]);
  }
  const labelOf = new Int32Array(passages.length);
  const added: ReusePlan["added"] = [];
  let nextLabel = docstore.labelCount;
  passages.forEach((passage, position) => {
    const reused = oldLabels.get(passage.id)?.pop();
    if (reused !== undefined) labelOf[position] = reused;
    else added.push({ position, label: (labelOf[position] = nextLabel++) });
  });
  const removed = [...oldLabels.values()].flat();
  const positions = new Int32Array(nextLabel).fill(-1);
  labelOf.forEach((label, position) => (positions[label] = position));
  const deleted = nextLabel - passages.length;
  if (passages.length - added.length < minReusedShare * passages.length || deleted > maxDeletedShare * nextLabel) return undefined;
  return { positions, removed, added };
}
