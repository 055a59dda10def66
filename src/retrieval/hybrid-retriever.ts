import type { Passage } from "../core/types.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import { searchBm25 } from "../index/bm25.js";
import { searchVectors } from "../index/vector-store.js";
import { contentTerms } from "../text/tokenize.js";
import { reciprocalRankFusion } from "./fusion.js";
import { relevance } from "./relevance.js";
import { coverage, queryTerms, textTerms } from "./term-match.js";

export interface RetrievalSettings {
  candidates: number;
  vectorWeight: number;
  lexicalWeight: number;
  rrfK: number;
}

/** A retrieved passage with every signal that ranked it, best first in `retrieve`'s result. */
export interface Candidate {
  passage: Passage;
  /** The query (the question or one of its rewrites) this candidate was scored against. */
  query: string;
  position: number;
  similarity: number | undefined;
  bm25: number | undefined;
  fused: number;
  coverage: number;
  relevance: number;
}

/**
 * Hybrid retrieval over one index snapshot: HNSW vector top-k and BM25 top-k, fused by reciprocal
 * rank, then re-ranked by relevance (lexical coverage + similarity) so the first candidate is the
 * one the answer will cite. Fusion decides who is a candidate; relevance decides the order and
 * whether to answer at all.
 */
export async function retrieve(index: CorpusIndex, question: string, queryVector: number[], settings: RetrievalSettings): Promise<Candidate[]> {
  const k = settings.candidates;
  const [vectorHits, lexicalHits] = [
    await searchVectors(index.vectors, queryVector, k),
    searchBm25(index.bm25, contentTerms(question), k),
  ];
  const similarity = new Map(vectorHits.map((hit) => [hit.position, hit.similarity]));
  const bm25 = new Map(lexicalHits.map((hit) => [hit.document, hit.score]));
  const fused = reciprocalRankFusion(
    [
      { items: vectorHits.map((hit) => hit.position), weight: settings.vectorWeight },
      { items: lexicalHits.map((hit) => hit.document), weight: settings.lexicalWeight },
    ],
    settings.rrfK,
  );
  const terms = queryTerms(question);
  const topFused = fused[0]?.score ?? 1;
  return fused
    .map(({ item: position, score }) => {
      const passage = index.passages[position]!;
      const covered = coverage(terms, textTerms(passage.text)).coverage;
      const sim = similarity.get(position);
      return {
        passage,
        query: question,
        position,
        similarity: sim,
        bm25: bm25.get(position),
        fused: score,
        coverage: covered,
        relevance: relevance({ coverage: covered, similarity: sim }, index.manifest.calibration),
      };
    })
    // Relevance orders the candidates; the fused rank (BM25 prefers the shorter, denser passage)
    // breaks near-ties worth less than a tenth of relevance.
    .sort((left, right) => rankKey(right, topFused) - rankKey(left, topFused));
}

/**
 * Retrieval for several phrasings of one question (the question plus rewrites): each query is
 * retrieved on its own, and every passage keeps its best-scoring appearance.
 */
export async function retrieveAll(
  index: CorpusIndex,
  queries: readonly string[],
  embedQuery: (query: string) => Promise<number[]>,
  settings: RetrievalSettings,
): Promise<Candidate[]> {
  if (queries.length === 1) return retrieve(index, queries[0]!, await embedQuery(queries[0]!), settings);
  const best = new Map<number, Candidate>();
  for (const query of new Set(queries)) {
    for (const candidate of await retrieve(index, query, await embedQuery(query), settings)) {
      const seen = best.get(candidate.position);
      if (!seen || candidate.relevance > seen.relevance) best.set(candidate.position, candidate);
    }
  }
  const all = [...best.values()];
  const topFused = Math.max(...all.map((candidate) => candidate.fused), Number.MIN_VALUE);
  return all.sort((left, right) => rankKey(right, topFused) - rankKey(left, topFused));
}

function rankKey(candidate: { relevance: number; fused: number }, topFused: number): number {
  return candidate.relevance + fusedTieBreak * (candidate.fused / topFused);
}

const fusedTieBreak = 0.05;
