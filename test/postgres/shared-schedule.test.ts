import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { sharedStores } from "../../src/app/shared-stores.js";
import { silentLogger } from "../../src/logging/logger.js";
import { SourceSchedule, type ScheduledRun } from "../../src/refresh/source-schedule.js";
import { SharedScheduleStore } from "../../src/shared-state/source-schedule.js";
import { articlePageHtml, startNewsSite, type NewsSite } from "../fakes/news-site.js";
import { coreFixture, CountingEmbedder, type CoreFixture } from "../helpers/core-fixture.js";
import { ManualClock } from "../helpers/manual-clock.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { until } from "../helpers/until.js";

const minute = 60_000;
const scheduleEnv = { FETCH_ALLOW_PRIVATE_NETWORKS: "true", FETCH_TIMEOUT_MS: "5000", INDEX_WATCH_INTERVAL_MS: "0", REFRESH_INTERVAL_MINUTES: "15" };

/**
 * The scheduled re-fetch of URL sources on two hosts (cores in this process, each with its own
 * DATA_DIR and corpus folder, one database) that both set REFRESH_INTERVAL_MINUTES=15: they keep one
 * schedule. One manual clock drives both, so nothing waits minutes; the fake news site counts fetches.
 */
describe.skipIf(!postgresAvailable)("one source schedule for every host (shared mode)", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  const clock = new ManualClock();
  let site: NewsSite;
  let a: Core;
  let b: Core;

  const open = async (name: string, before?: (fixture: CoreFixture) => Promise<void>) => {
    const fixture = await coreFixture(scheduleEnv);
    fixtures.push(fixture);
    await before?.(fixture);
    const embedder = new CountingEmbedder(fixture.config.embeddings.hashingDimensions);
    const shared = sharedStores(db.open({ applicationName: name }), fixture.dataDir, embedder, silentLogger);
    shared.listener = { initialRetryMs: 50, heartbeatMs: 500 };
    return fixture.open(embedder, { shared, schedule: { run: true, clock } });
  };
  const scheduleAudit = async () =>
    (await db.admin<{ entry: { by: { platform: string }; check?: string } }>("SELECT entry FROM audit_log ORDER BY at, id")).rows
      .map((row) => row.entry)
      .filter((entry) => entry.by.platform === "schedule");

  beforeAll(async () => {
    site = await startNewsSite();
    // Host A seeds the record with a sources.txt listing the live article, and fetches it (v2).
    a = await open("host-a", (fixture) => writeFile(path.join(fixture.corpusDir, "sources.txt"), `${site.url}${site.live.path}\n`));
    expect((await a.refresh({ platform: "test", userId: "mod" })).newVersion).toBe(2);
    // Host B starts five minutes later: on its own state its first check would come at minute 20.
    await clock.advanceMinutes(5);
    b = await open("host-b");
    expect(b.status().corpusVersion).toBe(2);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(fixtures.map((fixture) => fixture.cleanup()));
    await site?.close();
  });

  it("a host whose interval comes due skips the fetch when another host checked within it; one check per interval between them", async () => {
    const fetched = site.live.requests.length;
    await clock.advanceMinutes(10);
    // Minute 15: A's interval is due; it checks (the page comes back with the text the corpus has).
    expect(site.live.requests.length).toBe(fetched + 1);
    const checkedByA = a.status().schedule?.lastCheck;
    expect(checkedByA).toMatchObject({ outcome: "unchanged" });

    await clock.advanceMinutes(5);
    // Minute 20: B's own interval comes due, but A checked 5 minutes ago: no fetch, and B shows A's check.
    expect(site.live.requests.length).toBe(fetched + 1);
    expect(b.status().schedule?.lastCheck).toEqual(checkedByA);
    expect(b.status().schedule?.nextCheckAt).toBe(new Date(Date.parse(checkedByA!.at) + 15 * minute).toISOString());

    await clock.advanceMinutes(10);
    // Minute 30: both are due; one asks the publisher (with the validators A's check stored), the other skips.
    expect(site.live.requests.slice(fetched + 1)).toEqual([{ ifNoneMatch: '"rev-1"', ifModifiedSince: "Fri, 14 Oct 2022 09:31:00 GMT", status: 304 }]);
    expect(a.status().schedule?.lastCheck).toMatchObject({ outcome: "not-modified" });
    expect(b.status().schedule?.lastCheck).toEqual(a.status().schedule?.lastCheck);

    const stored = await db.admin<{ state: { lastCheck: { outcome: string } } }>("SELECT state FROM source_schedule");
    expect(stored.rows.map((row) => row.state.lastCheck.outcome)).toEqual(["not-modified"]);
    expect((await scheduleAudit()).map((entry) => entry.check)).toEqual(["unchanged", "not-modified"]);
  });

  it("the publisher's correction is fetched once and becomes one version, which both hosts serve", async () => {
    site.live.set(
      articlePageHtml("Nederland stuurt extra mijnenjagers naar de Oostzee", [
        "Het ministerie van Defensie stuurt volgende week twee extra mijnenjagers naar de Oostzee om de onderzeese infrastructuur te bewaken, zo maakte de minister donderdag bekend.",
        "De schepen vertrekken vanuit de marinehaven in Vlissingen en blijven naar verwachting zes maanden in het gebied, waar ze samenwerken met Duitse en Deense eenheden.",
        "Aanleiding is de schade aan de gaspijpleidingen eind september, die volgens de NAVO het gevolg was van sabotage. Onderzoekers proberen nog altijd te achterhalen wie erachter zat.",
      ]),
    );
    const fetched = site.live.requests.length;
    await clock.advanceMinutes(15);
    expect(site.live.requests.length).toBe(fetched + 1);
    expect(a.status().schedule?.lastCheck, a.status().schedule?.lastCheck?.reason).toMatchObject({ outcome: "refreshed", newVersion: 3 });
    await until(() => (b.status().corpusVersion === 3 ? true : undefined), 5000, "B following the scheduled refresh");
    expect((await scheduleAudit()).map((entry) => entry.check)).toEqual(["unchanged", "not-modified", "refreshed"]);
  });
});

describe.skipIf(!postgresAvailable)("the shared schedule's lease", () => {
  const db = useTestDatabase();

  it("lets one host check at a time: a second host's due check is skipped while the first runs, and then sees its result", async () => {
    const clock = new ManualClock();
    let release!: () => void;
    const calls: string[] = [];
    const result: ScheduledRun = { outcome: "unchanged", sources: {} };
    const open = (name: string, check: () => Promise<ScheduledRun>) =>
      SourceSchedule.open({
        dataDir: "unused-in-shared-mode",
        store: new SharedScheduleStore(db.open({ applicationName: name })),
        intervalMinutes: 15,
        clock,
        logger: silentLogger,
        watchIntervalMs: 0,
        check: () => (calls.push(name), check()),
      });
    const first = await open("lease-a", () => new Promise((resolve) => (release = () => resolve(result))));
    const second = await open("lease-b", () => Promise.resolve(result));
    await clock.advanceMinutes(15);
    const running = first.tick();
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await second.tick();
    expect(calls).toEqual(["lease-a"]);
    release();
    await running;
    await second.tick();
    expect(calls).toEqual(["lease-a"]);
    expect(second.status().lastCheck).toEqual(first.status().lastCheck);
    await Promise.all([first.stop(), second.stop()]);
  });
});
