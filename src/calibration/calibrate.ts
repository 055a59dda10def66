import type { UncalibratedIndex } from "../index/corpus-index.js";
import type { Calibration } from "../index/manifest.js";
import { searchVectors } from "../index/vector-store.js";
import { retrieve, type RetrievalSettings } from "../retrieval/hybrid-retriever.js";
import { quantile, relevanceModel, thresholdFromNull } from "../retrieval/relevance.js";
import type { Embedder } from "../port/embedder.js";
import { analyzeQuery, type Query } from "../retrieval/query.js";
import type { Lexicon } from "../lexicon/lexicon.js";
import { detectLanguage } from "../text/language.js";
import { yieldToEventLoop } from "../util/cooperative.js";
import { nullQuestions, nullQuestionsVersion } from "./null-questions.js";

/**
 * Measures how this embedder scores this corpus against questions that are not about it: the
 * shipped off-topic questions (`nullQuestions`) are the null model. Their best cosine similarities
 * set the similarity scale (mean and spread), then their best relevance on that scale sets the
 * abstention threshold just above them. Runs on every build and refresh, so a new corpus or a new
 * embedder is never judged by another one's numbers.
 */
export async function calibrateIndex(index: UncalibratedIndex, embedder: Embedder, settings: RetrievalSettings, lexicon: Lexicon): Promise<Calibration> {
  const queries = nullQuestions.map((question) => analyzeQuery(question, detectLanguage(question), lexicon));
  const vectors = await nullQuestionVectors(embedder, lexicon, queries);
  const best: number[] = [];
  // Each question is a full search of the new version (milliseconds on 100k passages); yielding
  // between them keeps the live version answering while a refresh calibrates.
  for (const vector of vectors) {
    best.push((await searchVectors(index.vectors, vector, 1))[0]?.similarity ?? 0);
    await yieldToEventLoop();
  }
  const mean = best.reduce((sum, value) => sum + value, 0) / (best.length || 1);
  const sd = Math.sqrt(best.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (best.length || 1));
  const similarity = { mean, sd, p95: quantile(best, 0.95), max: Math.max(...best, 0) };
  const provisional = {
    ...index,
    manifest: {
      ...index.manifest,
      calibration: { lexicon: lexicon.id, basis: "", nullQuestions: { version: 0, count: 0 }, similarity, nullRelevance: { p95: 0, max: 0 }, threshold: 0 },
    },
  };
  const relevances: number[] = [];
  for (const [at, query] of queries.entries()) {
    const top = (await retrieve(provisional, query, vectors[at]!, settings))[0];
    relevances.push(top?.relevance ?? 0);
    await yieldToEventLoop();
  }
  return {
    lexicon: lexicon.id,
    basis: calibrationBasis(lexicon, settings),
    nullQuestions: { version: nullQuestionsVersion, count: nullQuestions.length },
    similarity,
    nullRelevance: { p95: quantile(relevances, 0.95), max: Math.max(...relevances, 0) },
    threshold: thresholdFromNull(relevances, settings.relevance),
  };
}

/**
 * Bump when the scoring code changes what relevance a question gets (not only its constants), so
 * saved versions are calibrated again instead of keeping a threshold measured on the old scale.
 */
const scoringVersion = 6;

/** Everything a calibration depends on besides the embedder and the corpus, as one comparable string. */
export function calibrationBasis(lexicon: Lexicon, settings: RetrievalSettings): string {
  const model = settings.relevance ?? relevanceModel;
  return `${lexicon.id};scoring-v${scoringVersion};null-v${nullQuestionsVersion};${JSON.stringify(model)}`;
}

const vectorsByEmbedder = new WeakMap<Embedder, Map<string, Promise<number[][]>>>();

/**
 * Query vectors of the off-topic questions, once per embedder and lexicon per process: they do not
 * depend on the corpus, and a hosted embedder should not be asked for them again on every refresh.
 */
function nullQuestionVectors(embedder: Embedder, lexicon: Lexicon, queries: readonly Query[]): Promise<number[][]> {
  let byLexicon = vectorsByEmbedder.get(embedder);
  if (!byLexicon) vectorsByEmbedder.set(embedder, (byLexicon = new Map()));
  let vectors = byLexicon.get(lexicon.id);
  if (!vectors) {
    const pending = embedInGroups(
      embedder,
      queries.map((query) => query.vectorText),
    );
    // A failed attempt (a hosted embedder that was down) must not be remembered.
    pending.catch(() => byLexicon.delete(lexicon.id));
    byLexicon.set(lexicon.id, pending);
    vectors = pending;
  }
  return vectors;
}

/** A few requests at a time: a hosted embedder gets a short burst, not a hundred parallel calls. */
async function embedInGroups(embedder: Embedder, questions: readonly string[], groupSize = 8): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < questions.length; start += groupSize) {
    vectors.push(...(await Promise.all(questions.slice(start, start + groupSize).map((question) => embedder.embedQuery(question)))));
  }
  return vectors;
}
