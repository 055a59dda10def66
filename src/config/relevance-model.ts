/**
 * The constants of the relevance score (`src/retrieval/relevance.ts` explains each and holds the
 * tuned defaults). The shape lives with the configuration because a calibration run passes other
 * values through `CoreConfig.retrieval.relevance`; only the defaults belong to retrieval.
 */
export interface RelevanceModel {
  lexicalWeight: number;
  fullEvidenceZ: number;
  margin: number;
  nullQuantile: number;
  unknownTermWeight: number;
  nameTermWeight: number;
  fullMass: number;
}
