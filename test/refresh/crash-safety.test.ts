import { spawn } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IndexRepository } from "../../src/index/index-repository.js";
import type { PositionDocstore } from "../../src/index/vector-store.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { writeSyntheticCorpus } from "../bench/synthetic-corpus.js";
import { coreFixture, repoRoot, type CoreFixture } from "../helpers/core-fixture.js";
import { runScript } from "../helpers/run-script.js";

let fixture: CoreFixture;
let env: Record<string, string>;
beforeAll(async () => {
  fixture = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "0" });
  // Big enough that an ingest takes a while, so kills land in every phase.
  await writeSyntheticCorpus(fixture.corpusDir, 3000, { seed: 7 });
  env = { DATA_DIR: fixture.dataDir, CORPUS_DIR: fixture.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "warn", INDEX_WATCH_INTERVAL_MS: "0" };
  await fixture.open();
}, 60_000);
afterAll(async () => fixture.cleanup());

/** Starts `npm run ingest` and SIGKILLs it after `delayMs`; resolves when it is dead. */
function ingestKilledAfter(delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    // `node --import tsx` (not the tsx CLI, which forks a child) so the kill hits the process doing the work.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "adapters/cli/ingest.ts")], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: "ignore",
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    child.on("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function expectConsistentIndex(): Promise<number> {
  const repository = new IndexRepository(fixture.dataDir);
  const version = await repository.currentVersion();
  expect(version).toBeDefined();
  const index = await repository.load(version!, new HashingEmbedder(512), 64);
  expect(index.passages.length).toBe(index.manifest.passages);
  // Labels of an extended graph include deleted ones; the live ones must be exactly the passages.
  expect((index.vectors.docstore as PositionDocstore).liveCount).toBe(index.manifest.passages);
  return version!;
}

describe("a refresh killed with SIGKILL", () => {
  it("always leaves CURRENT on a complete version, and the next start and refresh work", async () => {
    const seen = new Set<number>();
    const article = path.join(fixture.corpusDir, "2022-10-luchtafweer.md");
    const original = await readFile(article, "utf8");
    for (const [round, delay] of [400, 900, 1400, 1900, 2600, 3400].entries()) {
      // Change the corpus each round so every ingest really builds something new.
      await writeFile(article, original.replace("Iris-T", `Iris-T (ronde ${round})`));
      await ingestKilledAfter(delay);
      seen.add(await expectConsistentIndex());
    }
    const core = await fixture.open();
    expect(core.status().passages).toBe(3004);
    expect((await core.ask("Welk luchtafweersysteem levert Duitsland?", { platform: "test" })).citations[0]!.paragraph).toBe(3);
    // A dead process's lock is stale: a new refresh takes it over.
    await expect(core.refresh({ platform: "test" })).resolves.toMatchObject({ passages: 3004 });
    expect((await readdir(path.join(fixture.dataDir, "index"))).filter((name) => name.startsWith("tmp-"))).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe("a second process", () => {
  it("sees an index rebuilt by npm run ingest and switches to it without a restart", async () => {
    const watched = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "100" });
    try {
      const core = await watched.open();
      const before = core.status().corpusVersion;
      const result = await runScript("adapters/cli/ingest.ts", [], {
        env: { DATA_DIR: watched.dataDir, CORPUS_DIR: watched.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "warn", INDEX_WATCH_INTERVAL_MS: "0" },
      });
      expect(result.code).toBe(0);
      const deadline = Date.now() + 5000;
      while (core.status().corpusVersion === before && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(core.status().corpusVersion).toBe(before + 1);
      expect((await core.ask("Wie is de Duitse minister van Defensie?", { platform: "test" })).corpusVersion).toBe(before + 1);
    } finally {
      await watched.cleanup();
    }
  });
});
