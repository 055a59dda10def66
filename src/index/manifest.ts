import { z } from "zod";

/** Bump when the on-disk layout changes; older indexes are then rebuilt, never misread. */
export const indexFormatVersion = 3;

/**
 * How this embedder scores this corpus against questions that are not about it (see
 * `src/calibration/`). Computed when a version is built, so every embedder and every corpus gets
 * its own scale and abstention threshold.
 */
export const calibrationSchema = z.object({
  /** The word knowledge questions were expanded with (`cldr`, `cldr+freedict`): another lexicon scores differently. */
  lexicon: z.string(),
  /**
   * What else the figures depend on — the relevance constants, the scoring code's version and the
   * off-topic questions' — so a version calibrated by an older release is calibrated again.
   */
  basis: z.string(),
  /** Version of the shipped off-topic question set the figures come from. */
  nullQuestions: z.object({ version: z.number().int(), count: z.number().int().nonnegative() }),
  /** Best cosine similarity of each off-topic question to any passage: mean, spread and tail. */
  similarity: z.object({ mean: z.number(), sd: z.number().nonnegative(), p95: z.number(), max: z.number() }),
  /** Best relevance of the off-topic questions on the calibrated scale. */
  nullRelevance: z.object({ p95: z.number(), max: z.number() }),
  /** Relevance an answer must reach: just above where off-topic questions land. */
  threshold: z.number().min(0).max(1),
});

export type Calibration = z.infer<typeof calibrationSchema>;

export const manifestSchema = z.object({
  formatVersion: z.literal(indexFormatVersion),
  version: z.number().int().positive(),
  corpusHash: z.string(),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  hnsw: z.object({ m: z.number().int(), efConstruction: z.number().int() }),
  documents: z.number().int().nonnegative(),
  passages: z.number().int().positive(),
  builtAt: z.string(),
  buildMs: z.number().nonnegative(),
  calibration: calibrationSchema,
});

/** Describes one saved index version. Written last, so a version without a valid manifest is incomplete. */
export type IndexManifest = z.infer<typeof manifestSchema>;
