/**
 * What the embedders of this folder share: the vector check every hosted embedder applies and the
 * one-line error summaries they and `createEmbedder` put in their messages. Embedders import these
 * from here, never from one another.
 */

/**
 * Returns `vectors` when there is one per text and each has the embedder's dimensions. Vectors of
 * another size would corrupt the HNSW index, so they are refused here with a clear message.
 * @throws Error naming the embedder, what it returned and what was expected.
 */
export function checkedVectors(embedder: { id: string; dimensions: number }, vectors: number[][], expected: number): number[][] {
  if (vectors.length !== expected) throw new Error(`${embedder.id} returned ${vectors.length} vectors for ${expected} texts`);
  for (const vector of vectors) {
    if (vector?.length !== embedder.dimensions) {
      throw new Error(`${embedder.id} returned a vector of ${vector?.length ?? 0} dimensions, expected ${embedder.dimensions}`);
    }
  }
  return vectors;
}

/** The first line of an error's message, at most 300 characters: enough for a log line or a wrapping error. */
export function firstLine(error: unknown): string {
  return firstLineOf(error instanceof Error ? error.message : String(error));
}

/** Like {@link firstLine}, with the message of the error's `cause` (when it is an `Error`) in brackets. */
export function firstLineWithCause(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  const message = error instanceof Error ? error.message : String(error);
  const detail = cause instanceof Error ? ` (${cause.message})` : "";
  return firstLineOf(message + detail);
}

function firstLineOf(text: string): string {
  return text.split("\n")[0]!.slice(0, 300);
}
