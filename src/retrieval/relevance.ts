import type { RelevanceModel } from "../config/relevance-model.js";
import type { Calibration } from "../index/manifest.js";

/**
 * How much a candidate passage looks like it answers the question, in [0, 1], on a scale that means
 * the same for every embedder and every corpus:
 *
 *     relevance = lexicalWeight × coverage + (1 − lexicalWeight) × semantic
 *
 * - `coverage`: the share of the question's words the passage contains (stems, compounds, near
 *   spellings, translations of names) — strong evidence, but blind to other wording.
 * - `semantic`: the embedding similarity, expressed as standard deviations above where off-topic
 *   questions land for *this* embedder on *this* corpus (`Calibration.similarity`), and scaled so
 *   that `fullEvidenceZ` deviations count as certain. A multilingual model whose cosines all sit in
 *   0.7–0.9 and the lexical hashing embedder whose cosines sit in 0–0.5 end up on one scale, and a
 *   question sharing no word with the passage can be answered on similarity alone.
 *
 * Pure. The constants are set on the dev split of the eval set (`npm run eval -- --calibrate`
 * shows the search); the abstention threshold itself is not a constant but measured per index.
 */
export const relevanceModel: RelevanceModel = {
  lexicalWeight: 0.5,
  /** Standard deviations above the off-topic mean at which similarity alone is full evidence. */
  fullEvidenceZ: 8,
  /** The threshold sits this far above the off-topic questions' `nullQuantile` relevance. */
  margin: 0.04,
  /** A high quantile rather than the maximum: one generic question that happens to be on-topic for a corpus must not lift the threshold for all. */
  nullQuantile: 0.95,
  /** Weight in coverage of a question word no candidate passage contains in any form (a known word weighs 1). */
  unknownTermWeight: 1,
  /** Weight in coverage of a question word the corpus writes as a proper name: names pin a question to its passage. */
  nameTermWeight: 2,
  /** Coverage gets full credit once this much weight (a name counts `nameTermWeight`, a long word 1) is found. */
  fullMass: 1.5,
};

export type { RelevanceModel };

export interface RelevanceInput {
  coverage: number;
  /** Cosine similarity of question and passage embeddings, or undefined when the passage came only from BM25. */
  similarity: number | undefined;
}

/** Similarity as evidence in [0, 1]: 0 at or below the off-topic mean, 1 at `fullEvidenceZ` deviations above it. */
export function semanticEvidence(similarity: number | undefined, calibration: Pick<Calibration, "similarity">, model: RelevanceModel = relevanceModel): number {
  if (similarity === undefined) return 0;
  const { mean, sd } = calibration.similarity;
  // A corpus where every off-topic question scores alike still needs a finite scale.
  const spread = Math.max(sd, 1e-3);
  return clamp01((similarity - mean) / (spread * model.fullEvidenceZ));
}

export function relevance(input: RelevanceInput, calibration: Pick<Calibration, "similarity">, model: RelevanceModel = relevanceModel): number {
  return model.lexicalWeight * input.coverage + (1 - model.lexicalWeight) * semanticEvidence(input.similarity, calibration, model);
}

/**
 * The abstention threshold for one index: above the `nullQuantile` of the off-topic questions' best
 * relevance, plus `margin`, and never above 0.95 (a corpus the off-topic questions all match is
 * still answerable by questions that match it better).
 */
export function thresholdFromNull(nullRelevance: readonly number[], model: RelevanceModel = relevanceModel): number {
  return Math.min(0.95, quantile(nullRelevance, model.nullQuantile) + model.margin);
}

/** The bot answers only when the best candidate's relevance reaches the threshold. */
export function shouldAbstain(bestRelevance: number | undefined, threshold: number): boolean {
  return bestRelevance === undefined || bestRelevance < threshold;
}

/** Linear-interpolated quantile of unsorted values; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (at - low);
}

function clamp01(value: number): number {
  return Math.max(0, Math.min(1, value));
}
