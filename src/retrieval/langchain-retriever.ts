import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { CorpusIndex } from "../index/corpus-index.js";
import { detectLanguage } from "../text/language.js";
import { retrieve, type RetrievalSettings } from "./hybrid-retriever.js";
import { analyzeQuery } from "./query.js";

/**
 * The same retrieval as a LangChain retriever, for chains that expect one. Each document carries
 * the passage and its scores in `metadata`.
 */
export class HybridRetriever extends BaseRetriever {
  lc_namespace = ["nieuwsbot", "retrievers"];

  constructor(
    private readonly snapshot: () => CorpusIndex,
    private readonly embedQuery: (question: string) => Promise<number[]>,
    private readonly settings: RetrievalSettings,
  ) {
    super();
  }

  override async _getRelevantDocuments(query: string): Promise<Document[]> {
    const analyzed = analyzeQuery(query, detectLanguage(query));
    const candidates = await retrieve(this.snapshot(), analyzed, await this.embedQuery(analyzed.vectorText), this.settings);
    return candidates.map(
      (candidate) =>
        new Document({
          pageContent: candidate.passage.text,
          id: candidate.passage.id,
          metadata: { ...candidate.passage, scores: { similarity: candidate.similarity, bm25: candidate.bm25, fused: candidate.fused, relevance: candidate.relevance } },
        }),
    );
  }
}
