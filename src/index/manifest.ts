import { z } from "zod";

/** Bump when the on-disk layout changes; older indexes are then rebuilt, never misread. */
export const indexFormatVersion = 2;

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
});

/** Describes one saved index version. Written last, so a version without a valid manifest is incomplete. */
export type IndexManifest = z.infer<typeof manifestSchema>;
