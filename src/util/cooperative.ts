/**
 * Helpers for long CPU-bound loops on the main thread (index builds of 100k passages) that must not
 * stall the bot: they run work in slices of about `budgetMs` and yield to the event loop between
 * slices, so questions keep being answered while a refresh builds.
 */

export const defaultSliceMs = 15;

/** Lets pending I/O and timers run before the caller continues (an awaited resolved promise does not). */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Maps `items` with `fn`, yielding whenever a slice has run for `budgetMs`. */
export async function mapCooperatively<T, R>(items: readonly T[], fn: (item: T, index: number) => R, budgetMs = defaultSliceMs): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let sliceStart = performance.now();
  for (let index = 0; index < items.length; index += 1) {
    results[index] = fn(items[index]!, index);
    if ((index & 15) === 15 && performance.now() - sliceStart > budgetMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
  return results;
}

/** Runs `fn` for each item, yielding between slices. */
export async function forEachCooperatively<T>(items: readonly T[], fn: (item: T, index: number) => void, budgetMs = defaultSliceMs): Promise<void> {
  await mapCooperatively(items, fn, budgetMs);
}
