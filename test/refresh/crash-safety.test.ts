import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { indexPhases, type IndexPhase } from "../../src/index/index-phase.js";
import { IndexRepository } from "../../src/index/index-repository.js";
import { PositionDocstore } from "../../src/index/vector-store.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { writeSyntheticCorpus } from "../bench/synthetic-corpus.js";
import { coreFixture, repoRoot, type CoreFixture } from "../helpers/core-fixture.js";
import { runScript } from "../helpers/run-script.js";

/**
 * `npm run ingest` (the compiled `dist/` file, as users run it) is SIGKILLed inside each phase of a
 * build and of a rollback. `NIEUWSBOT_TEST_PAUSE_PHASE` (adapters/cli/crash-test-pause.ts) makes it
 * print `phase <name>` on entering each phase and stop inside the named one, so every kill lands
 * where the test says — checked three ways: the phases it printed, the files it left, and that it
 * died of the SIGKILL rather than finishing. After each kill:
 *
 * - `CURRENT` names exactly the old version (killed up to and including `switching-current`) or the
 *   new one (killed while pruning), and that version is complete: every file present, passages, BM25
 *   documents and vector labels all as many as the manifest says, documents.json matching passages;
 * - a bot that kept running on the same data folder (watching `CURRENT`) answers from exactly that
 *   version;
 * - a restarted core removes the leftovers and answers from a complete version holding exactly the
 *   old or the new text — never a mix.
 */
const article = "2022-10-luchtafweer.md";
const question = "Welk luchtafweersysteem levert Duitsland?";
const paragraph = "Iris-T SLM-luchtafweersystemen";
const versionFiles = ["bm25-lengths.i32", "bm25-postings.i32", "bm25.json", "documents.json", "manifest.json", "passages.json", "vectors"];
const vectorFiles = ["args.json", "docstore.json", "hnswlib.index"];
const ingestScript = path.join(repoRoot, "dist/adapters/cli/ingest.js");

let fixture: CoreFixture;
let repository: IndexRepository;
let original: string;
/** A bot running throughout on the same folders, switching to whatever `CURRENT` names. */
let bot: Core;
let env: Record<string, string>;

beforeAll(async () => {
  expect(existsSync(ingestScript), "run `npm run build` first: this test runs the compiled ingest").toBe(true);
  fixture = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "100" });
  await writeSyntheticCorpus(fixture.corpusDir, 150, { seed: 7 });
  original = await readFile(path.join(fixture.corpusDir, article), "utf8");
  await setMarker("0");
  repository = new IndexRepository(fixture.dataDir);
  // No dictionary, like the in-process cores (names only): versions then need no recalibration when another process loads them.
  env = {
    DATA_DIR: fixture.dataDir,
    CORPUS_DIR: fixture.corpusDir,
    EMBEDDINGS_PROVIDER: "hashing",
    DICTIONARY_DIR: "off",
    LOG_LEVEL: "warn",
    INDEX_WATCH_INTERVAL_MS: "0",
  };
  bot = await fixture.open();
}, 30_000);
afterAll(async () => fixture?.cleanup());

/** Which text of the changed paragraph `text` holds: `ronde <marker>`, or undefined if it is not that paragraph. */
function markerOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /Iris-T SLM-luchtafweersystemen \(ronde (\w+)\)/.exec(text)?.[1];
}

/** Edits paragraph 3 of the article so that the next ingest really builds a new version. */
async function setMarker(marker: string): Promise<void> {
  await writeFile(path.join(fixture.corpusDir, article), original.replace(paragraph, `${paragraph} (ronde ${marker})`));
}

async function corpusMarker(): Promise<string | undefined> {
  return markerOf(await readFile(path.join(fixture.corpusDir, article), "utf8"));
}

/** Asserts `version` is complete and self-consistent on disk; returns which text it holds. */
async function expectComplete(version: number): Promise<string | undefined> {
  const directory = repository.versionDir(version);
  expect((await readdir(directory)).sort()).toEqual(versionFiles);
  expect(await readdir(path.join(directory, "vectors"))).toEqual(expect.arrayContaining(vectorFiles));
  const index = await repository.load(version, new HashingEmbedder(512), 64);
  const { manifest } = index;
  expect(manifest.version).toBe(version);
  expect(index.passages).toHaveLength(manifest.passages);
  expect(index.bm25.lengths).toHaveLength(manifest.passages);
  const docstore = index.vectors.docstore as PositionDocstore;
  expect(docstore).toBeInstanceOf(PositionDocstore);
  expect(docstore.coversExactly(manifest.passages)).toBe(true);
  expect(index.vectors.index.getCurrentCount()).toBe(docstore.labelCount);
  const marker = markerOf(index.passages.find((passage) => passage.text.includes(paragraph))?.text);
  expect(marker).toBeDefined();
  expect(markerOf((await repository.readDocuments(version))?.[article])).toBe(marker);
  return marker;
}

/** Top-level names in the one temporary folder of the build of `version`. */
async function temporaryFolder(version: number): Promise<{ directory: string; files: string[] }> {
  const names = (await readdir(repository.root)).filter((name) => name.startsWith(`tmp-${version}-`));
  expect(names).toHaveLength(1);
  const directory = path.join(repository.root, names[0]!);
  return { directory, files: (await readdir(directory)).sort() };
}

async function leftovers(): Promise<string[]> {
  return (await readdir(repository.root)).filter((name) => name.startsWith("tmp-") || name.endsWith(".tmp"));
}

interface Killed {
  /** The phases the process announced, in order. */
  phases: string[];
  signal: NodeJS.Signals | null;
}

/**
 * Runs the compiled `npm run ingest` with `args`, waits until it announces `phase` (failing if it
 * ends or takes 20 s without doing so), SIGKILLs it while it sits inside that phase, and resolves
 * once it is dead.
 */
function killInside(phase: IndexPhase, args: string[]): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ingestScript, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env, NIEUWSBOT_TEST_PAUSE_PHASE: phase },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const phases: string[] = [];
    let stderr = "";
    let killed = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`ingest did not reach phase ${phase} within 20 s; it announced [${phases.join(", ")}]\n${stderr}`));
    }, 20_000);
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      phases.splice(0, phases.length, ...[...stderr.matchAll(/^phase (\S+)$/gm)].map((match) => match[1]!));
      if (!killed && phases.includes(phase)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (!killed)
        reject(new Error(`ingest ended (code ${code}, signal ${signal}) without reaching phase ${phase}; it announced [${phases.join(", ")}]\n${stderr}`));
      else resolve({ phases, signal });
    });
  });
}

/**
 * Waits until the running bot serves `version`, then checks its answer comes from that version's
 * text. With `settle`, first waits several watch intervals, so a bot that wrongly switches has done so.
 */
async function expectBotOn(version: number, marker: string | undefined, settle = true): Promise<void> {
  if (settle) await sleep(350);
  const deadline = Date.now() + 5000;
  while (bot.status().corpusVersion !== version && Date.now() < deadline) await sleep(50);
  expect(bot.status().corpusVersion).toBe(version);
  const answer = await bot.ask(question, { platform: "test" });
  expect(answer.corpusVersion).toBe(version);
  expect(markerOf(answer.citations[0]?.quote)).toBe(marker);
}

interface Round {
  /** The version `CURRENT` named, and its text, when the process started. */
  old: { version: number; marker: string | undefined };
  /** The version the process was making current, and its text. */
  next: { version: number; marker: string | undefined };
}

/** Restarts a core on the same folders: leftovers go, and it answers from a complete version with exactly the old or the new text. */
async function expectRestartServes(round: Round, expected: keyof Round): Promise<void> {
  const restarted = await fixture.open(undefined, { config: { ...fixture.config, watchIntervalMs: 0 } });
  try {
    expect(await leftovers()).toEqual([]);
    const served = restarted.status().corpusVersion;
    const answer = await restarted.ask(question, { platform: "test" });
    expect(answer.corpusVersion).toBe(served);
    const marker = markerOf(answer.citations[0]?.quote);
    expect(await expectComplete(served)).toBe(marker);
    expect([round.old.marker, round.next.marker]).toContain(marker);
    const survivor = round[expected];
    if (served !== survivor.version) {
      // The restart found the corpus folder ahead of CURRENT and built a version of it itself (the
      // start-up refresh): that version must hold exactly what the folder holds.
      expect(served).toBeGreaterThan(round.old.version);
      expect(marker).toBe(await corpusMarker());
    } else {
      expect(marker).toBe(survivor.marker);
    }
  } finally {
    await restarted.close();
  }
}

/** The version `CURRENT` names now (complete, and served by the bot) as the old side of a round. */
async function currentRound(next: Round["next"]): Promise<Round> {
  const version = (await repository.currentVersion())!;
  const marker = await expectComplete(version);
  await expectBotOn(version, marker, false);
  return { old: { version, marker }, next };
}

const buildPhases = indexPhases.filter((phase) => phase !== "restoring-corpus");

/** What the files say about where a build of `next` was when it died, phase by phase. */
const buildEvidence: Record<(typeof buildPhases)[number], (round: Round) => Promise<void>> = {
  embedding: async ({ next }) => {
    expect((await readdir(repository.root)).filter((name) => name.startsWith(`tmp-${next.version}-`))).toEqual([]);
    expect(existsSync(repository.versionDir(next.version))).toBe(false);
  },
  "writing-vectors": async ({ next }) => {
    expect((await temporaryFolder(next.version)).files).toEqual([]);
  },
  "writing-lexical-index": async ({ next }) => {
    const { directory, files } = await temporaryFolder(next.version);
    expect(files).toEqual(["vectors"]);
    expect(await readdir(path.join(directory, "vectors"))).toEqual(expect.arrayContaining(vectorFiles));
  },
  renaming: async ({ next }) => {
    expect((await temporaryFolder(next.version)).files).toEqual(versionFiles);
    expect(existsSync(repository.versionDir(next.version))).toBe(false);
  },
  "switching-current": async ({ next }) => {
    expect(await leftovers()).toEqual([]);
    expect(await expectComplete(next.version)).toBe(next.marker);
  },
  pruning: async ({ next }) => {
    expect(await repository.currentVersion()).toBe(next.version);
  },
};

describe("npm run ingest killed with SIGKILL inside each phase of a build", () => {
  for (const [round, phase] of buildPhases.entries()) {
    const expected = phase === "pruning" ? "next" : "old";
    it(`inside ${phase}: CURRENT names the complete ${expected === "old" ? "old" : "new"} version and a restart serves exactly it`, async () => {
      await setMarker(String(round + 1));
      const state = await currentRound({ version: await repository.nextVersion(), marker: String(round + 1) });
      const killed = await killInside(phase, []);
      expect(killed.signal).toBe("SIGKILL");
      // Every phase up to this one, in order, and none after it.
      expect(killed.phases).toEqual(buildPhases.slice(0, round + 1));
      await buildEvidence[phase](state);
      const survivor = state[expected];
      expect(await repository.currentVersion()).toBe(survivor.version);
      expect(await expectComplete(survivor.version)).toBe(survivor.marker);
      await expectBotOn(survivor.version, survivor.marker);
      await expectRestartServes(state, expected);
    }, 30_000);
  }
});

describe("npm run ingest -- --rollback killed with SIGKILL", () => {
  let rollback: Round;
  beforeAll(async () => {
    // Two complete versions a step apart: A, then B on top of it.
    await setMarker("A");
    await bot.refresh({ platform: "test" });
    const target = bot.status().corpusVersion;
    await setMarker("B");
    await bot.refresh({ platform: "test" });
    rollback = { old: { version: bot.status().corpusVersion, marker: "B" }, next: { version: target, marker: "A" } };
  }, 30_000);

  it("inside restoring-corpus: nothing has changed yet, and every process stays on the version rolled back from", async () => {
    expect(await repository.currentVersion()).toBe(rollback.old.version);
    expect(await expectComplete(rollback.next.version)).toBe("A");
    const killed = await killInside("restoring-corpus", ["--rollback"]);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.phases).toEqual(["restoring-corpus"]);
    expect(await corpusMarker()).toBe("B");
    expect(await repository.currentVersion()).toBe(rollback.old.version);
    expect(await expectComplete(rollback.old.version)).toBe("B");
    await expectBotOn(rollback.old.version, "B");
    await expectRestartServes(rollback, "old");
  }, 30_000);

  it("inside switching-current: the corpus is restored, CURRENT still names the complete version rolled back from", async () => {
    expect(await repository.currentVersion()).toBe(rollback.old.version);
    const killed = await killInside("switching-current", ["--rollback"]);
    expect(killed.signal).toBe("SIGKILL");
    expect(killed.phases).toEqual(["restoring-corpus", "switching-current"]);
    expect(await corpusMarker()).toBe("A");
    expect(await repository.currentVersion()).toBe(rollback.old.version);
    expect(await expectComplete(rollback.old.version)).toBe("B");
    await expectBotOn(rollback.old.version, "B");
    await expectRestartServes(rollback, "old");
  }, 30_000);

  it("afterwards an ingest runs to the end (the dead process's lock is taken over) and, without the variable, announces nothing", async () => {
    const result = await runScript("adapters/cli/ingest.ts", [], { env, built: true, timeoutMs: 30_000 });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/^phase /m);
    expect(await leftovers()).toEqual([]);
    const version = (await repository.currentVersion())!;
    expect(await expectComplete(version)).toBe(await corpusMarker());
    await expectBotOn(version, await corpusMarker());
  }, 30_000);
});

describe("a second process", () => {
  it("sees an index rebuilt by npm run ingest and switches to it without a restart", async () => {
    const watched = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "100" });
    try {
      const core = await watched.open();
      const before = core.status().corpusVersion;
      const file = path.join(watched.corpusDir, article);
      await writeFile(file, (await readFile(file, "utf8")).replace(paragraph, `${paragraph} (ronde W)`));
      const result = await runScript("adapters/cli/ingest.ts", [], {
        env: { ...env, DATA_DIR: watched.dataDir, CORPUS_DIR: watched.corpusDir },
        built: true,
      });
      expect(result.code).toBe(0);
      const current = (await new IndexRepository(watched.dataDir).currentVersion())!;
      expect(current).toBeGreaterThan(before);
      const deadline = Date.now() + 5000;
      while (core.status().corpusVersion !== current && Date.now() < deadline) await sleep(50);
      const answer = await core.ask(question, { platform: "test" });
      expect(answer.corpusVersion).toBe(current);
      expect(markerOf(answer.citations[0]?.quote)).toBe("W");
    } finally {
      await watched.cleanup();
    }
  });
});
