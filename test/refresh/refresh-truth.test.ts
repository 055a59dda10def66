import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { IndexRepository } from "../../src/index/index-repository.js";
import { CountingEmbedder, coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { startNewsSite, type NewsSite } from "../fakes/news-site.js";
import { refreshFailureText, refreshReportText } from "../../src/answer/refresh-messages.js";
import { readAuditLog } from "../helpers/audit-log-file.js";

/**
 * What a refresh says must be what happened: one version per change, one audit entry per version
 * (start-up refreshes included), no version for a refresh that changes nothing, counts that name
 * an edit an edit, and a rollback that puts back every file a refresh changed.
 */
let fixture: CoreFixture;
let site: NewsSite;
beforeEach(async () => {
  fixture = await coreFixture({ FETCH_ALLOW_PRIVATE_NETWORKS: "true", FETCH_TIMEOUT_MS: "1000", INDEX_WATCH_INTERVAL_MS: "0" });
  site = await startNewsSite();
});
afterEach(async () => {
  await site.close();
  await fixture.cleanup();
});

const article = () => path.join(fixture.corpusDir, "2022-10-luchtafweer.md");
const sourcesFile = () => path.join(fixture.corpusDir, "sources.txt");
const windmolens =
  "---\ntitle: Windmolens\n---\nIn Zeeland komen veertig nieuwe windmolens op zee bij Borssele.\n\nDe bouw begint in 2024 en duurt twee jaar.\n";

async function auditLines(): Promise<Array<Record<string, unknown>>> {
  return readAuditLog(fixture.dataDir);
}

async function errorOf(promise: Promise<unknown>): Promise<{ code?: string; message?: string; source?: string }> {
  return (await promise.then(
    () => ({}),
    (error: unknown) => error,
  )) as { code?: string; message?: string; source?: string };
}

describe("the start-up refresh", () => {
  it("a first start builds v1 as an audited start-up refresh", async () => {
    const core = await fixture.open();
    expect(core.status().corpusVersion).toBe(1);
    expect(await auditLines()).toMatchObject([
      {
        action: "refresh",
        by: { platform: "startup" },
        result: "ok",
        oldVersion: 0,
        newVersion: 1,
        nothingChanged: false,
        summary: { documents: 1, passages: 4, added: 4, changed: 0, unchanged: 0, removed: 0, documentsAdded: 1, embedded: 4 },
      },
    ]);
  });

  it("a restart after the corpus folder changed is exactly one audited start-up refresh with its real counts", async () => {
    await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "windmolens.md"), windmolens);
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line) });
    const restarted = await fixture.open(undefined, { logger });
    expect(restarted.status()).toMatchObject({ corpusVersion: 2, documents: 2, passages: 6 });
    const audit = await auditLines();
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      by: { platform: "startup" },
      oldVersion: 1,
      newVersion: 2,
      summary: { added: 2, changed: 0, unchanged: 4, removed: 0, documentsAdded: 1, embedded: 2 },
    });
    expect(lines.join("\n")).toMatch(/refresh by startup: Corpus v2: 2 documents \(1 new\), 6 passages — 2 new, 0 changed, 4 unchanged, 0 removed; 2 embedded/);

    // Starting again on the same folder changes nothing and audits nothing.
    const again = await fixture.open();
    expect(again.status().corpusVersion).toBe(2);
    expect(await auditLines()).toHaveLength(2);
    // A moderator's refresh right after finds nothing new and says so.
    expect(await again.refresh({ platform: "test" })).toMatchObject({ nothingChanged: true, newVersion: 2 });
  });

  it("two processes starting at once after a change make one version, not two", async () => {
    await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "windmolens.md"), windmolens);
    const [first, second] = await Promise.all([fixture.open(), fixture.open()]);
    expect(first.status().corpusVersion).toBe(2);
    expect(second.status().corpusVersion).toBe(2);
    expect(await new IndexRepository(fixture.dataDir).versions()).toEqual([1, 2]);
    expect((await auditLines()).filter((entry) => (entry.by as { platform: string }).platform === "startup")).toHaveLength(2);
  });

  it("a broken corpus at start-up keeps the saved version serving; the failure is audited", async () => {
    await fixture.open();
    await writeFile(path.join(fixture.corpusDir, "kapot.txt"), new Uint8Array([0xff, 0xfe, 0, 0]));
    const restarted = await fixture.open();
    expect(restarted.status().corpusVersion).toBe(1);
    expect((await auditLines()).at(-1)).toMatchObject({ by: { platform: "startup" }, result: "failed", error: { code: "FILE_BINARY" }, newVersion: 1 });
  });

  it("switching embedder rebuilds at start-up, counted against the passages the old version recorded", async () => {
    await fixture.open();
    const other = new CountingEmbedder(256);
    const core = await fixture.open(other);
    expect(core.status()).toMatchObject({ corpusVersion: 2, embedder: { dimensions: 256 } });
    expect((await auditLines()).at(-1)).toMatchObject({
      by: { platform: "startup" },
      oldVersion: 1,
      newVersion: 2,
      summary: { added: 0, changed: 0, unchanged: 4, removed: 0, embedded: 4 },
    });
  });
});

describe("a refresh that changes nothing", () => {
  it("re-fetching an unchanged article makes no version, reports it and is audited", async () => {
    const core = await fixture.open();
    const url = `${site.url}/artikel/mijnenjagers`;
    expect(await core.refresh({ platform: "test", urls: [url] })).toMatchObject({ newVersion: 2, documentsAdded: 1 });
    const again = await core.refresh({ platform: "discord", userId: "9", urls: [url] });
    expect(again).toMatchObject({ nothingChanged: true, oldVersion: 2, newVersion: 2, sources: [url] });
    expect(refreshReportText(again, "nl")).toMatch(/^Corpus: geen wijzigingen; nog steeds v2 \(2 documenten, 7 passages, \d+ ms\)$/);
    expect(refreshReportText(again, "en")).toMatch(/^Corpus: no changes; still v2 \(2 documents, 7 passages, \d+ ms\)$/);
    expect(await new IndexRepository(fixture.dataDir).versions()).toEqual([1, 2]);
    expect((await auditLines()).at(-1)).toMatchObject({ by: { platform: "discord", userId: "9" }, result: "ok", nothingChanged: true, newVersion: 2 });
  });
});

describe("rollback restores everything a refresh changed", () => {
  it("the corpus files byte for byte (a byte-order mark too) and sources.txt", async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(windmolens)]);
    await writeFile(path.join(fixture.corpusDir, "windmolens.md"), withBom);
    await writeFile(sourcesFile(), "# geen links\n");
    const core = await fixture.open();
    const before = await readFile(article());

    // The moderator edits a paragraph and replaces the URL list, then refreshes.
    await writeFile(article(), before.toString("utf8").replace("Niet alleen de Amerikanen", "Niet enkel de Amerikanen"));
    await writeFile(path.join(fixture.corpusDir, "windmolens.md"), windmolens.replace("veertig", "vijftig"));
    await writeFile(sourcesFile(), `${site.url}/artikel/mijnenjagers\n`);
    expect(await core.refresh({ platform: "test" })).toMatchObject({ newVersion: 2, changed: 2, documentsAdded: 1, documentsChanged: 2 });

    const report = await core.refresh({ platform: "test", action: "rollback" });
    expect(report).toMatchObject({ action: "rollback", oldVersion: 2, newVersion: 1, changed: 2, removed: 3, documentsRemoved: 1 });
    expect(await readFile(article())).toEqual(before);
    expect(await readFile(path.join(fixture.corpusDir, "windmolens.md"))).toEqual(withBom);
    expect(await readFile(sourcesFile(), "utf8")).toBe("# geen links\n");
    expect((await readdir(fixture.corpusDir)).filter((name) => name.startsWith("127-0-0-1"))).toEqual([]);
    // Restored exactly: a restart finds the folder matching v1 and makes no start-up refresh.
    const entries = (await auditLines()).length;
    expect((await fixture.open()).status().corpusVersion).toBe(1);
    expect(await auditLines()).toHaveLength(entries);
  });

  it("a URL list the older version did not have is moved aside, and edits made since are kept aside, not lost", async () => {
    const core = await fixture.open();
    await writeFile(sourcesFile(), `${site.url}/artikel/mijnenjagers\n`);
    await core.refresh({ platform: "test" });
    const unsaved = "Een bewerking die nog niet ververst is.";
    await writeFile(article(), unsaved);
    await core.refresh({ platform: "test", action: "rollback" });
    expect(await readdir(fixture.corpusDir)).not.toContain("sources.txt");
    const shelved = (await readdir(path.join(fixture.dataDir, "rolled-back"), { recursive: true })).map(String);
    expect(shelved.some((name) => name.endsWith("sources.txt"))).toBe(true);
    const copy = shelved.find((name) => name.endsWith("2022-10-luchtafweer.md"))!;
    expect(await readFile(path.join(fixture.dataDir, "rolled-back", copy), "utf8")).toBe(unsaved);
    // The next refresh fetches nothing: the list is gone with the version that had it.
    const requests = site.requests.length;
    expect(await core.refresh({ platform: "test" })).toMatchObject({ nothingChanged: true, newVersion: 1 });
    expect(site.requests).toHaveLength(requests);
  });
});

describe("what a moderator can send", () => {
  it.each(["sources.txt", "Sources.TXT", "sources.md.txt"])("an upload named %s never overwrites the URL list", async (fileName) => {
    await writeFile(sourcesFile(), `${site.url}/artikel/mijnenjagers\n`);
    const core = await fixture.open();
    const bytes = new TextEncoder().encode("https://example.org/iets-anders\n");
    const error = await errorOf(core.refresh({ platform: "telegram", userId: "42", upload: { fileName, bytes } }));
    if (fileName === "sources.md.txt") {
      // Not the reserved name once slugified ("sources-md.txt"): an ordinary document is fine.
      expect(error.code).toBeUndefined();
    } else {
      expect(error.code).toBe("SOURCE_RESERVED_NAME");
      expect(refreshFailureText(error, "nl")).toContain("gereserveerd");
      expect(core.status().corpusVersion).toBe(1);
    }
    expect(await readFile(sourcesFile(), "utf8")).toBe(`${site.url}/artikel/mijnenjagers\n`);
  });

  it.each(["file:///etc/passwd", "gopher://example.org/1", "ftp://example.org/artikel.txt", "javascript:alert(1)", "www.example.org/artikel"])(
    "%s is refused as not an http(s) link before anything is fetched",
    async (url) => {
      const core = await fixture.open();
      const error = await errorOf(core.refresh({ platform: "test", urls: [`${site.url}/artikel/mijnenjagers`, url] }));
      expect(error.code).toBe("SOURCE_BAD_URL");
      expect(refreshFailureText(error, "nl")).toContain("Dat is geen geldige http- of https-link");
      expect(site.requests).toEqual([]);
      expect(core.status().corpusVersion).toBe(1);
    },
  );

  it("a URL with credentials is refused, and the password appears in no reply, log line or audit entry", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => lines.push(line) });
    const core = await fixture.open(undefined, { logger });
    const url = `http://redacteur:geheim-wachtwoord@127.0.0.1:${new URL(site.url).port}/artikel/mijnenjagers`;
    const error = await errorOf(core.refresh({ platform: "telegram", userId: "42", urls: [url] }));
    expect(error.code).toBe("SOURCE_BAD_URL");
    const reply = refreshFailureText(error, "nl");
    expect(reply).toContain("http://***@127.0.0.1");
    const audit = await readFile(path.join(fixture.dataDir, "audit.jsonl"), "utf8");
    expect(audit).toContain("http://***@127.0.0.1");
    for (const text of [reply, refreshFailureText(error, "en"), error.message!, error.source!, audit, lines.join("\n")]) {
      expect(text).not.toContain("geheim");
      expect(text).not.toContain("redacteur");
    }
    expect(site.requests).toEqual([]);
  });
});
