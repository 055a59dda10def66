import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { IndexRepository } from "../../src/index/index-repository.js";
import { refreshSummary } from "../../adapters/cli/refresh-summary.js";
import { CountingEmbedder, coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { startNewsSite, type NewsSite } from "../fakes/news-site.js";
import { readAuditLog } from "../helpers/audit-log-file.js";

let fixture: CoreFixture;
let site: NewsSite;
beforeEach(async () => {
  // Loopback fetching is allowed here on purpose; the SSRF tests turn it off.
  fixture = await coreFixture({ FETCH_ALLOW_PRIVATE_NETWORKS: "true", FETCH_TIMEOUT_MS: "1000", FETCH_MAX_BYTES: "100000", INDEX_WATCH_INTERVAL_MS: "0" });
  site = await startNewsSite();
});
afterEach(async () => {
  await site.close();
  await fixture.cleanup();
});

const germany = "Welk luchtafweersysteem levert Duitsland?";
const articleFile = () => path.join(fixture.corpusDir, "2022-10-luchtafweer.md");

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  return (await promise.then(
    () => ({}),
    (error: unknown) => error,
  )) as { code?: string; message?: string };
}

/** The audit log; the first line is always the start-up refresh that built v1 when the fixture opened. */
async function auditLines(): Promise<Array<Record<string, unknown>>> {
  return readAuditLog(fixture.dataDir);
}

async function expectStillServing(core: Core, version: number): Promise<void> {
  expect(core.status().corpusVersion).toBe(version);
  const answer = await core.ask(germany, { platform: "test" });
  expect(answer.corpusVersion).toBe(version);
  expect(answer.citations[0]!.paragraph).toBe(3);
}

describe("incremental refresh from the corpus folder", () => {
  it("makes no version when nothing changed; a one-paragraph edit is 1 changed passage, 1 embedded", async () => {
    const embedder = new CountingEmbedder(512);
    const core = await fixture.open(embedder);
    expect(embedder.embedded).toBe(4);
    const unchanged = await core.refresh({ platform: "test", userId: "7" });
    expect(unchanged).toMatchObject({ action: "refresh", nothingChanged: true, oldVersion: 1, newVersion: 1, embedded: 0, added: 0, changed: 0, unchanged: 4 });
    expect(refreshSummary(unchanged)).toMatch(/^Corpus: geen wijzigingen; nog steeds v1 \(1 document, 4 passages, \d+ ms\)$/);
    expect(await new IndexRepository(fixture.dataDir).versions()).toEqual([1]);
    expect(embedder.embedded).toBe(4);

    const text = await readFile(articleFile(), "utf8");
    await writeFile(articleFile(), text.replace("Niet alleen de Amerikanen", "Niet enkel de Amerikanen"));
    const edited = await core.refresh({ platform: "test", userId: "7" });
    expect(edited).toMatchObject({ nothingChanged: false, newVersion: 2, embedded: 1, added: 0, changed: 1, unchanged: 3, removed: 0, documentsChanged: 1 });
    expect(embedder.embedded).toBe(5);
    expect(refreshSummary(edited)).toMatch(
      /^Corpus v2: 1 document \(1 gewijzigd\), 4 passages — 0 nieuw, 1 gewijzigd, 3 ongewijzigd, 0 verwijderd; 1 embedding berekend \(\d+ ms\)$/,
    );
    // Both are audited, the one that changed nothing too.
    expect((await auditLines()).slice(1)).toMatchObject([
      { by: { platform: "test", userId: "7" }, result: "ok", oldVersion: 1, newVersion: 1, nothingChanged: true },
      { by: { platform: "test", userId: "7" }, result: "ok", oldVersion: 1, newVersion: 2, nothingChanged: false, summary: { changed: 1, embedded: 1 } },
    ]);
  });

  it("adds and removes documents from both indexes", async () => {
    const core = await fixture.open();
    await writeFile(
      path.join(fixture.corpusDir, "windmolens.md"),
      "---\ntitle: Windmolens\n---\nIn Zeeland komen veertig nieuwe windmolens op zee bij Borssele.",
    );
    const added = await core.refresh({ platform: "test" });
    expect(added).toMatchObject({ documents: 2, passages: 5, added: 1, changed: 0, removed: 0, documentsAdded: 1 });
    expect((await core.ask("Hoeveel windmolens komen er bij Borssele?", { platform: "test" })).citations[0]!.title).toBe("Windmolens");

    await rm(path.join(fixture.corpusDir, "windmolens.md"));
    const removed = await core.refresh({ platform: "test" });
    expect(removed).toMatchObject({ documents: 1, passages: 4, added: 0, changed: 0, removed: 1, documentsRemoved: 1 });
    expect((await core.ask("Hoeveel windmolens komen er bij Borssele?", { platform: "test" })).abstained).toBe(true);
  });

  it("reports progress while it builds", async () => {
    const core = await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "nieuw.md"), "Een nieuwe alinea over dijken.");
    const phases: string[] = [];
    await core.refresh({ platform: "test", onProgress: (progress) => phases.push(progress.phase) });
    expect(phases).toContain("embedding");
    expect(phases).toContain("saving");
  });
});

describe("refresh from a URL and from an upload", () => {
  it("fetches a news page, keeps only the article, saves it into the corpus and answers from it", async () => {
    const core = await fixture.open();
    const url = `${site.url}/artikel/mijnenjagers`;
    const report = await core.refresh({ platform: "telegram", userId: "42", urls: [url] });
    expect(report).toMatchObject({ documents: 2, sources: [url] });
    const answer = await core.ask("Hoeveel mijnenjagers stuurt Defensie naar de Oostzee?", { platform: "test" });
    expect(answer.citations[0]).toMatchObject({ title: "Nederland stuurt extra mijnenjagers naar de Oostzee", source: url, published: "2022-10-14" });
    const saved = (await readdir(fixture.corpusDir)).filter((name) => name.startsWith("127-0-0-1"));
    expect(saved).toHaveLength(1);
    const content = await readFile(path.join(fixture.corpusDir, saved[0]!), "utf8");
    expect(content).toContain("twee extra mijnenjagers");
    expect(content).not.toMatch(/ADVERTENTIE|cookies|Privacybeleid|Binnenland/);
    // The next refresh needs no network: the document is in the corpus now.
    await site.close();
    expect((await core.refresh({ platform: "test" })).documents).toBe(2);
  });

  it("fetches the URLs listed in corpus/sources.txt", async () => {
    const core = await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "sources.txt"), `# artikelen om op te halen\n${site.url}/artikel/mijnenjagers\n`);
    expect(await core.refresh({ platform: "test" })).toMatchObject({ documents: 2, sources: [`${site.url}/artikel/mijnenjagers`] });
  });

  it("adds an uploaded Markdown or HTML file", async () => {
    const core = await fixture.open();
    const markdown = new TextEncoder().encode("---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.");
    expect(await core.refresh({ platform: "discord", userId: "9", upload: { fileName: "Brug Nijmegen.md", bytes: markdown } })).toMatchObject({
      documents: 2,
      sources: ["Brug Nijmegen.md"],
    });
    expect(await readFile(path.join(fixture.corpusDir, "brug-nijmegen.md"), "utf8")).toContain("Waal bij Nijmegen");
    const { newsPageHtml } = await import("../fakes/news-site.js");
    await core.refresh({ platform: "discord", upload: { fileName: "pagina.html", bytes: new TextEncoder().encode(newsPageHtml) } });
    expect((await core.ask("Waar vertrekken de mijnenjagers?", { platform: "test" })).citations[0]!.sentence).toContain("Den Helder");
  });
});

describe("a failed refresh changes nothing", () => {
  const failures: Array<[string, (site: NewsSite) => Parameters<Core["refresh"]>[0], string]> = [
    ["an unreachable URL", () => ({ platform: "test", urls: ["http://127.0.0.1:1/weg"] }), "SOURCE_UNREACHABLE"],
    ["an HTTP error", (s) => ({ platform: "test", urls: [`${s.url}/kwijt`] }), "SOURCE_HTTP_ERROR"],
    ["a page that is not an article", (s) => ({ platform: "test", urls: [`${s.url}/login`] }), "SOURCE_NOT_ARTICLE"],
    ["an image", (s) => ({ platform: "test", urls: [`${s.url}/plaatje`] }), "SOURCE_BAD_TYPE"],
    ["an oversized page", (s) => ({ platform: "test", urls: [`${s.url}/enorm`] }), "SOURCE_TOO_LARGE"],
    ["a page slower than the time-out", (s) => ({ platform: "test", urls: [`${s.url}/traag`] }), "SOURCE_TIMEOUT"],
    ["a non-http URL", () => ({ platform: "test", urls: ["file:///etc/passwd"] }), "SOURCE_BAD_URL"],
    ["an empty upload", () => ({ platform: "test", upload: { fileName: "leeg.txt", bytes: new Uint8Array() } }), "FILE_EMPTY"],
    ["a binary upload", () => ({ platform: "test", upload: { fileName: "x.txt", bytes: new Uint8Array([0, 159, 146, 150]) } }), "FILE_BINARY"],
    [
      "an undecodable upload",
      () => ({ platform: "test", upload: { fileName: "x.md", bytes: new Uint8Array([0x4f, 0x65, 0xef, 0x20, 0x61, 0x62, 0x63]) } }),
      "FILE_UNDECODABLE",
    ],
    ["an upload of the wrong type", () => ({ platform: "test", upload: { fileName: "x.pdf", bytes: new Uint8Array([37, 80, 68, 70]) } }), "SOURCE_BAD_UPLOAD"],
  ];

  it.each(failures)("%s", async (_name, request, code) => {
    const core = await fixture.open();
    const before = await readdir(fixture.corpusDir);
    const error = await errorOf(core.refresh(request(site)));
    expect(error.code).toBe(code);
    expect(error.message).toBeTruthy();
    await expectStillServing(core, 1);
    expect(await readdir(fixture.corpusDir)).toEqual(before);
    expect(await new IndexRepository(fixture.dataDir).currentVersion()).toBe(1);
    const [startup, entry, ...more] = await auditLines();
    expect(startup).toMatchObject({ by: { platform: "startup" }, oldVersion: 0, newVersion: 1 });
    expect(entry).toMatchObject({ action: "refresh", result: "failed", error: { code }, oldVersion: 1, newVersion: 1 });
    expect(more).toEqual([]);
  });

  it("an embedder failure", async () => {
    const embedder = new CountingEmbedder(512);
    const core = await fixture.open(embedder);
    await writeFile(path.join(fixture.corpusDir, "nieuw.md"), "Een nieuwe alinea over dijken.");
    embedder.embedDocuments = async () => {
      throw new Error("embedding server down");
    };
    expect((await errorOf(core.refresh({ platform: "test" }))).code).toBe("EMBEDDING_FAILED");
    await expectStillServing(core, 1);
  });

  it("a full disk halfway through writing the new version", async () => {
    class FullDisk extends IndexRepository {
      full = false;
      protected override async writeVersionFiles(...args: Parameters<IndexRepository["writeVersionFiles"]>): Promise<void> {
        await super.writeVersionFiles(...args);
        if (this.full) throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
      }
    }
    const repository = new FullDisk(fixture.dataDir);
    const core = await fixture.open(undefined, { repository });
    await writeFile(path.join(fixture.corpusDir, "nieuw.md"), "Een nieuwe alinea over dijken.");
    repository.full = true;
    expect((await errorOf(core.refresh({ platform: "test" }))).code).toBe("INDEX_WRITE_FAILED");
    await expectStillServing(core, 1);
    expect((await readdir(repository.root)).filter((name) => name.startsWith("tmp-"))).toEqual([]);
  });
});

describe("one refresh at a time, rollback and audit", () => {
  it("refuses a second concurrent refresh, also from another core on the same data folder", async () => {
    // An embedder that holds the first refresh mid-build until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    class GatedEmbedder extends CountingEmbedder {
      gated = false;
      override async embedDocuments(texts: string[]): Promise<number[][]> {
        if (this.gated) await gate;
        return super.embedDocuments(texts);
      }
    }
    const embedder = new GatedEmbedder(512);
    const core = await fixture.open(embedder);
    const other = await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "nieuw.md"), "Een nieuwe alinea over de Afsluitdijk.");
    embedder.gated = true;
    let building!: () => void;
    const started = new Promise<void>((resolve) => (building = resolve));
    const first = core.refresh({ platform: "test", onProgress: (progress) => progress.phase === "embedding" && building() });
    await started;
    expect((await errorOf(core.refresh({ platform: "test" }))).code).toBe("REFRESH_RUNNING");
    expect((await errorOf(other.refresh({ platform: "test" }))).code).toBe("REFRESH_RUNNING");
    release();
    await expect(first).resolves.toMatchObject({ newVersion: 2, embedded: 1 });
    await expect(other.refresh({ platform: "test" })).resolves.toMatchObject({ newVersion: 3 });
  });

  it("rolls back one version, corpus files included, and audits both", async () => {
    const core = await fixture.open();
    const original = await readFile(articleFile(), "utf8");
    await writeFile(articleFile(), original.replace("Iris-T", "Patriot"));
    await writeFile(path.join(fixture.corpusDir, "extra.md"), "Een extra artikel over de Afsluitdijk en de zeespiegel.");
    await core.refresh({ platform: "telegram", userId: "42" });
    expect((await core.ask(germany, { platform: "test" })).citations[0]!.quote).toContain("Patriot");

    const report = await core.refresh({ platform: "discord", userId: "9", action: "rollback" });
    expect(report).toMatchObject({ action: "rollback", oldVersion: 2, newVersion: 1, passages: 4, changed: 1, removed: 1, documentsRemoved: 1, embedded: 0 });
    await expectStillServing(core, 1);
    expect(await readFile(articleFile(), "utf8")).toBe(original);
    expect(await readdir(fixture.corpusDir)).not.toContain("extra.md");
    expect((await readdir(path.join(fixture.dataDir, "rolled-back"), { recursive: true })).some((name) => String(name).endsWith("extra.md"))).toBe(true);

    // After a restart the rolled-back state holds: the corpus matches version 1 again.
    const restarted = await fixture.open();
    expect(restarted.status().corpusVersion).toBe(1);
    expect(await auditLines()).toMatchObject([
      { action: "refresh", by: { platform: "startup" }, result: "ok", oldVersion: 0, newVersion: 1 },
      { action: "refresh", by: { platform: "telegram", userId: "42" }, result: "ok", oldVersion: 1, newVersion: 2 },
      { action: "rollback", by: { platform: "discord", userId: "9" }, result: "ok", oldVersion: 2, newVersion: 1 },
    ]);
    expect((await errorOf(restarted.refresh({ platform: "test", action: "rollback" }))).code).toBe("NOTHING_TO_ROLL_BACK");
  });

  it("keeps only the configured number of versions", async () => {
    const small = await coreFixture({ INDEX_KEEP_VERSIONS: "2", INDEX_WATCH_INTERVAL_MS: "0" });
    try {
      const core = await small.open();
      for (let round = 0; round < 4; round += 1) {
        await writeFile(path.join(small.corpusDir, "nieuw.md"), `Ronde ${round} van een nieuwe alinea over dijken.`);
        await core.refresh({ platform: "test" });
      }
      expect(await new IndexRepository(small.dataDir).versions()).toEqual([4, 5]);
    } finally {
      await small.cleanup();
    }
  });
});
