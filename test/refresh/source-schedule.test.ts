import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { createLogger } from "../../src/logging/logger.js";
import { ConfigError } from "../../src/port/errors.js";
import { backoffDelayMs, SourceSchedule, type ScheduledRun } from "../../src/refresh/source-schedule.js";
import { articlePageHtml, startNewsSite, type NewsSite } from "../fakes/news-site.js";
import { coreFixture, repoRoot, type CoreFixture } from "../helpers/core-fixture.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { readAuditLog } from "../helpers/audit-log-file.js";

/**
 * The scheduled re-fetch of URL sources against a real core and the fake news site's live article
 * (`/artikel/live`, which speaks ETag / Last-Modified / 304). Time is a manual clock: each
 * `advanceMinutes` runs the checks that come due and waits for them, so nothing here waits minutes.
 */
let fixture: CoreFixture;
let site: NewsSite;
let clock: ManualClock;
let logLines: string[];
beforeEach(async () => {
  fixture = await coreFixture({ FETCH_ALLOW_PRIVATE_NETWORKS: "true", FETCH_TIMEOUT_MS: "5000", INDEX_WATCH_INTERVAL_MS: "0", REFRESH_INTERVAL_MINUTES: "15" });
  site = await startNewsSite();
  clock = new ManualClock();
  logLines = [];
  await writeFile(path.join(fixture.corpusDir, "sources.txt"), `# het live artikel\n${site.url}${site.live.path}\n`);
});
afterEach(async () => {
  await fixture.cleanup();
  await site.close();
});

const harbourQuestion = "Vanuit welke haven vertrekken de mijnenjagers?";
const logger = () => createLogger({ level: "debug", write: (line) => logLines.push(line) });

/** The live article after the publisher's correction: the ships leave from Vlissingen instead. */
const correctedHtml = (advert?: string) =>
  articlePageHtml(
    "Nederland stuurt extra mijnenjagers naar de Oostzee",
    [
      "Het ministerie van Defensie stuurt volgende week twee extra mijnenjagers naar de Oostzee om de onderzeese infrastructuur te bewaken, zo maakte de minister donderdag bekend.",
      "De schepen vertrekken vanuit de marinehaven in Vlissingen en blijven naar verwachting zes maanden in het gebied, waar ze samenwerken met Duitse en Deense eenheden.",
      "Aanleiding is de schade aan de gaspijpleidingen eind september, die volgens de NAVO het gevolg was van sabotage. Onderzoekers proberen nog altijd te achterhalen wie erachter zat.",
    ],
    advert,
  );

async function openScheduled(run = true): Promise<Core> {
  return fixture.open(undefined, { schedule: { run, clock }, logger: logger() });
}

/** A core serving the live article's first text, fetched by a moderator's refresh (v2). */
async function openWithArticle(): Promise<Core> {
  const core = await openScheduled();
  const report = await core.refresh({ platform: "test", userId: "mod" });
  expect(report.newVersion).toBe(2);
  return core;
}

async function scheduleAudit(): Promise<Array<Record<string, unknown>>> {
  return (await readAuditLog(fixture.dataDir)).filter((entry) => (entry.by as { platform: string }).platform === "schedule");
}

async function harbourAnswer(core: Core): Promise<string> {
  const answer = await core.ask(harbourQuestion, { platform: "test" });
  return answer.citations[0]?.sentence ?? answer.text;
}

describe("REFRESH_INTERVAL_MINUTES", () => {
  const env = (value: string) => ({ DATA_DIR: "d", CORPUS_DIR: "c", REFRESH_INTERVAL_MINUTES: value });

  it("is off by default and takes whole minutes from 5 to a week", () => {
    expect(loadCoreConfig({}).refreshIntervalMinutes).toBe(0);
    expect(loadCoreConfig(env("0")).refreshIntervalMinutes).toBe(0);
    expect(loadCoreConfig(env("60")).refreshIntervalMinutes).toBe(60);
    expect(loadCoreConfig(env("10080")).refreshIntervalMinutes).toBe(10_080);
  });

  it.each(["3", "1.5", "hourly", "20000", "-5"])("refuses %s and says how to fix it", (value) => {
    let error: unknown;
    try {
      loadCoreConfig(env(value));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(
      "REFRESH_INTERVAL_MINUTES: expected whole minutes from 5 to 10080 (a week), e.g. 60 for hourly; 0 or empty turns the schedule off",
    );
  });
});

describe("backoff", () => {
  it("doubles the wait per failure in a row, up to eight intervals and at most a day (never below one interval)", () => {
    const minute = 60_000;
    expect([0, 1, 2, 3, 4, 10].map((failures) => backoffDelayMs(15 * minute, failures) / minute)).toEqual([15, 30, 60, 120, 120, 120]);
    expect([0, 1, 2, 3].map((failures) => backoffDelayMs(360 * minute, failures) / minute)).toEqual([360, 720, 1440, 1440]);
    expect([0, 5].map((failures) => backoffDelayMs(10_080 * minute, failures) / minute)).toEqual([10_080, 10_080]);
  });
});

describe("the scheduled check of URL sources", () => {
  it("is absent from status() when off, and shows the interval and the next check when on", async () => {
    const off = await fixture.open(undefined, { config: { ...fixture.config, refreshIntervalMinutes: 0 } });
    expect(off.status().schedule).toBeUndefined();
    const on = await openScheduled();
    expect(on.status().schedule).toEqual({
      intervalMinutes: 15,
      lastCheck: undefined,
      nextCheckAt: new Date(clock.now() + 15 * 60_000).toISOString(),
      consecutiveFailures: 0,
    });
  });

  it("refreshes only when the article text changed: 200 same text, 304, changed text, each audited once by schedule", async () => {
    const core = await openWithArticle();
    expect(await harbourAnswer(core)).toContain("Den Helder");
    const fetchesBefore = site.live.requests.length;

    // First check: no validators known yet, so an unconditional fetch; the text equals the corpus file.
    await clock.advanceMinutes(15);
    expect(site.live.requests.slice(fetchesBefore)).toEqual([{ status: 200 }]);
    expect(core.status().schedule?.lastCheck).toMatchObject({ outcome: "unchanged" });

    // Second: a conditional request naming the revision; the publisher answers 304.
    await clock.advanceMinutes(15);
    expect(site.live.requests.at(-1)).toEqual({ ifNoneMatch: '"rev-1"', ifModifiedSince: "Fri, 14 Oct 2022 09:31:00 GMT", status: 304 });
    expect(core.status().schedule?.lastCheck).toMatchObject({ outcome: "not-modified" });
    expect(core.status().corpusVersion).toBe(2);

    // The publisher corrects the article: one new version, and the bot answers from the new text.
    site.live.set(correctedHtml());
    await clock.advanceMinutes(15);
    expect(site.live.requests.at(-1)?.status).toBe(200);
    expect(core.status()).toMatchObject({ corpusVersion: 3, schedule: { lastCheck: { outcome: "refreshed", newVersion: 3 }, consecutiveFailures: 0 } });
    expect(await harbourAnswer(core)).toContain("Vlissingen");
    expect(await readFile(path.join(fixture.corpusDir, "127-0-0-1-artikel-live.md"), "utf8")).toContain("Vlissingen");

    // Next check: 304 again, nothing made.
    await clock.advanceMinutes(15);
    expect(core.status()).toMatchObject({ corpusVersion: 3, schedule: { lastCheck: { outcome: "not-modified" } } });

    const audit = await scheduleAudit();
    expect(audit.map((entry) => entry.check)).toEqual(["unchanged", "not-modified", "refreshed", "not-modified"]);
    expect(audit.map((entry) => [entry.oldVersion, entry.newVersion])).toEqual([
      [2, 2],
      [2, 2],
      [2, 3],
      [3, 3],
    ]);
    // A check that refreshed nothing is one small line: no counts, since nothing was built.
    expect(audit[0]).toEqual({
      at: expect.any(String),
      action: "refresh",
      by: { platform: "schedule" },
      sources: [`${site.url}/artikel/live`],
      result: "ok",
      oldVersion: 2,
      newVersion: 2,
      nothingChanged: true,
      check: "unchanged",
    });
    expect(audit[1]).toEqual({
      at: expect.any(String),
      action: "refresh",
      by: { platform: "schedule" },
      sources: [`${site.url}/artikel/live`],
      result: "ok",
      oldVersion: 2,
      newVersion: 2,
      nothingChanged: true,
      check: "not-modified",
    });
    expect(audit[2]).toMatchObject({
      result: "ok",
      nothingChanged: false,
      sources: [`${site.url}/artikel/live`],
      summary: { changed: 1, added: 0, removed: 0 },
    });
  });

  it("a page that changed around the article (another advert, a new ETag) is 'unchanged' and makes no version", async () => {
    const core = await openWithArticle();
    site.live.set(correctedHtml("Wintersport in Oostenrijk"));
    await clock.advanceMinutes(15);
    expect(core.status().corpusVersion).toBe(3);
    site.live.set(correctedHtml("Nog een andere advertentie"));
    await clock.advanceMinutes(15);
    expect(site.live.requests.at(-1)?.status).toBe(200);
    expect(core.status()).toMatchObject({ corpusVersion: 3, schedule: { lastCheck: { outcome: "unchanged" } } });
  });

  it("an edit waiting in the corpus folder is not built by a check that found the article unchanged", async () => {
    const core = await openWithArticle();
    const article = path.join(fixture.corpusDir, "2022-10-luchtafweer.md");
    await writeFile(article, (await readFile(article, "utf8")).replace("Niet alleen de Amerikanen", "Niet enkel de Amerikanen"));
    await clock.advanceMinutes(15);
    await clock.advanceMinutes(15);
    expect(core.status()).toMatchObject({ corpusVersion: 2, schedule: { lastCheck: { outcome: "not-modified" } } });
    expect(site.live.requests.map((request) => request.status)).toEqual([200, 200, 304]);
  });

  it("uses Last-Modified alone when the server sends no ETag", async () => {
    site.live.validators.etag = false;
    const core = await openWithArticle();
    await clock.advanceMinutes(15);
    await clock.advanceMinutes(15);
    expect(site.live.requests.at(-1)).toEqual({ ifModifiedSince: "Fri, 14 Oct 2022 09:31:00 GMT", status: 304 });
    expect(core.status().schedule?.lastCheck?.outcome).toBe("not-modified");
  });

  it("failures back off (one log line each), never touch the live version, and the first success resets them", async () => {
    const core = await openWithArticle();
    site.live.failWith(500);
    await clock.advanceMinutes(15);
    expect(core.status()).toMatchObject({ corpusVersion: 2, schedule: { consecutiveFailures: 1, lastCheck: { outcome: "failed" } } });
    expect(core.status().schedule?.lastCheck?.reason).toBe(`${site.url}/artikel/live answered HTTP 500.`);
    expect(core.status().schedule?.nextCheckAt).toBe(new Date(clock.now() + 30 * 60_000).toISOString());
    expect(await harbourAnswer(core)).toContain("Den Helder");

    // 15 minutes later is too early after a failure: nothing is asked of the publisher.
    const asked = site.live.requests.length;
    await clock.advanceMinutes(15);
    expect(site.live.requests.length).toBe(asked);
    await clock.advanceMinutes(15);
    expect(core.status().schedule).toMatchObject({ consecutiveFailures: 2 });
    expect(core.status().schedule?.nextCheckAt).toBe(new Date(clock.now() + 60 * 60_000).toISOString());

    site.live.failWith(undefined);
    site.live.set(correctedHtml());
    await clock.advanceMinutes(60);
    expect(core.status()).toMatchObject({ corpusVersion: 3, schedule: { consecutiveFailures: 0, lastCheck: { outcome: "refreshed" } } });

    const warnings = logLines.filter((line) => line.includes("scheduled source check failed"));
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toContain("(2 in a row)");
    const audit = await scheduleAudit();
    expect(audit.map((entry) => [entry.check, entry.result])).toEqual([
      ["failed", "failed"],
      ["failed", "failed"],
      ["refreshed", "ok"],
    ]);
    expect(audit[0]).toMatchObject({ error: { code: "SOURCE_HTTP_ERROR" }, oldVersion: 2, newVersion: 2 });
  });

  it("a page that is no longer an article fails the check; the live version stays", async () => {
    const core = await openWithArticle();
    site.live.set("<!doctype html><html><body><p>Inloggen</p></body></html>");
    await clock.advanceMinutes(15);
    expect(core.status()).toMatchObject({ corpusVersion: 2, schedule: { consecutiveFailures: 1, lastCheck: { outcome: "failed" } } });
    expect(await harbourAnswer(core)).toContain("Den Helder");
  });

  it("skips as 'busy' while a moderator's refresh runs, without fetching; the next check runs", async () => {
    const core = await openWithArticle();
    const slow = core.refresh({ platform: "test", userId: "mod", urls: [`${site.url}/traag`] });
    const asked = site.live.requests.length;
    await clock.advanceMinutes(15);
    expect(core.status().schedule?.lastCheck?.outcome).toBe("busy");
    expect(site.live.requests.length).toBe(asked);
    await slow;
    await clock.advanceMinutes(15);
    expect(core.status().schedule?.lastCheck?.outcome).not.toBe("busy");
    expect((await scheduleAudit())[0]).toMatchObject({ check: "busy", result: "failed", error: { code: "REFRESH_RUNNING" } });
  });

  it("a moderator's refresh is refused while a scheduled check runs", async () => {
    await writeFile(path.join(fixture.corpusDir, "sources.txt"), `${site.url}/traag\n`);
    const core = await openScheduled();
    const check = clock.advanceMinutes(15);
    for (let waited = 0; !site.requests.includes("/traag") && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(core.refresh({ platform: "test", userId: "mod" })).rejects.toMatchObject({ code: "REFRESH_RUNNING" });
    await check;
    expect(core.status()).toMatchObject({ corpusVersion: 2, schedule: { lastCheck: { outcome: "refreshed" } } });
  });

  it("close() waits for a check in progress to be recorded, and no check starts after it", async () => {
    await writeFile(path.join(fixture.corpusDir, "sources.txt"), `${site.url}/traag\n`);
    const core = await openScheduled();
    const check = clock.advanceMinutes(15);
    for (let waited = 0; !site.requests.includes("/traag") && waited < 5000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
    await core.close();
    // Recorded on disk too, so nothing writes into the data folder after close().
    const saved = JSON.parse(await readFile(path.join(fixture.dataDir, "source-schedule.json"), "utf8")) as { lastCheck?: { outcome: string } };
    expect(saved.lastCheck?.outcome).toBe("refreshed");
    await check;
    await clock.advanceMinutes(60);
    expect(site.requests.filter((request) => request === "/traag")).toHaveLength(1);
  });

  it("a rollback holds: the article the publisher has not changed since is not fetched back in", async () => {
    const core = await openWithArticle();
    site.live.set(correctedHtml());
    await clock.advanceMinutes(15);
    await clock.advanceMinutes(15);
    expect(core.status().corpusVersion).toBe(3);
    await core.refresh({ platform: "test", userId: "mod", action: "rollback" });
    expect(core.status().corpusVersion).toBe(2);
    await clock.advanceMinutes(15);
    expect(core.status()).toMatchObject({ corpusVersion: 2, schedule: { lastCheck: { outcome: "not-modified" } } });
    expect(await harbourAnswer(core)).toContain("Den Helder");
  });

  it("with no URL in sources.txt there is nothing to check and nothing is recorded", async () => {
    await writeFile(path.join(fixture.corpusDir, "sources.txt"), "# nog geen links\n");
    const core = await openScheduled();
    await clock.advanceMinutes(45);
    expect(core.status().schedule?.lastCheck).toBeUndefined();
    expect(site.live.requests).toEqual([]);
  });
});

describe("several processes on one DATA_DIR", () => {
  it("check once per interval between them, and each shows the last check", async () => {
    const first = await openWithArticle();
    const second = await openScheduled();
    const asked = site.live.requests.length;
    await clock.advanceMinutes(15);
    expect(site.live.requests.length).toBe(asked + 1);
    expect(second.status().schedule?.lastCheck).toEqual(first.status().schedule?.lastCheck);
    expect(first.status().schedule?.lastCheck?.outcome).toBe("unchanged");
  });

  it("a process that does not run the schedule follows the shared state for status()", async () => {
    const config = { ...fixture.config, watchIntervalMs: 20 };
    const runner = await fixture.open(undefined, { config, schedule: { run: true, clock } });
    await runner.refresh({ platform: "test" });
    const follower = await fixture.open(undefined, { config, schedule: { run: false, clock } });
    expect(follower.status().schedule?.lastCheck).toBeUndefined();
    await clock.advanceMinutes(15);
    const deadline = Date.now() + 5000;
    while (!follower.status().schedule?.lastCheck && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(follower.status().schedule).toMatchObject({ lastCheck: { outcome: "unchanged" }, nextCheckAt: runner.status().schedule?.nextCheckAt });
  });

  it("a restart keeps the backoff", async () => {
    const core = await openWithArticle();
    site.live.failWith(503);
    await clock.advanceMinutes(15);
    await core.close();
    const restarted = await openScheduled();
    expect(restarted.status().schedule).toMatchObject({ consecutiveFailures: 1, nextCheckAt: new Date(clock.now() + 30 * 60_000).toISOString() });
  });
});

describe("one refresh at a time across processes", () => {
  it("a check while `npm run ingest` builds in another process is skipped as busy, and the next one runs", async () => {
    const core = await openWithArticle();
    await writeFile(path.join(fixture.corpusDir, "brug.md"), "De nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers en voetgangers.\n");
    const ingest = await ingestPausedInEmbedding();
    try {
      const asked = site.live.requests.length;
      await clock.advanceMinutes(15);
      expect(core.status().schedule?.lastCheck?.outcome).toBe("busy");
      expect(site.live.requests.length).toBe(asked);
    } finally {
      ingest.kill("SIGKILL");
      await new Promise((resolve) => ingest.once("exit", resolve));
    }
    // The killed ingest's lock names a dead process: the next check takes it over and runs.
    await clock.advanceMinutes(15);
    expect(core.status().schedule?.lastCheck?.outcome).toBe("unchanged");
    expect((await scheduleAudit()).map((entry) => entry.check)).toEqual(["busy", "unchanged"]);
  }, 60_000);

  it("two schedules on one data folder never check at the same time (the lease)", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-lease-"));
    let release!: () => void;
    const calls: string[] = [];
    const blocked: ScheduledRun = { outcome: "unchanged", sources: {} };
    const open = (name: string, check: () => Promise<ScheduledRun>) =>
      SourceSchedule.open({ dataDir, intervalMinutes: 15, clock, logger: logger(), watchIntervalMs: 0, check: () => (calls.push(name), check()) });
    try {
      const first = await open("first", () => new Promise((resolve) => (release = () => resolve(blocked))));
      const second = await open("second", () => Promise.resolve(blocked));
      await clock.advanceMinutes(15);
      const running = first.tick();
      while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      await second.tick();
      expect(calls).toEqual(["first"]);
      release();
      await running;
      await second.tick();
      expect(calls).toEqual(["first"]);
      expect(second.status().lastCheck).toEqual(first.status().lastCheck);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** `npm run ingest` (from source) on the fixture's folders, stopped inside its embedding phase. */
async function ingestPausedInEmbedding() {
  // node with tsx's loader, not the tsx binary: one process, so the kill reaches the one holding the lock.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "adapters/cli/ingest.ts")], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: fixture.dataDir,
      CORPUS_DIR: fixture.corpusDir,
      EMBEDDINGS_PROVIDER: "hashing",
      DICTIONARY_DIR: "off",
      FETCH_ALLOW_PRIVATE_NETWORKS: "true",
      LOG_LEVEL: "warn",
      NIEUWSBOT_TEST_PAUSE_PHASE: "embedding",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`ingest did not reach its embedding phase in 30 s:\n${stderr}`)), 30_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (stderr.includes("phase embedding")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`ingest exited (${code}) before its embedding phase:\n${stderr}`)));
  });
  return child;
}
