import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { sharedStores } from "../../src/app/shared-stores.js";
import { silentLogger } from "../../src/logging/logger.js";
import { coreFixture, CountingEmbedder, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { ReplicaProcess } from "../helpers/replica-process.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { until } from "../helpers/until.js";

const bridge = "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.";
const bridgeQuestion = "Wanneer gaat de brug bij Nijmegen open voor fietsers?";

/**
 * A brand-new host (empty DATA_DIR) starting while the database is down — a loopback proxy that
 * refuses every connection stands in for a stopped server, then forwards again as one that started.
 * Host A, a core in this process, has made the record's versions before.
 */
describe.skipIf(!postgresAvailable)("a new host starting while the shared database is down", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  let a: Core;
  let proxy: TcpProxy;
  let fresh: ReplicaProcess | undefined;

  beforeAll(async () => {
    const hostA = await coreFixture();
    fixtures.push(hostA);
    const embedder = new CountingEmbedder(hostA.config.embeddings.hashingDimensions);
    const shared = sharedStores(db.open({ applicationName: "host-a" }), hostA.dataDir, embedder, silentLogger);
    shared.listener = { initialRetryMs: 50, heartbeatMs: 500 };
    a = await hostA.open(embedder, { shared });
    const report = await a.refresh({ platform: "discord", userId: "mod-a", upload: { fileName: "Brug Nijmegen.md", bytes: new TextEncoder().encode(bridge) } });
    expect(report.newVersion).toBe(2);
    proxy = await TcpProxy.start(Number(new URL(db.url).port));
  }, 60_000);
  afterAll(async () => {
    await fresh?.stop();
    await proxy?.close();
    await Promise.all(fixtures.map((fixture) => fixture.cleanup()));
  });

  it("answers from its own corpus folder as local version v0, refuses refreshes, and switches to the record's version when the database starts", async () => {
    proxy.refuse();
    const host = await coreFixture();
    fixtures.push(host);
    fresh = await ReplicaProcess.start("new host", {
      DATABASE_URL: proxy.through(db.url),
      DATA_DIR: host.dataDir,
      CORPUS_DIR: host.corpusDir,
      EMBEDDINGS_PROVIDER: "hashing",
    });
    expect(fresh.startVersion).toBe(0);
    expect(fresh.log.match(/answering from its own corpus folder as local version v0/g)).toHaveLength(1);

    const answer = await fresh.ask("Welk luchtafweersysteem levert Duitsland?");
    if (!answer.ok) throw new Error(answer.error.message);
    expect(answer.result).toMatchObject({ abstained: false, corpusVersion: 0 });
    expect(answer.result.text).toContain("Iris-T");
    const refused = await fresh.refresh({
      platform: "telegram",
      userId: "mod-new",
      upload: { fileName: "Dijk.md", text: "De dijk bij Deventer wordt verhoogd." },
    });
    expect(refused.ok ? "ok" : refused.error.code).toBe("REFRESH_DATABASE_DOWN");

    proxy.forward();
    const caughtUp = await until(
      async () => {
        const reply = await fresh!.ask(bridgeQuestion);
        return reply.ok && reply.result.corpusVersion === 2 ? reply.result : undefined;
      },
      25_000,
      "the new host switching to the record's version",
    );
    expect(caughtUp.citations[0]?.sentence).toContain("maart");
    expect(await readFile(path.join(host.corpusDir, "brug-nijmegen.md"), "utf8")).toBe(bridge);
    expect(fresh.log).toContain("serving corpus version v2 of the shared database");

    // From then on it follows the record like any replica.
    const next = await a.refresh({ platform: "discord", userId: "mod-a", action: "rollback" });
    await until(
      async () => {
        const status = await fresh!.status();
        return status.ok && status.result.corpusVersion === next.newVersion ? true : undefined;
      },
      10_000,
      "the new host following a rollback",
    );
  }, 90_000);
});
