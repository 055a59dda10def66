/**
 * Okapi BM25 over pre-tokenised documents. Pure data in, pure data out: the index serialises to
 * JSON and searching does no I/O, so it is unit-tested with hand-written term lists.
 */

export interface Bm25Data {
  k1: number;
  b: number;
  /** Document lengths in terms, by document number. */
  lengths: number[];
  /** term → flat list of [document number, term frequency] pairs. */
  postings: Record<string, number[]>;
}

export interface Bm25Hit {
  document: number;
  score: number;
}

export function buildBm25(documents: string[][], k1 = 1.2, b = 0.75): Bm25Data {
  const postings: Record<string, number[]> = Object.create(null);
  const lengths = documents.map((terms, document) => addDocument(postings, terms, document));
  return { k1, b, lengths, postings };
}

/** Adds one document's terms to the postings; returns its length. Exposed for incremental (sliced) builds. */
export function addDocument(postings: Record<string, number[]>, terms: readonly string[], document: number): number {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const [term, count] of counts) (postings[term] ??= []).push(document, count);
  return terms.length;
}

/** Top `k` documents for the query terms, best first. Repeated query terms count once. */
export function searchBm25(index: Bm25Data, queryTerms: string[], k: number): Bm25Hit[] {
  const count = index.lengths.length;
  if (count === 0 || k <= 0) return [];
  const averageLength = index.lengths.reduce((sum, length) => sum + length, 0) / count || 1;
  const scores = new Map<number, number>();
  for (const term of new Set(queryTerms)) {
    const posting = index.postings[term];
    if (!posting) continue;
    const frequency = posting.length / 2;
    // The "plus one" form of IDF stays positive even for a term in every document (a 4-paragraph corpus has many).
    const idf = Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
    for (let i = 0; i < posting.length; i += 2) {
      const document = posting[i]!;
      const tf = posting[i + 1]!;
      const norm = tf + index.k1 * (1 - index.b + (index.b * index.lengths[document]!) / averageLength);
      scores.set(document, (scores.get(document) ?? 0) + (idf * tf * (index.k1 + 1)) / norm);
    }
  }
  return [...scores]
    .map(([document, score]) => ({ document, score }))
    .sort((left, right) => right.score - left.score || left.document - right.document)
    .slice(0, k);
}
