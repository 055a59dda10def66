/**
 * Runs `run` over consecutive slices of at most `size` items, one slice at a time and in order, and
 * concatenates what it returns. After each slice `onProgress` hears how many results there are so
 * far. The one batching loop of the index build, the embedding cache and the embedders: each layer
 * batches for its own reason (progress and memory, cache writes, a server's or a model's limit).
 */
export async function inBatches<T, R>(items: readonly T[], size: number, run: (batch: T[]) => Promise<R[]>, onProgress?: (done: number) => void): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    results.push(...(await run(items.slice(start, start + size))));
    onProgress?.(results.length);
  }
  return results;
}
