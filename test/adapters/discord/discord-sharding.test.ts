import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeDiscord } from "../../fakes/discord-server.js";
import { guild, permissions, slashCommand, user, type FakeGuild } from "../../fakes/discord-payloads.js";
import { eventually, repoRoot, testToken } from "./discord-harness.js";

/**
 * `npm start` (the compiled entry, as users run it) with a Discord that recommends two shards: the
 * process becomes a ShardingManager with two shard processes, each with its own core on the same
 * DATA_DIR, against one fake Discord whose gateway routes each guild to its shard.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Started {
  fake: FakeDiscord;
  guilds: [FakeGuild, FakeGuild];
  corpusDir: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

async function startSharded(): Promise<Started> {
  const guilds: [FakeGuild, FakeGuild] = [guild("Redactie noord", { onShard: [0, 2] }), guild("Redactie zuid", { onShard: [1, 2] })];
  const fake = await FakeDiscord.start({ recommendedShards: 2, extraGuilds: guilds });
  cleanups.push(() => fake.close());
  const root = await mkdtemp(path.join(tmpdir(), "nieuwsbot-shards-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const corpusDir = path.join(root, "corpus");
  await cp(path.join(repoRoot, "corpus"), corpusDir, { recursive: true, filter: (source) => !source.endsWith("sources.txt") });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: testToken,
    DISCORD_API_URL: fake.apiUrl,
    // DISCORD_SHARDS is left at `auto`: the fake's GET /gateway/bot recommends 2.
    DISCORD_SHARD_SPAWN_DELAY_MS: "0",
    DATA_DIR: path.join(root, "data"),
    CORPUS_DIR: corpusDir,
    EMBEDDINGS_PROVIDER: "hashing",
    INDEX_WATCH_INTERVAL_MS: "200",
    LOG_LEVEL: "info",
  };
  const child = spawn(process.execPath, [path.join(repoRoot, "dist/adapters/start.js")], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    // Never leave shard processes behind, whatever the test did.
    for (const pid of shardPids(output)) killQuietly(pid);
    if (child.exitCode === null) child.kill("SIGKILL");
  });
  return { fake, guilds, corpusDir, child, output: () => output, exited };
}

/** Pids of the shard processes, from the manager's "shard N of 2 started" log lines. */
function shardPids(output: string, shard?: number): number[] {
  const pattern = /shard (\d+) of \d+ started \{"pid":(\d+)\}/g;
  return [...output.matchAll(pattern)].filter((match) => shard === undefined || Number(match[1]) === shard).map((match) => Number(match[2]));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killQuietly(pid: number): void {
  if (isAlive(pid)) process.kill(pid, "SIGKILL");
}

/** `/ask` in a guild; resolves with the answer embed's description. */
async function ask(started: Started, where: FakeGuild, question: string): Promise<string> {
  const interaction = slashCommand("ask", { vraag: question }, { applicationId: started.fake.applicationId, user: user("lezer"), guild: where });
  started.fake.dispatch("INTERACTION_CREATE", interaction.payload);
  const edit = await started.fake.waitForRequest(
    (request) => request.method === "PATCH" && request.path.includes(interaction.token) && request.status === 200,
    15_000,
  );
  const embed = (edit.body.embeds as Array<{ description?: string }> | undefined)?.[0];
  return embed?.description ?? String(edit.body.content ?? "");
}

async function withOutput<T>(started: Started, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- npm start output ---\n${started.output()}`);
  }
}

describe("Discord sharding (ShardingManager, two shard processes, one fake gateway)", () => {
  it("serves each guild from its shard, shares the index on disk, restarts a dead shard and stops cleanly", async () => {
    const started = await startSharded();
    const { fake, guilds } = started;
    await withOutput(started, async () => {
      await eventually(() => fake.gateway.connectedShards.length === 2, "both shards connected", 60_000);
      expect(fake.gateway.identifies.map((identify) => identify.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      // Only shard 0 writes the slash commands.
      await fake.waitForRequest((request) => request.method === "PUT" && request.path === `/applications/${fake.applicationId}/commands`, 10_000);
      const pids = shardPids(started.output());
      expect(pids).toHaveLength(2);
      expect(new Set([...pids, started.child.pid]).size).toBe(3);

      // Each guild's question reaches only its shard's connection, and each shard answers it.
      for (const [index, where] of guilds.entries()) {
        expect(await ask(started, where, "Welk luchtafweersysteem levert Duitsland?")).toContain("Iris-T");
        expect(fake.gateway.routed.at(-1)).toEqual({ t: "INTERACTION_CREATE", shard: index });
      }

      // A refresh run on shard 1 is picked up by shard 0 from the shared DATA_DIR.
      await writeFile(
        path.join(started.corpusDir, "brug.md"),
        "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.\n",
      );
      const refresh = slashCommand(
        "refresh",
        {},
        { applicationId: fake.applicationId, user: user("moderator"), guild: guilds[1], permissions: permissions.manager },
      );
      fake.dispatch("INTERACTION_CREATE", refresh.payload);
      const report = await fake.waitForRequest(
        (request) => request.method === "PATCH" && request.path.includes(refresh.token) && /^Corpus v2/.test(String(request.body?.content ?? "")),
        20_000,
      );
      expect(report.body.content).toMatch(/1 nieuw/);
      let fromShard0 = "";
      for (const deadline = Date.now() + 10_000; Date.now() < deadline && !fromShard0.includes("Waal");) {
        fromShard0 = await ask(started, guilds[0], "Wanneer gaat de brug over de Waal open?");
      }
      expect(fromShard0).toContain("maart open voor fietsers");

      // A shard that dies is started again by the manager and serves its guild once more.
      const [firstShard1] = shardPids(started.output(), 1);
      process.kill(firstShard1!, "SIGKILL");
      await eventually(() => shardPids(started.output(), 1).length === 2, "shard 1 started again", 30_000);
      await eventually(
        () => fake.gateway.identifies.filter((identify) => identify.shard[0] === 1).length === 2 && fake.gateway.connectedShards.length === 2,
        "shard 1 identified again",
        30_000,
      );
      expect(await ask(started, guilds[1], "Wanneer gaat de brug over de Waal open?")).toContain("maart open voor fietsers");

      // SIGTERM: every shard closes its gateway connection normally, then the manager exits 0.
      const closesBefore = fake.gateway.clientCloses.filter((code) => code === 1000).length;
      started.child.kill("SIGTERM");
      const code = await Promise.race([started.exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 30_000))]);
      expect(code).toBe(0);
      await eventually(() => fake.gateway.clientCloses.filter((close) => close === 1000).length >= closesBefore + 2, "a normal close from both shards");
      expect(shardPids(started.output()).filter(isAlive)).toEqual([]);
      expect(started.output()).not.toContain("token-for-tests");
    });
  }, 150_000);
});
