import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IndexRepository } from "../../src/index/index-repository.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { CountingEmbedder, coreFixture, type CoreFixture } from "../helpers/core-fixture.js";

let fixture: CoreFixture;
beforeEach(async () => {
  fixture = await coreFixture();
});
afterEach(async () => {
  await fixture.cleanup();
});

const germany = "Welk luchtafweersysteem levert Duitsland?";

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string }> {
  return (await promise.then(
    () => ({}),
    (error: unknown) => error,
  )) as { code?: string };
}

describe("core.ask", () => {
  it("answers with the verbatim Dutch paragraph and the supporting sentence", async () => {
    const core = await fixture.open();
    const answer = await core.ask(germany, { platform: "test" });
    expect(answer.abstained).toBe(false);
    expect(answer.language).toBe("nl");
    expect(answer.mode).toBe("extractive");
    const [citation] = answer.citations;
    expect(citation!.paragraph).toBe(3);
    expect(citation!.sentence).toContain("Iris-T");
    expect(answer.text).toContain("Iris-T");
    const corpusText = await readFile(path.join(fixture.corpusDir, "2022-10-luchtafweer.md"), "utf8");
    expect(corpusText).toContain(citation!.quote);
    expect(citation!.quote).toContain(citation!.sentence);
    expect(citation!.score).toBeGreaterThan(0);
    expect(answer.corpusVersion).toBe(core.status().corpusVersion);
  });

  it("a name the question sets aside does not pull the answer towards the passage naming it", async () => {
    const core = await fixture.open();
    const answer = await core.ask("Met wie had Zelenski contact behalve Biden?", { platform: "test" });
    expect(answer.citations[0]?.paragraph).toBe(4);
  });

  it("abstains in the asker's language when the article does not answer", async () => {
    const core = await fixture.open();
    const dutch = await core.ask("Wie won het WK voetbal in 2022?", { platform: "test" });
    expect(dutch).toMatchObject({ abstained: true, language: "nl", citations: [] });
    expect(dutch.text).toMatch(/geen antwoord/);
    const english = await core.ask("How do I bake bread?", { platform: "test" });
    expect(english).toMatchObject({ abstained: true, language: "en", citations: [] });
    expect(english.text).toMatch(/doesn't answer/);
  });

  it("refuses a near-topic question, saying what the article is silent on and what comes closest", async () => {
    const core = await fixture.open();
    const italy = await core.ask("Levert Italië ook luchtafweersystemen aan Oekraïne?", { platform: "test" });
    expect(italy).toMatchObject({ abstained: true, citations: [] });
    expect(italy.text).toMatch(/^Over Italië zegt het artikel niets/);
    expect(italy.nearest?.quote).toBeDefined();
    const price = await core.ask("What did Germany pay for the air defence systems?", { platform: "test" });
    expect(price).toMatchObject({ abstained: true, language: "en" });
    expect(price.text).toMatch(/^The article mentions no price or cost/);
  });

  it("words English answers in English and still quotes Dutch", async () => {
    const core = await fixture.open();
    const answer = await core.ask("Did Zelensky also speak with Justin Trudeau?", { platform: "test" });
    expect(answer.language).toBe("en");
    expect(answer.text).toMatch(/^According to the article/);
    expect(answer.citations[0]!.quote).toContain("Canadese premier Justin Trudeau");
  });

  it("rejects empty and oversized questions with typed errors", async () => {
    const core = await fixture.open();
    expect((await errorOf(core.ask("   \u200b ?! ", { platform: "test" }))).code).toBe("EMPTY_QUESTION");
    expect((await errorOf(core.ask("a".repeat(501), { platform: "test" }))).code).toBe("QUESTION_TOO_LONG");
    expect((await errorOf(core.ask("x".repeat(100_000), { platform: "test" }))).code).toBe("QUESTION_TOO_LONG");
  });

  it("shrugs off odd Unicode, markup and mention injection", async () => {
    const core = await fixture.open();
    for (const question of ["@everyone <b>Duitsland</b> levert?", "\u202eDuitsland\u202c levert 🚀🚀", "'; DROP TABLE passages; --", '{"x": [1,2]}']) {
      const answer = await core.ask(question, { platform: "test" });
      expect(typeof answer.text).toBe("string");
      expect(answer.question).not.toMatch(/[\u202e\u202c]/);
    }
  });
});

describe("index lifecycle", () => {
  it("loads a saved index at start-up without re-embedding", async () => {
    const first = new CountingEmbedder(512);
    await fixture.open(first);
    expect(first.embedded).toBe(4);
    const second = new CountingEmbedder(512);
    const core = await fixture.open(second);
    expect(second.embedded).toBe(0);
    expect(core.status()).toMatchObject({ corpusVersion: 1, documents: 1, passages: 4, embedder: { id: "hashing-v2-512", dimensions: 512 } });
    expect((await core.ask(germany, { platform: "test" })).citations[0]!.paragraph).toBe(3);
  });

  it("rebuilds when the embedder changes, never mixing vectors", async () => {
    await fixture.open(new HashingEmbedder(512));
    const other = new CountingEmbedder(256);
    const core = await fixture.open(other);
    expect(other.embedded).toBe(4);
    expect(core.status()).toMatchObject({ corpusVersion: 2, embedder: { id: "hashing-v2-256", dimensions: 256 } });
  });

  it("rebuilds when the corpus changed since the saved index", async () => {
    await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "extra.md"), "---\ntitle: Extra\n---\nEen nieuw artikel over windmolens in Zeeland.");
    const core = await fixture.open();
    expect(core.status()).toMatchObject({ corpusVersion: 2, documents: 2, passages: 5 });
  });

  it("rebuilds from the corpus when the saved index is corrupt", async () => {
    await fixture.open();
    const repository = new IndexRepository(fixture.dataDir);
    await writeFile(path.join(repository.versionDir(1), "vectors", "hnswlib.index"), "garbage");
    const core = await fixture.open();
    expect(core.status().corpusVersion).toBe(2);
    expect((await core.ask(germany, { platform: "test" })).abstained).toBe(false);
  });

  it("keeps answering from the saved index when the corpus becomes unreadable", async () => {
    await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "kapot.md"), new Uint8Array([0, 1, 2, 3]));
    const core = await fixture.open();
    expect(core.status().corpusVersion).toBe(1);
    expect((await core.ask(germany, { platform: "test" })).citations[0]!.paragraph).toBe(3);
  });

  it("fails with a CorpusError naming the file when there is no saved index to fall back on", async () => {
    await writeFile(path.join(fixture.corpusDir, "leeg.md"), "");
    const error = (await errorOf(fixture.open())) as { code?: string; file?: string };
    expect(error.code).toBe("FILE_EMPTY");
    expect(error.file).toBe("leeg.md");
  });

  it("removes unfinished builds left by a crash and keeps CURRENT on a complete version", async () => {
    await fixture.open();
    const repository = new IndexRepository(fixture.dataDir);
    const leftover = path.join(repository.root, "tmp-2-999-1");
    await writeFile(path.join(repository.root, "CURRENT.123.tmp"), "000002");
    await import("node:fs/promises").then((fs) => fs.mkdir(leftover));
    const core = await fixture.open();
    expect(core.status().corpusVersion).toBe(1);
    await expect(readFile(path.join(repository.root, "CURRENT"), "utf8")).resolves.toBe("000001\n");
    await expect(import("node:fs/promises").then((fs) => fs.stat(leftover))).rejects.toThrow();
  });
});

describe("core.refresh", () => {
  it("swaps in a new version and reports what changed", async () => {
    const core = await fixture.open();
    const corpusFile = path.join(fixture.corpusDir, "2022-10-luchtafweer.md");
    const text = await readFile(corpusFile, "utf8");
    await writeFile(corpusFile, text.replace("Niet alleen de Amerikanen", "Niet enkel de Amerikanen"));
    const report = await core.refresh({ platform: "test", userId: "1" });
    expect(report).toMatchObject({ oldVersion: 1, newVersion: 2, documents: 1, passages: 4, added: 0, changed: 1, unchanged: 3, removed: 0 });
    expect(core.status().corpusVersion).toBe(2);
    const answer = await core.ask(germany, { platform: "test" });
    expect(answer.corpusVersion).toBe(2);
    expect(answer.citations[0]!.quote).toContain("Niet enkel de Amerikanen");
  });

  it("keeps the old index when the corpus is broken", async () => {
    const core = await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "kapot.txt"), new Uint8Array([0xff, 0xfe, 0, 0]));
    expect((await errorOf(core.refresh({ platform: "test" }))).code).toBe("FILE_BINARY");
    expect(core.status().corpusVersion).toBe(1);
    expect((await core.ask(germany, { platform: "test" })).citations[0]!.paragraph).toBe(3);
    await rm(path.join(fixture.corpusDir, "kapot.txt"));
    const restarted = await fixture.open();
    expect(restarted.status().corpusVersion).toBe(1);
  });

  it("refuses a second refresh while one runs", async () => {
    const core = await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "nieuw.md"), "Een nieuwe alinea over de Afsluitdijk.");
    const first = core.refresh({ platform: "test" });
    expect((await errorOf(core.refresh({ platform: "test" }))).code).toBe("REFRESH_RUNNING");
    await expect(first).resolves.toMatchObject({ newVersion: 2 });
  });
});

describe("embedder outage at question time", () => {
  it("answers from the lexical index alone when the query cannot be embedded", async () => {
    const embedder = new HashingEmbedder(512);
    const core = await fixture.open(embedder);
    embedder.embedQuery = async () => {
      throw new Error("embedding server unreachable");
    };
    const answer = await core.ask("Welk luchtafweersysteem levert Duitsland? Iris-T?", { platform: "test" });
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.paragraph).toBe(3);
  });
});
