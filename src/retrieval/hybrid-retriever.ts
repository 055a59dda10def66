import type { Passage } from "../port/types.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import { searchBm25 } from "../index/bm25.js";
import { searchVectors } from "../index/vector-store.js";
import { reciprocalRankFusion } from "./fusion.js";
import { relevance, relevanceModel, type RelevanceModel } from "./relevance.js";
import type { Query } from "./query.js";
import { matchStrength, spellsNameLike, textTerms, withFormsFoundIn, type QueryTerm, type TextTerms } from "./term-match.js";

export interface RetrievalSettings {
  candidates: number;
  vectorWeight: number;
  lexicalWeight: number;
  rrfK: number;
  /** The relevance constants; the tuned defaults unless a calibration run tries others. */
  relevance?: RelevanceModel;
}

/** A retrieved passage with every signal that ranked it, best first in `retrieve`'s result. */
export interface Candidate {
  passage: Passage;
  /** The query (the question or one of its rewrites) this candidate was scored against. */
  query: Query;
  position: number;
  similarity: number | undefined;
  bm25: number | undefined;
  fused: number;
  coverage: number;
  relevance: number;
}

/**
 * Hybrid retrieval over one index snapshot: HNSW vector top-k and BM25 top-k, fused by reciprocal
 * rank, then re-ranked by relevance (lexical coverage + similarity) so the first candidate is the
 * one the answer will cite. Fusion decides who is a candidate; relevance decides the order and
 * whether to answer at all.
 */
export async function retrieve(
  index: Pick<CorpusIndex, "manifest" | "passages" | "bm25" | "vectors">,
  asked: Query,
  queryVector: number[],
  settings: RetrievalSettings,
): Promise<Candidate[]> {
  const k = settings.candidates;
  const [vectorHits, lexicalHits] = [await searchVectors(index.vectors, queryVector, k), searchBm25(index.bm25, asked.lexicalTerms, k)];
  const similarity = new Map(vectorHits.map((hit) => [hit.position, hit.similarity]));
  const bm25 = new Map(lexicalHits.map((hit) => [hit.document, hit.score]));
  const fused = reciprocalRankFusion(
    [
      { items: vectorHits.map((hit) => hit.position), weight: settings.vectorWeight },
      { items: lexicalHits.map((hit) => hit.document), weight: settings.lexicalWeight },
    ],
    settings.rrfK,
  );
  const model = settings.relevance ?? relevanceModel;
  const texts = fused.map(({ item }) => textTerms(index.passages[item]!.text));
  const query = withFormsFoundIn(asked, texts);
  const strengths = texts.map((text) => query.terms.map((term) => matchStrength(term, text)));
  const weights = termWeights(query.terms, strengths, texts, model);
  const topFused = fused[0]?.score ?? 1;
  return (
    fused
      .map(({ item: position, score }, at) => {
        const passage = index.passages[position]!;
        const covered = weightedCoverage(strengths[at]!, weights, model.fullMass);
        const sim = similarity.get(position);
        return {
          passage,
          query,
          position,
          similarity: sim,
          bm25: bm25.get(position),
          fused: score,
          coverage: covered,
          relevance: relevance({ coverage: covered, similarity: sim }, index.manifest.calibration, model),
        };
      })
      // Relevance orders the candidates; the fused rank (BM25 prefers the shorter, denser passage)
      // breaks near-ties worth less than a tenth of relevance.
      .sort((left, right) => rankKey(right, topFused) - rankKey(left, topFused))
  );
}

/**
 * Retrieval for several phrasings of one question (the question plus rewrites): each query is
 * retrieved on its own, and every passage keeps its best-scoring appearance.
 */
export async function retrieveAll(
  index: CorpusIndex,
  queries: readonly Query[],
  embedQuery: (text: string) => Promise<number[]>,
  settings: RetrievalSettings,
): Promise<Candidate[]> {
  if (queries.length === 1) return retrieve(index, queries[0]!, await embedQuery(queries[0]!.vectorText), settings);
  const best = new Map<number, Candidate>();
  for (const query of queries) {
    for (const candidate of await retrieve(index, query, await embedQuery(query.vectorText), settings)) {
      const seen = best.get(candidate.position);
      if (!seen || candidate.relevance > seen.relevance) best.set(candidate.position, candidate);
    }
  }
  const all = [...best.values()];
  const topFused = Math.max(...all.map((candidate) => candidate.fused), Number.MIN_VALUE);
  return all.sort((left, right) => rankKey(right, topFused) - rankKey(left, topFused));
}

/**
 * How much each question term counts in coverage. A term no candidate contains in any form is
 * probably said in other words the lexicon does not know (or is off-topic); it counts
 * `unknownTermWeight` instead of 1, so one untranslatable word does not sink a question whose other
 * words all match. Calibration measures what this does to off-topic questions.
 */
function termWeights(terms: readonly QueryTerm[], strengths: readonly number[][], texts: readonly TextTerms[], model: RelevanceModel): number[] {
  return terms.map((term, at) => {
    // "Met wie sprak hij behalve Biden?": a passage naming Biden is not the better answer for it.
    if (term.setAside) return 0;
    if (!strengths.some((row) => row[at]! > 0)) return model.unknownTermWeight;
    // "het Amerikaanse luchtafweergeschut": an adjective describes; it does not pin the passage like a name.
    return !term.describes && texts.some((text) => isNameIn(term, text)) ? model.nameTermWeight : lengthWeight(term.word);
  });
}

/**
 * Short words are the common ones (Zipf's law of abbreviation): `dag`, `laat`, `lang` match a
 * passage by chance far more often than `prioriteit` or `luchtafweer`. A word's weight grows with
 * its length, from 0.4 for three letters to 1 from eight on.
 */
function lengthWeight(word: string): number {
  return Math.min(1, Math.max(0.4, (word.length - 1) / 7));
}

/**
 * A question word the corpus writes as a proper name is the question's anchor: `Nasams`,
 * `Lambrecht`, also when spelt a little differently (`Zelensky` for `Zelenski`).
 */
function isNameIn(term: QueryTerm, text: TextTerms): boolean {
  if (text.names.has(term.stem)) return true;
  if ((term.alternatives ?? []).some((form) => form.weight >= 1 && form.words.length === 1 && text.names.has(form.words[0]!.stem))) return true;
  return spellsNameLike(term.word, text);
}

/**
 * The weighted share of the question found, discounted when what was found is little in itself:
 * one short common word that happens to match ("Hoe laat is het?") is not the evidence that a
 * name or two longer words are. Full credit from `fullMass` weight units found.
 */
function weightedCoverage(strengths: readonly number[], weights: readonly number[], fullMass: number): number {
  let found = 0;
  let total = 0;
  strengths.forEach((strength, term) => {
    found += strength * weights[term]!;
    total += weights[term]!;
  });
  if (total === 0) return 0;
  return (found / total) * (fullMass > 0 ? Math.min(1, found / fullMass) : 1);
}

function rankKey(candidate: { relevance: number; fused: number }, topFused: number): number {
  return candidate.relevance + fusedTieBreak * (candidate.fused / topFused);
}

const fusedTieBreak = 0.05;
