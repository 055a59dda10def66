import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { useOpenCore } from "../helpers/core-fixture.js";

const opened = useOpenCore();

describe("HybridRetriever (LangChain BaseRetriever)", () => {
  it("returns the passages as Documents, best first, with their scores", async () => {
    const retriever = opened.core.retriever();
    const documents = await retriever.invoke("Welk luchtafweersysteem levert Duitsland?");
    expect(documents[0]!.metadata.paragraph).toBe(3);
    expect(documents[0]!.pageContent).toContain("Iris-T");
    expect(documents[0]!.metadata.scores.relevance).toBeGreaterThan(documents.at(-1)!.metadata.scores.relevance - 1e-9);
  });

  it("searches the index version live at each call, so a refresh reaches a retriever made before it", async () => {
    const retriever = opened.core.retriever();
    await writeFile(
      path.join(opened.fixture.corpusDir, "windmolens.md"),
      "---\ntitle: Windmolens\n---\nIn Zeeland komen veertig nieuwe windmolens op zee bij Borssele.",
    );
    await opened.core.refresh({ platform: "test" });
    const [best] = await retriever.invoke("Hoeveel windmolens komen er bij Borssele?");
    expect(best!.metadata.title).toBe("Windmolens");
  });

  it("cleans a query as ask does: an empty one is refused with the same code", async () => {
    await expect(opened.core.retriever().invoke(" \u200b ")).rejects.toMatchObject({ code: "EMPTY_QUESTION" });
  });
});
