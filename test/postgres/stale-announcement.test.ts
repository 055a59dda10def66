import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { sharedStores } from "../../src/app/shared-stores.js";
import { silentLogger } from "../../src/logging/logger.js";
import { coreFixture, CountingEmbedder, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";

const bridge = "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.";

/**
 * A replica busy with a refresh hears of versions it can only follow afterwards. By then the first
 * one it heard may be stale; it must not switch back to it for a moment on its way to the newest.
 * The listener's hand-over is driven directly here, with the version a delayed announcement carries.
 */
describe.skipIf(!postgresAvailable)("a stale version announcement", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  let core: Core;

  beforeAll(async () => {
    const host = await coreFixture();
    fixtures.push(host);
    const embedder = new CountingEmbedder(host.config.embeddings.hashingDimensions);
    core = await host.open(embedder, { shared: sharedStores(db.open({ applicationName: "stale" }), host.dataDir, embedder, silentLogger) });
    const report = await core.refresh({ platform: "discord", userId: "mod", upload: { fileName: "Brug.md", bytes: new TextEncoder().encode(bridge) } });
    expect(report.newVersion).toBe(2);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(fixtures.map((fixture) => fixture.cleanup()));
  });

  it("is not followed once the database has moved on, while the current one still is", async () => {
    const adopt = (version: number) => (core as unknown as { adoptShared(version: number): Promise<void> }).adoptShared(version);
    await adopt(1);
    expect(core.status().corpusVersion).toBe(2);
    // A rollback elsewhere makes v1 current again: then it is followed.
    await db.admin("UPDATE current_corpus_version SET version = 1");
    await adopt(1);
    expect(core.status().corpusVersion).toBe(1);
  });
});
