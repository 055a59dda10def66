/**
 * Okapi BM25 over pre-tokenised documents. Pure data in, pure data out: the index serialises to
 * JSON and searching does no I/O, so it is unit-tested with hand-written term lists.
 */

export interface Bm25Data {
  k1: number;
  b: number;
  /** Document lengths in terms, by document number. */
  lengths: number[];
  /** term → flat list of [document number, term frequency] pairs (arrays while building, Int32Array views once loaded). */
  postings: Record<string, ArrayLike<number>>;
  /** Mean document length; computed at build time (derived from `lengths` when absent). */
  averageLength?: number;
}

export interface Bm25Hit {
  document: number;
  score: number;
}

/** Builds the index of `documents` (document `i` is `documents[i]`) in one go; parameters as {@link Bm25Builder}. */
export function buildBm25(documents: readonly (readonly string[])[], k1?: number, b?: number): Bm25Data {
  const builder = new Bm25Builder(k1, b);
  for (const terms of documents) builder.add(terms);
  return builder.finish();
}

/**
 * Builds an index one document at a time, so a caller can slice a 100k-passage build between other
 * work (`buildIndex` adds from a cooperative loop); `buildBm25` is the same in one go. Documents are
 * numbered in the order they are added. `finish` fixes the mean length and hands the index over
 * (the builder is done then). The usual parameters: `k1` 1.2 (term-frequency saturation), `b` 0.75
 * (length normalisation).
 */
export class Bm25Builder {
  private readonly postings: Record<string, ArrayLike<number>> = Object.create(null);
  private readonly lengths: number[] = [];

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  add(terms: readonly string[]): void {
    const document = this.lengths.length;
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) ((this.postings[term] ??= []) as number[]).push(document, count);
    this.lengths.push(terms.length);
  }

  finish(): Bm25Data {
    const { k1, b, lengths, postings } = this;
    return { k1, b, lengths, postings, averageLength: lengths.reduce((sum, length) => sum + length, 0) / (lengths.length || 1) };
  }
}

/**
 * Packs the index for disk: a small JSON header (parameters and terms) plus one Int32Array holding
 * every posting list back to back and one holding document lengths. Loading 100k passages' postings
 * from binary takes milliseconds; parsing them from JSON took about a second.
 */
export function packBm25(index: Bm25Data): { header: Bm25Header; postings: Int32Array; lengths: Int32Array } {
  const terms = Object.keys(index.postings);
  const offsets: number[] = [0];
  let total = 0;
  for (const term of terms) offsets.push((total += index.postings[term]!.length));
  const postings = new Int32Array(total);
  terms.forEach((term, at) => postings.set(index.postings[term]!, offsets[at]!));
  return {
    header: { k1: index.k1, b: index.b, averageLength: index.averageLength, terms, offsets },
    postings,
    lengths: Int32Array.from(index.lengths),
  };
}

export interface Bm25Header {
  k1: number;
  b: number;
  averageLength?: number;
  terms: string[];
  offsets: number[];
}

export function unpackBm25(header: Bm25Header, postings: Int32Array, lengths: Int32Array): Bm25Data {
  const map: Record<string, ArrayLike<number>> = Object.create(null);
  header.terms.forEach((term, at) => (map[term] = postings.subarray(header.offsets[at]!, header.offsets[at + 1]!)));
  return { k1: header.k1, b: header.b, averageLength: header.averageLength, lengths: Array.from(lengths), postings: map };
}

/**
 * Top `k` documents for the query terms, best first. Repeated query terms count once. Scores
 * accumulate in a typed array and only the top `k` are kept (a bounded heap), so a query costs
 * its postings, not a sort of every matching document.
 */
export function searchBm25(index: Bm25Data, queryTerms: string[], k: number): Bm25Hit[] {
  const count = index.lengths.length;
  if (count === 0 || k <= 0) return [];
  const { scores, lengthNorm, touched } = scratchOf(index);
  let touchedCount = 0;
  for (const term of new Set(queryTerms)) {
    const posting = index.postings[term];
    if (!posting) continue;
    const frequency = posting.length / 2;
    // The "plus one" form of IDF stays positive even for a term in every document (a 4-paragraph corpus has many).
    const weight = Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5)) * (index.k1 + 1);
    for (let i = 0; i < posting.length; i += 2) {
      const document = posting[i]!;
      const tf = posting[i + 1]!;
      if (scores[document] === 0) touched[touchedCount++] = document;
      scores[document]! += (weight * tf) / (tf + lengthNorm[document]!);
    }
  }
  const matched = touched.subarray(0, touchedCount);
  const hits = topK(matched, scores, k);
  for (const document of matched) scores[document] = 0;
  return hits;
}

/**
 * Per-index buffers reused by every search: the score accumulator (zeroed again after each query,
 * only where it was written), the list of documents it was written for, and each document's length
 * normalisation `k1·(1 − b + b·len/avg)`. At 100k passages a fresh score array and a growing list
 * per question meant megabytes of new memory each time, and those allocations — not the arithmetic
 * — made the slowest answers (ask p99 ~20 ms → see the benchmark). Searches are synchronous, so one
 * set of buffers per index is safe.
 */
interface Bm25Scratch {
  lengths: Bm25Data["lengths"];
  scores: Float64Array;
  touched: Int32Array;
  lengthNorm: Float64Array;
}

const scratches = new WeakMap<Bm25Data, Bm25Scratch>();

function scratchOf(index: Bm25Data): Bm25Scratch {
  const cached = scratches.get(index);
  if (cached && cached.lengths === index.lengths && cached.scores.length === index.lengths.length) return cached;
  const count = index.lengths.length;
  const averageLength = index.averageLength ?? index.lengths.reduce((sum, length) => sum + length, 0) / count;
  const lengthNorm = new Float64Array(count);
  for (let document = 0; document < count; document += 1) {
    lengthNorm[document] = index.k1 * (1 - index.b + (index.b * index.lengths[document]!) / (averageLength || 1));
  }
  const scratch = { lengths: index.lengths, scores: new Float64Array(count), touched: new Int32Array(count), lengthNorm };
  scratches.set(index, scratch);
  return scratch;
}

/** Better first: higher score, then lower document number (deterministic ties). */
const better = (scores: Float64Array, a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);

function topK(candidates: Int32Array, scores: Float64Array, k: number): Bm25Hit[] {
  // Min-heap (worst on top) of at most k documents.
  const heap: number[] = [];
  const siftDown = (start: number) => {
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let worst = at;
      if (left < heap.length && better(scores, heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && better(scores, heap[worst]!, heap[right]!)) worst = right;
      if (worst === at) return;
      [heap[at], heap[worst]] = [heap[worst]!, heap[at]!];
      at = worst;
    }
  };
  for (const document of candidates) {
    if (heap.length < k) {
      heap.push(document);
      for (let at = heap.length - 1; at > 0;) {
        const parent = (at - 1) >> 1;
        if (!better(scores, heap[parent]!, heap[at]!)) break;
        [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
        at = parent;
      }
    } else if (better(scores, document, heap[0]!)) {
      heap[0] = document;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => (better(scores, a, b) ? -1 : 1)).map((document) => ({ document, score: scores[document]! }));
}
