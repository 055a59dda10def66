import { readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { ReplicaProcess } from "../helpers/replica-process.js";
import { runScript } from "../helpers/run-script.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { until } from "../helpers/until.js";

const bridge = { fileName: "Brug Nijmegen.md", text: "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers." };
const bridgeQuestion = "Wanneer gaat de brug bij Nijmegen open voor fietsers?";
const ferry = { fileName: "Veer.md", text: "---\ntitle: Veer\n---\nHet pontveer bij Kampen vaart deze zomer elk half uur naar de overkant." };
const dike = { fileName: "Dijk.md", text: "---\ntitle: Dijk\n---\nDe dijk langs de IJssel bij Deventer wordt twee meter verhoogd." };

/**
 * Separate processes with separate DATA_DIRs and corpus folders and one PostgreSQL database stand in
 * for replicas on separate hosts (issue 14). The tests run in order on one database: each builds on
 * the corpus versions the previous ones made.
 */
describe.skipIf(!postgresAvailable)("replicas on several hosts (child processes, one database)", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  const replicas: ReplicaProcess[] = [];
  let proxy: TcpProxy | undefined;
  let a: ReplicaProcess;
  let b: ReplicaProcess;

  async function startReplica(name: string, databaseUrl = db.url, host?: CoreFixture): Promise<ReplicaProcess> {
    const fixture = host ?? (await coreFixture());
    if (!host) fixtures.push(fixture);
    const replica = await ReplicaProcess.start(name, {
      DATABASE_URL: databaseUrl,
      DATA_DIR: fixture.dataDir,
      CORPUS_DIR: fixture.corpusDir,
      EMBEDDINGS_PROVIDER: "hashing",
    });
    replicas.push(replica);
    return replica;
  }

  const auditRows = async () =>
    (
      await db.admin<{ entry: { action: string; result: string; by: { userId?: string }; error?: { code: string }; newVersion: number } }>(
        "SELECT entry FROM audit_log ORDER BY at, id",
      )
    ).rows.map((row) => row.entry);

  beforeAll(async () => {
    [a, b] = await Promise.all([startReplica("A"), startReplica("B")]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await proxy?.close();
    await Promise.all(fixtures.map((fixture) => fixture.cleanup()));
  });

  it("starts both replicas on the one seeded version", () => {
    expect([a.startVersion, b.startVersion]).toEqual([1, 1]);
  });

  it("answers a document uploaded on A from B within 3 s, with the same version number", async () => {
    const report = await a.refresh({ platform: "discord", userId: "mod-a", upload: bridge });
    if (!report.ok) throw new Error(report.error.message);
    const committed = Date.now();
    const answer = await until(
      async () => {
        const reply = await b.ask(bridgeQuestion);
        return reply.ok && reply.result.corpusVersion === report.result.newVersion ? reply.result : undefined;
      },
      3000,
      "B answering from the upload",
    );
    expect(Date.now() - committed).toBeLessThan(3000);
    expect(answer.citations[0]?.sentence).toContain("maart");
    expect(report.result.newVersion).toBe(2);
  });

  it("runs one of two refreshes started at once on A and B and refuses the other; the database's audit shows both", async () => {
    await Promise.all([a.pauseNextSave(1500), b.pauseNextSave(1500)]);
    const [fromA, fromB] = await Promise.all([
      a.refresh({ platform: "discord", userId: "mod-a", upload: ferry }),
      b.refresh({ platform: "telegram", userId: "mod-b", upload: dike }),
    ]);
    const outcomes = [fromA, fromB].map((reply) => (reply.ok ? "ok" : reply.error.code));
    expect(outcomes.sort()).toEqual(["REFRESH_RUNNING", "ok"]);
    const lastTwo = (await auditRows()).slice(-2);
    expect(lastTwo.map((entry) => entry.by.userId).sort()).toEqual(["mod-a", "mod-b"]);
    expect(lastTwo.map((entry) => entry.error?.code ?? entry.result).sort()).toEqual(["REFRESH_RUNNING", "ok"]);
  });

  it("lets a third replica join cold without embedding a passage, and answer", async () => {
    const current = await until(
      async () => (await db.admin<{ version: number }>("SELECT version FROM current_corpus_version")).rows[0]?.version,
      1000,
      "pointer",
    );
    const c = await startReplica("C");
    expect(c.startVersion).toBe(current);
    expect(c.log).toContain(`serving corpus version v${current} of the shared database (0 passages embedded here)`);
    const reply = await c.ask(bridgeQuestion);
    expect(reply.ok && reply.result.citations[0]?.sentence).toContain("maart");
  });

  it("lets the ingest CLI (npm run ingest) on a host import a change of that host's corpus folder, which every replica then answers from", async () => {
    const c = replicas.at(-1)!;
    const host = fixtures.at(-1)!;
    await writeFile(path.join(host.corpusDir, "sluis.md"), "---\ntitle: Sluis\n---\nDe sluis bij Terneuzen is vanaf juni weer open voor de binnenvaart.");
    const env = { DATABASE_URL: db.url, DATA_DIR: host.dataDir, CORPUS_DIR: host.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "warn" };
    const ingest = await runScript("adapters/cli/ingest.ts", [], { env, timeoutMs: 60_000 });
    expect(ingest.code, ingest.stderr).toBe(0);
    const version = (await db.admin<{ version: number }>("SELECT version FROM current_corpus_version")).rows[0]!.version;
    expect(ingest.stdout).toContain(`v${version}`);
    for (const replica of [a, c]) {
      const reply = await until(
        async () => {
          const answer = await replica.ask("Wanneer gaat de sluis bij Terneuzen weer open?");
          return answer.ok && answer.result.corpusVersion === version ? answer.result : undefined;
        },
        3000,
        `replica ${replica.name} answering from the ingested file`,
      );
      expect(reply.citations[0]?.sentence).toContain("juni");
    }
  }, 90_000);

  it("keeps answering with the database down, refuses a refresh with the reason, and lands its audit entry once when it returns", async () => {
    proxy = await TcpProxy.start(Number(new URL(db.url).port));
    const d = await startReplica("D", proxy.through(db.url));
    const before = d.startVersion;
    proxy.refuse();
    const answer = await d.ask(bridgeQuestion);
    expect(answer.ok && answer.result.corpusVersion).toBe(before);
    const refused = await d.refresh({ platform: "discord", userId: "mod-d", upload: bridge });
    expect(refused.ok ? "ok" : refused.error.code).toBe("REFRESH_DATABASE_DOWN");
    expect((await d.ask(bridgeQuestion)).ok).toBe(true);
    // /status still answers (without the last refresh), and asking it again logs nothing new.
    for (let i = 0; i < 2; i++) expect((await d.status()).ok).toBe(true);
    const downEntries = async () => (await auditRows()).filter((entry) => entry.error?.code === "REFRESH_DATABASE_DOWN").length;
    expect(await downEntries()).toBe(0);
    // A replica that still reaches the database makes a version meanwhile: D catches up on it once back.
    const meanwhile = await a.refresh({
      platform: "discord",
      userId: "mod-a",
      upload: { fileName: "Haven.md", text: "---\ntitle: Haven\n---\nDe haven van Harlingen krijgt een nieuwe kade voor de veerboten." },
    });
    if (!meanwhile.ok) throw new Error(meanwhile.error.message);
    const cutOff = await d.ask(bridgeQuestion);
    expect(cutOff.ok && cutOff.result.corpusVersion).toBe(before);
    proxy.forward();
    await until(async () => ((await downEntries()) > 0 ? true : undefined), 15_000, "the queued audit entry landing");
    // One more retry period: a second flush must not store it again.
    await new Promise((resolve) => setTimeout(resolve, 6000));
    expect(await downEntries()).toBe(1);
    const outbox = await readdir(path.join(fixtures.at(-1)!.dataDir, "outbox"));
    expect(outbox).toEqual([]);
    await until(
      async () => {
        const status = await d.status();
        return status.ok && status.result.corpusVersion === meanwhile.result.newVersion ? true : undefined;
      },
      15_000,
      "D catching up on the version made while it was cut off",
    );
    // One line when the database went and one when it came back, however many writes failed between.
    expect(d.log.match(/shared database \S+ unreachable/g)).toHaveLength(1);
    expect(d.log.match(/shared database \S+ reachable again/g)).toHaveLength(1);
    expect(d.log).not.toContain("could not read the audit log");
  }, 60_000);

  it("starts a replica while the database is down from its saved version, and catches up when it returns", async () => {
    const d = replicas.at(-1)!;
    const host = fixtures.at(-1)!;
    const served = await d.ask(bridgeQuestion);
    const version = served.ok ? served.result.corpusVersion : -1;
    await d.stop();
    proxy!.refuse();
    const restarted = await startReplica("D again", proxy!.through(db.url), host);
    expect(restarted.startVersion).toBe(version);
    const answer = await restarted.ask(bridgeQuestion);
    expect(answer.ok && answer.result.corpusVersion).toBe(version);
    const meanwhile = await a.refresh({
      platform: "discord",
      userId: "mod-a",
      upload: { fileName: "Kade.md", text: "---\ntitle: Kade\n---\nDe kade in Vlissingen wordt in het najaar verlengd." },
    });
    if (!meanwhile.ok) throw new Error(meanwhile.error.message);
    proxy!.forward();
    await until(
      async () => {
        const reply = await restarted.ask(bridgeQuestion);
        return reply.ok && reply.result.corpusVersion === meanwhile.result.newVersion ? true : undefined;
      },
      25_000,
      "the restarted replica catching up",
    );
  }, 60_000);
});
