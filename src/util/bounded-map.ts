/**
 * A map that never holds more than `capacity` entries: adding one more drops the oldest insertion
 * (first in, first out; reading an entry does not make it newer). The memos of the hot paths —
 * passage terms, sentence splits, word features, trigrams, number words — use it as is: they see
 * the same few thousand keys over and over, and a hit costs no bookkeeping. A caller that wants
 * least-recently-used order deletes and sets an entry again when it uses it.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  /** Adds or replaces `key` (a replaced key keeps its place in line), then drops the oldest beyond `capacity`. */
  set(key: K, value: V): void {
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  /**
   * The remembered value for `key`, else `compute(key)`, remembered. `compute` must be pure: the
   * memo may forget and recompute at any time. An `undefined` result is remembered too.
   */
  remember(key: K, compute: (key: K) => V): V {
    const cached = this.entries.get(key);
    if (cached !== undefined || this.entries.has(key)) return cached as V;
    const value = compute(key);
    this.set(key, value);
    return value;
  }
}
