import { appendFile, mkdir, rename, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { lastRefreshOf, readAuditTail, type AuditEntry } from "../../src/refresh/audit-log.js";
import type { Answerer } from "../../src/answer/answerer.js";
import { statusDocumentLimit } from "../../src/port/types.js";
import { startNewsSite, type NewsSite } from "../fakes/news-site.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { readAuditLog } from "../helpers/audit-log-file.js";

/** What `/status` is built from: `status()` in memory, `fullStatus()` with the corpus files and the audit log's tail. */
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

const auditFile = () => path.join(fixture.dataDir, "audit.jsonl");

async function auditEntries(): Promise<AuditEntry[]> {
  return readAuditLog<AuditEntry>(fixture.dataDir);
}

describe("fullStatus", () => {
  it("lists each document with its file and when it changed, and the start-up refresh as the last one", async () => {
    const changed = new Date("2026-11-30T08:00:00.000Z");
    await utimes(path.join(fixture.corpusDir, "2022-10-luchtafweer.md"), changed, changed);
    const before = Date.now();
    const core = await fixture.open();
    const status = await core.fullStatus();
    expect(status).toMatchObject({ corpusVersion: 1, documents: 1, passages: 4, answerMode: "extractive" });
    expect(status.documentList).toEqual([
      {
        id: "2022-10-luchtafweer",
        title: "Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen",
        published: "2022-10",
        url: undefined,
        passages: 4,
        file: "2022-10-luchtafweer.md",
        changedAt: changed.toISOString(),
        fetchedAt: undefined,
      },
    ]);
    expect(status.lastRefresh).toEqual({
      at: (await auditEntries())[0]!.at,
      action: "refresh",
      by: { platform: "startup" },
      result: "ok",
      oldVersion: 0,
      newVersion: 1,
      reason: undefined,
    });
    expect(status.languageModel).toBeUndefined();
    expect(Date.parse(status.startedAt)).toBeGreaterThanOrEqual(before - 1000);
    // The in-memory part is the same without the disk's additions.
    expect(core.status().documentList).toEqual([
      { id: "2022-10-luchtafweer", title: status.documentList[0]!.title, published: "2022-10", url: undefined, passages: 4 },
    ]);
  });

  it("a fetched article shows its link and when it was fetched; a refresh that changed nothing and a failed one are the last refresh in turn", async () => {
    const core = await fixture.open();
    const url = `${site.url}/artikel/mijnenjagers`;
    await core.refresh({ platform: "telegram", userId: "4242", urls: [url] });
    const added = await core.fullStatus();
    const fetched = (await auditEntries()).at(-1)!.at;
    expect(added.documentList.find((document) => document.url === url)).toMatchObject({
      title: "Nederland stuurt extra mijnenjagers naar de Oostzee",
      passages: 3,
      fetchedAt: fetched,
      file: expect.stringMatching(/mijnenjagers\.md$/) as unknown,
      changedAt: expect.any(String) as unknown,
    });
    expect(added.lastRefresh).toMatchObject({ by: { platform: "telegram", userId: "4242" }, result: "ok", oldVersion: 1, newVersion: 2 });

    await core.refresh({ platform: "discord", userId: "77", urls: [url] });
    const again = await core.fullStatus();
    expect(again.lastRefresh).toMatchObject({ by: { platform: "discord", userId: "77" }, result: "unchanged", oldVersion: 2, newVersion: 2 });
    expect(again.documentList.find((document) => document.url === url)?.fetchedAt).toBe((await auditEntries()).at(-1)!.at);

    await core.refresh({ platform: "telegram", userId: "4242", urls: ["file:///etc/passwd"] }).catch(() => undefined);
    const failed = await core.fullStatus();
    expect(failed.lastRefresh).toMatchObject({ result: "failed", oldVersion: 2, newVersion: 2, reason: expect.stringMatching(/^SOURCE_BAD_URL: /) as unknown });
    // A failed refresh fetched nothing: the article's last fetch stays the earlier one.
    expect(failed.documentList.find((document) => document.url === url)?.fetchedAt).toBe(
      again.documentList.find((document) => document.url === url)?.fetchedAt,
    );
  });

  it("reads the audit log on every call, so another process's refresh shows, and a removed file is said to be gone", async () => {
    const core = await fixture.open();
    const other: AuditEntry = {
      at: "2026-12-02T10:00:00.000Z",
      action: "rollback",
      by: { platform: "ingest", userId: "beheer" },
      sources: [],
      result: "ok",
      oldVersion: 3,
      newVersion: 2,
    };
    await appendFile(auditFile(), JSON.stringify(other) + "\n");
    await rename(path.join(fixture.corpusDir, "2022-10-luchtafweer.md"), path.join(fixture.dataDir, "moved-away.md"));
    const status = await core.fullStatus();
    expect(status.lastRefresh).toMatchObject({ action: "rollback", by: { platform: "ingest", userId: "beheer" }, result: "ok", newVersion: 2 });
    expect(status.documentList[0]).toMatchObject({ id: "2022-10-luchtafweer", file: undefined, changedAt: undefined });
  });

  it("names the language model only when answers are generative, and lists at most statusDocumentLimit documents", async () => {
    for (let index = 0; index < statusDocumentLimit + 5; index += 1) {
      await writeFile(
        path.join(fixture.corpusDir, `extra-${String(index).padStart(2, "0")}.md`),
        `---\ntitle: Extra ${index}\n---\nBericht nummer ${index} over de haven.\n`,
      );
    }
    const generative: Answerer = { mode: "generative", answer: () => Promise.reject(new Error("unused")) };
    const core = await fixture.open(undefined, { answerer: generative, languageModel: { provider: "ollama", model: "llama3.1" } });
    const status = await core.fullStatus();
    expect(status.languageModel).toEqual({ provider: "ollama", model: "llama3.1" });
    expect(status.documents).toBe(statusDocumentLimit + 6);
    expect(status.documentList).toHaveLength(statusDocumentLimit);
    expect(status.documentList[0]!.id).toBe("2022-10-luchtafweer");
    expect(status.documentList[1]).toMatchObject({ id: "extra-00", title: "Extra 0", passages: 1, file: "extra-00.md" });

    const extractive = await fixture.open(undefined, { languageModel: { provider: "ollama", model: "llama3.1" } });
    expect(extractive.status().languageModel).toBeUndefined();
  });
});

describe("the audit log's tail", () => {
  const entry = (index: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
    at: new Date(Date.UTC(2026, 11, 1, 0, index)).toISOString(),
    action: "refresh",
    by: { platform: "telegram", userId: String(index) },
    sources: [],
    result: "ok",
    oldVersion: index,
    newVersion: index + 1,
    ...extra,
  });

  it("reads only the end of a large log, skips a cut first line and a torn last one", async () => {
    await mkdir(fixture.dataDir, { recursive: true });
    const lines = Array.from({ length: 5000 }, (_, index) => JSON.stringify(entry(index)) + "\n").join("");
    await writeFile(auditFile(), lines + '{"at":"2026-12-02T00:00:00.000Z","action":"refr');
    const tail = await readAuditTail(fixture.dataDir, 4096);
    expect(tail.length).toBeGreaterThan(10);
    expect(tail.length).toBeLessThan(60);
    expect(tail.at(-1)).toEqual(entry(4999));
    // Every entry read is whole and in order, ending with the last complete one.
    expect(tail.map((read) => Number(read.by.userId))).toEqual(Array.from({ length: tail.length }, (_, index) => 5000 - tail.length + index));
    expect(await readAuditTail(path.join(fixture.dir, "nowhere"))).toEqual([]);
  });

  it("passes over scheduled checks that made no version, but not a failed one or one that refreshed", () => {
    const person = entry(1, { by: { platform: "discord", userId: "9" } });
    const quiet = entry(2, { by: JSON.parse('{"platform":"schedule"}') as AuditEntry["by"], oldVersion: 2, newVersion: 2, nothingChanged: true });
    expect(lastRefreshOf([person, quiet, quiet])).toMatchObject({ by: { platform: "discord", userId: "9" }, result: "ok" });
    expect(lastRefreshOf([quiet])).toMatchObject({ result: "unchanged" });
    const failed = { ...quiet, result: "failed" as const, error: { code: "SOURCE_UNREACHABLE", message: "no answer" } };
    expect(lastRefreshOf([person, failed, quiet])).toMatchObject({ result: "failed", reason: "SOURCE_UNREACHABLE: no answer" });
    expect(lastRefreshOf([])).toBeUndefined();
  });
});
