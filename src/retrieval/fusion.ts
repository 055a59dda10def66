/**
 * Weighted reciprocal-rank fusion: each ranked list contributes `weight / (k + rank)` to every item
 * it contains (rank starts at 1). RRF needs no score calibration between lists, which matters here
 * because cosine similarities and BM25 scores live on unrelated scales.
 */

export interface RankedList<T> {
  items: readonly T[];
  weight: number;
}

export interface FusedItem<T> {
  item: T;
  score: number;
}

export function reciprocalRankFusion<T>(lists: readonly RankedList<T>[], k = 60): FusedItem<T>[] {
  const scores = new Map<T, number>();
  const firstSeen = new Map<T, number>();
  let order = 0;
  for (const list of lists) {
    list.items.forEach((item, index) => {
      scores.set(item, (scores.get(item) ?? 0) + list.weight / (k + index + 1));
      if (!firstSeen.has(item)) firstSeen.set(item, order++);
    });
  }
  // Ties keep first-seen order so the result is deterministic.
  return [...scores]
    .map(([item, score]) => ({ item, score }))
    .sort((left, right) => right.score - left.score || firstSeen.get(left.item)! - firstSeen.get(right.item)!);
}
