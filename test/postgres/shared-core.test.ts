import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { sharedStores } from "../../src/app/shared-stores.js";
import { silentLogger } from "../../src/logging/logger.js";
import { coreFixture, CountingEmbedder, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { until } from "../helpers/until.js";

const bridge = new TextEncoder().encode("---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.");
const bridgeQuestion = "Wanneer gaat de brug bij Nijmegen open voor fietsers?";

/** Embeds like the hashing embedder, but can be made to stop at its next batch of passages until opened. */
class GatedEmbedder extends CountingEmbedder {
  private gate: Promise<void> | undefined;
  private arrived: (() => void) | undefined;
  close(): { reached: Promise<void>; open: () => void } {
    let open!: () => void;
    this.gate = new Promise((resolve) => (open = resolve));
    const reached = new Promise<void>((resolve) => (this.arrived = resolve));
    return { reached, open };
  }
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.arrived?.();
    await this.gate;
    return super.embedDocuments(texts);
  }
}

/** Cores in one test process, each with its own corpus folder and DATA_DIR, on one database: replicas in miniature. */
describe.skipIf(!postgresAvailable)("Core in shared mode (replicas in one process)", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  afterAll(async () => Promise.all(fixtures.map((fixture) => fixture.cleanup())));

  async function replica(name: string): Promise<{ core: Core; embedder: CountingEmbedder; fixture: CoreFixture }> {
    const fixture = await coreFixture();
    fixtures.push(fixture);
    const embedder = new CountingEmbedder(fixture.config.embeddings.hashingDimensions);
    const shared = sharedStores(db.open({ applicationName: name }), fixture.dataDir, embedder, silentLogger);
    shared.listener = { initialRetryMs: 50, heartbeatMs: 500 };
    return { core: await fixture.open(embedder, { shared }), embedder, fixture };
  }

  let a: Awaited<ReturnType<typeof replica>>;
  let b: Awaited<ReturnType<typeof replica>>;

  it("seeds the empty database from the first replica; the second embeds nothing and reports the same version", async () => {
    a = await replica("replica-a");
    expect(a.core.status().corpusVersion).toBe(1);
    expect(a.embedder.embedded).toBeGreaterThan(0);
    b = await replica("replica-b");
    expect(b.core.status().corpusVersion).toBe(1);
    expect(b.embedder.embedded).toBe(0);
    // The seed is audited once, by the replica that made it, and /status names it on both.
    expect((await b.core.fullStatus()).lastRefresh).toMatchObject({ action: "refresh", newVersion: 1, by: { platform: "startup" } });
  });

  it("answers an upload made on A from B, with the database's version number", async () => {
    const report = await a.core.refresh({ platform: "discord", userId: "7", upload: { fileName: "Brug Nijmegen.md", bytes: bridge } });
    expect(report.newVersion).toBe(2);
    const answer = await until(async () => {
      const reply = await b.core.ask(bridgeQuestion, { platform: "test" });
      return reply.corpusVersion === 2 ? reply : undefined;
    }, 3000);
    expect(answer.citations[0]!.sentence).toContain("maart");
    expect(await readFile(path.join(b.fixture.corpusDir, "brug-nijmegen.md"), "utf8")).toContain("Waal bij Nijmegen");
    const audit = await db.admin<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'refresh' AND result = 'ok'");
    expect(Number(audit.rows[0]!.n)).toBe(2);
  });

  it("rolls every replica back when one rolls back", async () => {
    const report = await b.core.refresh({ platform: "telegram", action: "rollback" });
    expect(report.newVersion).toBe(1);
    await until(async () => (a.core.status().corpusVersion === 1 ? true : undefined), 3000);
    expect((await a.core.ask(bridgeQuestion, { platform: "test" })).citations.some((citation) => citation.sentence.includes("maart"))).toBe(false);
    expect((await a.core.fullStatus()).lastRefresh).toMatchObject({ action: "rollback", newVersion: 1 });
  });

  it("joins with a DATA_DIR used in file mode: a saved version of the same corpus is reused, stale numbers are replaced", async () => {
    const fixture = await coreFixture();
    fixtures.push(fixture);
    const fileMode = await fixture.open();
    for (const name of ["een.md", "twee.md"]) {
      await fileMode.refresh({
        platform: "test",
        upload: { fileName: name, bytes: new TextEncoder().encode(`---\ntitle: ${name}\n---\nDe veerpont ${name} vaart.`) },
      });
    }
    expect(fileMode.status().corpusVersion).toBe(3);
    await fileMode.close();
    const embedder = new CountingEmbedder(fixture.config.embeddings.hashingDimensions);
    const shared = sharedStores(db.open({ applicationName: "replica-f" }), fixture.dataDir, embedder, silentLogger);
    const core = await fixture.open(embedder, { shared });
    // The database's v1 is the shipped corpus, which this DATA_DIR's own v1 was built from too.
    expect(core.status().corpusVersion).toBe(1);
    expect(embedder.embedded).toBe(0);
    // The next version is v3 in the database; the file-mode v3 here is another corpus and is replaced.
    const report = await core.refresh({ platform: "test", upload: { fileName: "Brug Nijmegen.md", bytes: bridge } });
    expect(report.newVersion).toBe(3);
    expect((await core.ask(bridgeQuestion, { platform: "test" })).citations[0]!.sentence).toContain("maart");
    await until(async () => (a.core.status().corpusVersion === 3 ? true : undefined), 3000);
  });

  it("does not commit a refresh whose lock the database dropped midway, and says why", async () => {
    const fixture = await coreFixture();
    fixtures.push(fixture);
    const embedder = new GatedEmbedder(fixture.config.embeddings.hashingDimensions);
    const shared = sharedStores(db.open({ applicationName: "replica-g" }), fixture.dataDir, embedder, silentLogger);
    shared.listener = { initialRetryMs: 50, heartbeatMs: 500 };
    const core = await fixture.open(embedder, { shared });
    const before = core.status().corpusVersion;
    const gate = embedder.close();
    const refresh = core.refresh({
      platform: "test",
      userId: "mod-g",
      upload: { fileName: "Sluis.md", bytes: new TextEncoder().encode("---\ntitle: Sluis\n---\nDe sluis bij Terneuzen gaat in juni open.") },
    });
    await gate.reached;
    // The server ends every session of this replica, the one holding the advisory lock among them.
    expect(await db.terminate("replica-g")).toBeGreaterThan(0);
    gate.open();
    await expect(refresh).rejects.toMatchObject({ code: "REFRESH_DATABASE_DOWN" });
    const pointer = await db.admin<{ version: number }>("SELECT version FROM current_corpus_version");
    expect(pointer.rows[0]!.version).toBe(before);
    expect(core.status().corpusVersion).toBe(before);
    await until(async () => {
      const entries = await db.admin<{ entry: { by: { userId?: string }; error?: { code: string } } }>("SELECT entry FROM audit_log");
      return entries.rows.find((row) => row.entry.by.userId === "mod-g")?.entry.error?.code;
    }, 10_000);
  });
});
