import { describe, expect, it } from "vitest";
import type { CorpusIndex } from "../../src/index/corpus-index.js";
import { HybridRetriever } from "../../src/retrieval/langchain-retriever.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { useOpenCore } from "../helpers/core-fixture.js";

const opened = useOpenCore();

describe("HybridRetriever (LangChain BaseRetriever)", () => {
  it("returns the passages as Documents, best first, with their scores", async () => {
    const embedder = new HashingEmbedder(512);
    const index = (opened.core as unknown as { index: CorpusIndex }).index;
    const retriever = new HybridRetriever(() => index, (question) => embedder.embedQuery(question), opened.fixture.config.retrieval);
    const documents = await retriever.invoke("Welk luchtafweersysteem levert Duitsland?");
    expect(documents[0]!.metadata.paragraph).toBe(3);
    expect(documents[0]!.pageContent).toContain("Iris-T");
    expect(documents[0]!.metadata.scores.relevance).toBeGreaterThan(documents.at(-1)!.metadata.scores.relevance - 1e-9);
  });
});
