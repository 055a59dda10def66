import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshFailureText } from "../../src/answer/refresh-messages.js";
import { bootstrap } from "../../src/app/bootstrap.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { sharedStores } from "../../src/app/shared-stores.js";
import { IndexRepository } from "../../src/index/index-repository.js";
import { silentLogger } from "../../src/logging/logger.js";
import { coreFixture, CountingEmbedder, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { runScript } from "../helpers/run-script.js";
import { until } from "../helpers/until.js";

const encode = (text: string) => new TextEncoder().encode(text);
const ferry = (when: string) => `---\ntitle: Veer\n---\nHet pontveer bij Kampen vaart ${when} elk half uur naar de overkant.`;
const dike = "---\ntitle: Dijk\n---\nDe dijk langs de IJssel bij Deventer wordt twee meter verhoogd.";

/**
 * `npm run ingest` on a host whose corpus folder is behind the database (its replica not running):
 * the host's own change goes on top of the database's current version, a file changed on both sides
 * is refused. Host A is a core in this process that follows the database; host B has only folders.
 */
describe.skipIf(!postgresAvailable)("ingest on a host whose folder is behind the corpus of record", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  let a: Core;
  let hostB: CoreFixture;
  let envB: Record<string, string>;

  const pointer = async () => (await db.admin<{ version: number }>("SELECT version FROM current_corpus_version")).rows[0]!.version;
  const recorded = async (version: number) =>
    (
      await db.admin<{ name: string; content: Buffer }>(
        `SELECT d.name, v.content FROM corpus_version_documents c JOIN documents d ON d.id = c.document_id
           JOIN document_versions v ON v.id = c.document_version_id WHERE c.corpus_version = $1 ORDER BY d.name`,
        [version],
      )
    ).rows.map((row) => [row.name, row.content.toString("utf8")]);

  beforeAll(async () => {
    const hostA = await coreFixture();
    hostB = await coreFixture();
    fixtures.push(hostA, hostB);
    const options = (host: CoreFixture, name: string) => {
      const embedder = new CountingEmbedder(host.config.embeddings.hashingDimensions);
      const shared = sharedStores(db.open({ applicationName: name }), host.dataDir, embedder, silentLogger);
      shared.listener = { initialRetryMs: 50, heartbeatMs: 500 };
      return { config: host.config, embedder, shared };
    };
    a = await hostA.open(undefined, options(hostA, "host-a"));
    // B's replica ran once (its folder and DATA_DIR follow v1), then stopped.
    await (await Core.open(options(hostB, "host-b"))).close();
    envB = { DATABASE_URL: db.url, DATA_DIR: hostB.dataDir, CORPUS_DIR: hostB.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "warn" };
  }, 60_000);
  afterAll(async () => Promise.all(fixtures.map((fixture) => fixture.cleanup())));

  it("commits B's new file on top of the version A made meanwhile: both documents are in it, and B's folder holds it", async () => {
    const fromA = await a.refresh({ platform: "discord", userId: "mod-a", upload: { fileName: "Veer.md", bytes: encode(ferry("deze zomer")) } });
    expect(fromA.newVersion).toBe(2);
    await writeFile(path.join(hostB.corpusDir, "dijk.md"), dike);

    const ingest = await runScript("adapters/cli/ingest.ts", [], { env: envB, timeoutMs: 60_000 });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain("Corpus v3: 3 documenten (1 nieuw)");
    expect(await pointer()).toBe(3);
    const v3 = await recorded(3);
    expect(v3.map(([name]) => name)).toEqual(["2022-10-luchtafweer.md", "dijk.md", "sources.txt", "veer.md"]);
    expect(Object.fromEntries(v3)).toMatchObject({ "dijk.md": dike, "veer.md": ferry("deze zomer") });
    // The folder afterwards holds the committed version: A's file arrived on B.
    expect(await readFile(path.join(hostB.corpusDir, "veer.md"), "utf8")).toBe(ferry("deze zomer"));
    expect(await new IndexRepository(hostB.dataDir).currentVersion()).toBe(3);

    // A follows and answers from both.
    await until(async () => (a.status().corpusVersion === 3 ? true : undefined), 5000, "A following v3");
    expect((await a.ask("Hoeveel wordt de dijk bij Deventer verhoogd?", { platform: "test" })).citations[0]?.sentence).toContain("twee meter");
    expect((await a.ask("Hoe vaak vaart het pontveer bij Kampen?", { platform: "test" })).citations[0]?.sentence).toContain("half uur");
  }, 90_000);

  it("refuses a file changed on B and, differently, by A since B's folder last followed the record, naming it; nothing changes", async () => {
    const fromA = await a.refresh({ platform: "discord", userId: "mod-a", upload: { fileName: "Veer.md", bytes: encode(ferry("vanaf mei")) } });
    expect(fromA.newVersion).toBe(4);
    const mine = ferry("in de winter niet");
    await writeFile(path.join(hostB.corpusDir, "veer.md"), mine);

    const refused = await bootstrap({ env: { ...envB, LOG_LEVEL: "silent" }, refresh: { platform: "ingest", userId: "operator-b" } }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: "CORPUS_CONFLICT", file: "veer.md" });
    expect((refused as Error).message).toContain("veer.md");
    expect(refreshFailureText(refused, "nl")).toContain("(veer.md) Er is niets veranderd");
    expect(refreshFailureText(refused, "nl")).toContain("gedeelde database anders gewijzigd");

    expect(await pointer()).toBe(4);
    expect((await db.admin("SELECT 1 FROM corpus_versions")).rowCount).toBe(4);
    expect(await readFile(path.join(hostB.corpusDir, "veer.md"), "utf8")).toBe(mine);
    expect(await new IndexRepository(hostB.dataDir).currentVersion()).toBe(3);
    const audit = await db.admin<{ entry: { by: { userId?: string }; error?: { code: string } } }>("SELECT entry FROM audit_log");
    expect(audit.rows.find((row) => row.entry.by.userId === "operator-b")?.entry.error?.code).toBe("CORPUS_CONFLICT");

    // The CLI says the same, by code and file, and exits non-zero.
    const cli = await runScript("adapters/cli/ingest.ts", [], { env: envB, timeoutMs: 60_000 });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain("CORPUS_CONFLICT: veer.md changed in this host's corpus folder");
    expect(await pointer()).toBe(4);
  }, 90_000);

  it("with B's edit undone, adds nothing and switches B to the current version (its folder and DATA_DIR)", async () => {
    await writeFile(path.join(hostB.corpusDir, "veer.md"), ferry("deze zomer"));
    const ingest = await runScript("adapters/cli/ingest.ts", [], { env: envB, timeoutMs: 60_000 });
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain("Corpus: geen wijzigingen; nog steeds v4");
    expect(await pointer()).toBe(4);
    expect(await readFile(path.join(hostB.corpusDir, "veer.md"), "utf8")).toBe(ferry("vanaf mei"));
    expect(await new IndexRepository(hostB.dataDir).currentVersion()).toBe(4);
  }, 90_000);
});
