import { Document } from "@langchain/core/documents";
import { BaseRetriever } from "@langchain/core/retrievers";
import type { Candidate } from "./hybrid-retriever.js";

/** The documents' metadata: the passage as the core stores it, plus the signals that ranked it. */
export type RetrievedMetadata = Candidate["passage"] & { scores: Pick<Candidate, "similarity" | "bm25" | "fused" | "relevance"> };

/**
 * The core's hybrid retrieval as a LangChain retriever, for chains that expect one. Obtain it from
 * `Core.retriever()`, which supplies `search`: the live index and the core's own query analysis.
 * Documents come best first, one per passage, `pageContent` the Dutch paragraph verbatim and
 * `metadata` a {@link RetrievedMetadata}. Only `_getRelevantDocuments` is implemented, as
 * langchain-core's `BaseRetriever` intends.
 */
export class HybridRetriever extends BaseRetriever<RetrievedMetadata> {
  lc_namespace = ["nieuwsbot", "retrievers"];

  constructor(private readonly search: (query: string) => Promise<Candidate[]>) {
    super();
  }

  override async _getRelevantDocuments(query: string): Promise<Document<RetrievedMetadata>[]> {
    const candidates = await this.search(query);
    return candidates.map(
      (candidate) =>
        new Document({
          pageContent: candidate.passage.text,
          id: candidate.passage.id,
          metadata: {
            ...candidate.passage,
            scores: { similarity: candidate.similarity, bm25: candidate.bm25, fused: candidate.fused, relevance: candidate.relevance },
          },
        }),
    );
  }
}
