import { existsSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { IndexRepository } from "../../src/index/index-repository.js";
import { PositionDocstore, searchVectors } from "../../src/index/vector-store.js";
import type { CorpusIndex } from "../../src/index/corpus-index.js";
import { createLogger } from "../../src/logging/logger.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { writeSyntheticCorpus } from "../bench/synthetic-corpus.js";
import { coreFixture, CountingEmbedder, type CoreFixture } from "../helpers/core-fixture.js";

/**
 * A refresh that keeps most passages extends the live version's HNSW graph (unchanged passages keep
 * their label, new ones are added, removed ones marked deleted) instead of rebuilding it. These
 * tests check the result is an index as good as a fresh one: every passage findable, nothing
 * removed ever returned, the saved version readable by us and by LangChain's HNSWLib.load.
 */
const embedder = new HashingEmbedder(512);
const brug =
  "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.\n\nDe bouw kostte 40 miljoen euro en duurde drie jaar.";
let fixture: CoreFixture;
let core: Core;
let counting: CountingEmbedder;
beforeEach(async () => {
  fixture = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "0" });
  await writeSyntheticCorpus(fixture.corpusDir, 600, { seed: 5, perDocument: 50 });
  counting = new CountingEmbedder(512);
  core = await fixture.open(counting);
});
afterEach(async () => fixture.cleanup());

async function current(): Promise<{ index: CorpusIndex; directory: string }> {
  const repository = new IndexRepository(fixture.dataDir);
  const version = (await repository.currentVersion())!;
  return { index: await repository.load(version, embedder, fixture.config.hnsw.efSearch), directory: repository.vectorsDirectory(version) };
}

/** Each passage's own vector finds a passage with its text first: the graph reaches every passage. */
async function expectEveryPassageFindable(index: CorpusIndex): Promise<void> {
  const misses: number[] = [];
  for (const [position, passage] of index.passages.entries()) {
    const [top] = await searchVectors(index.vectors, await embedder.embedQuery(passage.text), 1);
    if (!top || index.passages[top.position]!.text !== passage.text) misses.push(position);
  }
  expect(misses).toEqual([]);
}

describe("refresh extends the HNSW graph when most passages are unchanged", () => {
  it("adding an article: only its passages are inserted, the saved graph maps labels to positions", async () => {
    const before = await current();
    expect(existsSync(path.join(before.directory, "labels.i32"))).toBe(false);
    const labelsBefore = before.index.vectors.index.getCurrentCount();
    await writeFile(path.join(fixture.corpusDir, "0-brug.md"), brug);
    counting.embedded = 0;

    const report = await core.refresh({ platform: "test" });
    expect(report).toMatchObject({ added: 2, removed: 0, unchanged: labelsBefore, embedded: 2 });
    const after = await current();
    expect(existsSync(path.join(after.directory, "labels.i32"))).toBe(true);
    expect(after.index.vectors.index.getCurrentCount()).toBe(labelsBefore + 2);
    // The new file sorts first, so every old passage moved two places: labels kept, positions remapped.
    expect(after.index.passages[0]!.documentId).toBe("0-brug");
    await expectEveryPassageFindable(after.index);
    const answer = await core.ask("Wanneer gaat de brug over de Waal open?", { platform: "test" });
    expect(answer.citations[0]!.quote).toContain("maart open voor fietsers");
    expect((await core.ask("Welk luchtafweersysteem levert Duitsland?", { platform: "test" })).citations[0]!.paragraph).toBe(3);
  });

  it("removing an article: its labels are deleted and never returned; a restart and LangChain's loader read the result", async () => {
    const removedFile = (await readdir(fixture.corpusDir)).filter((name) => name.startsWith("synthetisch")).sort()[3]!;
    const removedTexts = new Set(
      (await current()).index.passages.filter((passage) => passage.documentId === path.basename(removedFile, ".md")).map((passage) => passage.text),
    );
    expect(removedTexts.size).toBeGreaterThan(10);
    await rm(path.join(fixture.corpusDir, removedFile));

    const report = await core.refresh({ platform: "test" });
    expect(report.removed).toBe(removedTexts.size);
    const { index, directory } = await current();
    const docstore = index.vectors.docstore as PositionDocstore;
    expect(docstore.labelCount - docstore.liveCount).toBe(removedTexts.size);
    await expectEveryPassageFindable(index);
    for (const text of removedTexts) {
      for (const hit of await searchVectors(index.vectors, await embedder.embedQuery(text), 10))
        expect(removedTexts.has(index.passages[hit.position]!.text)).toBe(false);
    }

    // Start-up on the extended version, and HNSWLib.load on the same folder, agree with each other.
    const restarted = await fixture.open(new HashingEmbedder(512));
    expect(restarted.status()).toMatchObject({ corpusVersion: report.newVersion, passages: index.passages.length });
    const langchain = await HNSWLib.load(directory, embedder);
    langchain.index.setEf(fixture.config.hnsw.efSearch);
    for (const passage of index.passages.slice(0, 40)) {
      const query = await embedder.embedQuery(passage.text);
      const ours = (await searchVectors(index.vectors, query, 5)).map((hit) => hit.position);
      const theirs = (await langchain.similaritySearchVectorWithScore(query, 5)).map(([document]) => document.metadata.position as number);
      expect(ours).toEqual(theirs);
    }
  });

  it("rebuilds from scratch when too much changed, which also compacts deleted labels", async () => {
    for (const name of (await readdir(fixture.corpusDir)).filter((file) => file.startsWith("synthetisch")).slice(0, 8))
      await rm(path.join(fixture.corpusDir, name));
    await core.refresh({ platform: "test" });
    const { index, directory } = await current();
    expect(existsSync(path.join(directory, "labels.i32"))).toBe(false);
    expect(index.vectors.index.getCurrentCount()).toBe(index.passages.length);
    await expectEveryPassageFindable(index);
  });

  it("builds from scratch, with a warning, when the live version's graph cannot be read", async () => {
    const lines: string[] = [];
    await core.close();
    core = await fixture.open(new HashingEmbedder(512), { logger: createLogger({ level: "warn", write: (line) => lines.push(line) }) });
    await rm(path.join((await current()).directory, "hnswlib.index"));
    await writeFile(path.join(fixture.corpusDir, "0-brug.md"), brug);
    await expect(core.refresh({ platform: "test" })).resolves.toMatchObject({ added: 2 });
    expect(lines.some((line) => line.includes("could not extend the HNSW graph"))).toBe(true);
    const { index, directory } = await current();
    expect(existsSync(path.join(directory, "labels.i32"))).toBe(false);
    await expectEveryPassageFindable(index);
  });
});
