import type { Answer, AskContext, Language } from "../port/types.js";
import type { Candidate } from "../retrieval/hybrid-retriever.js";

/** Everything an answerer needs; computed once per question against one index version. */
export interface AnswerRequest {
  question: string;
  language: Language;
  /** Retrieved passages, best first. */
  candidates: Candidate[];
  /** Relevance below which the bot must abstain (`ABSTAIN_THRESHOLD`). */
  threshold: number;
  corpusVersion: number;
  /** Titles of the corpus documents, for the abstention message. */
  titles: string[];
  context: AskContext;
}

/** Turns retrieved passages into an answer. Extractive by default; a model-backed one can replace it. */
export interface Answerer {
  readonly mode: Answer["mode"];
  answer(request: AnswerRequest): Promise<Answer>;
}

/**
 * Produces the retrieval queries for a question: the question itself, and optionally rewrites
 * (a Dutch translation, a follow-up made standalone). Results of all queries are fused.
 */
export interface QueryRewriter {
  rewrite(question: string, language: Language, context: AskContext): Promise<string[]>;
}
