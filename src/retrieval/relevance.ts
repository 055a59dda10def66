/**
 * How much a candidate passage looks like it answers the question, in [0, 1]: mostly the share of
 * question words it contains (lexical coverage), partly the embedding similarity. Both are needed:
 * coverage alone is fooled by one shared common word, similarity alone has no absolute scale.
 * Pure; the weights were calibrated on the dev half of `test/eval/questions.jsonl`.
 */
export interface RelevanceInput {
  coverage: number;
  /** Cosine similarity of question and passage embeddings, or undefined when the passage came only from BM25. */
  similarity: number | undefined;
}

export const relevanceWeights = { coverage: 0.75, similarity: 0.25, similarityCeiling: 0.5 };

export function relevance({ coverage, similarity }: RelevanceInput): number {
  const scaled = Math.max(0, Math.min(1, (similarity ?? 0) / relevanceWeights.similarityCeiling));
  return relevanceWeights.coverage * coverage + relevanceWeights.similarity * scaled;
}

/** The bot answers only when the best candidate's relevance reaches the threshold (`ABSTAIN_THRESHOLD`). */
export function shouldAbstain(bestRelevance: number | undefined, threshold: number): boolean {
  return bestRelevance === undefined || bestRelevance < threshold;
}
