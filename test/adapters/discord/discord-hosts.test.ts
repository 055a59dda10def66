import { spawn } from "node:child_process";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadDiscordConfig } from "../../../adapters/discord/discord-config.js";
import { planShards } from "../../../adapters/discord/discord-shards.js";
import { ConfigError } from "../../../src/port/errors.js";
import { FakeDiscord } from "../../fakes/discord-server.js";
import { guild, slashCommand, user, type FakeGuild } from "../../fakes/discord-payloads.js";
import { eventually, repoRoot, testToken } from "./discord-harness.js";

/**
 * Several hosts splitting one bot's shards: `DISCORD_SHARDS` (the total, the same on every host) with
 * `DISCORD_SHARD_LIST` (this host's part). Hosts here are `npm start` processes with DATA_DIRs and
 * corpus folders of their own, against one fake Discord whose gateway routes each guild to its shard.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("DISCORD_SHARD_LIST", () => {
  const config = (shards: string, list: string) => loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_SHARDS: shards, DISCORD_SHARD_LIST: list });

  it("is this host's part of DISCORD_SHARDS, sorted; only the host with shard 0 syncs the commands", async () => {
    expect(config("4", " 3, 1").shardList).toEqual([1, 3]);
    expect(await planShards(config("4", "3,1"))).toEqual({ total: 4, mine: [1, 3], syncsCommands: false });
    expect(await planShards(config("2", "0"))).toEqual({ total: 2, mine: [0], syncsCommands: true });
    // Unset: every shard on this host, as before.
    expect(await planShards(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_SHARDS: "3" }))).toEqual({ total: 3, mine: [0, 1, 2], syncsCommands: true });
  });

  it.each([
    ["2", "2", /shard ids run from 0 to 1 when DISCORD_SHARDS=2, so 2 does not exist/],
    ["2", "0,5,1", /so 5 does not exist; list only ids below DISCORD_SHARDS/],
    ["auto", "0", /needs DISCORD_SHARDS set to the total number of shards of all hosts together/],
    ["3", "1,1", /names shard 1 more than once/],
    ["2", "zero", /expected a comma-separated list of shard ids such as 0 or 0,2/],
    ["2", "0;1", /expected a comma-separated list of shard ids/],
  ])("DISCORD_SHARDS=%s with DISCORD_SHARD_LIST=%j is refused saying how to fix it", (shards, list, message) => {
    const attempt = () => config(shards, list);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/DISCORD_SHARD_LIST/);
  });
});

interface Host {
  output: () => string;
  stop: () => Promise<number | null | "timeout">;
}

/** `npm start` from source as one host: its own corpus (the shipped one plus `extra`) and DATA_DIR. */
async function startHost(fake: FakeDiscord, shardList: string, extra: Record<string, string>): Promise<Host> {
  const root = await mkdtemp(path.join(tmpdir(), "nieuwsbot-host-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  const corpusDir = path.join(root, "corpus");
  await cp(path.join(repoRoot, "corpus"), corpusDir, { recursive: true, filter: (source) => !source.endsWith("sources.txt") });
  for (const [name, content] of Object.entries(extra)) await writeFile(path.join(corpusDir, name), content);
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    DISCORD_TOKEN: testToken,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_SHARDS: "2",
    DISCORD_SHARD_LIST: shardList,
    DATA_DIR: path.join(root, "data"),
    CORPUS_DIR: corpusDir,
    EMBEDDINGS_PROVIDER: "hashing",
    LOG_LEVEL: "info",
  };
  // node with tsx's loader (one process), so a kill reaches the bot itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "adapters/start.ts")], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return {
    output: () => output,
    stop: () => {
      child.kill("SIGTERM");
      return Promise.race([exited, new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 20_000))]);
    },
  };
}

/** `/ask` in a guild; resolves with the answer embed's description. */
async function ask(fake: FakeDiscord, where: FakeGuild, question: string): Promise<string> {
  const interaction = slashCommand("ask", { vraag: question }, { applicationId: fake.applicationId, user: user("lezer"), guild: where });
  fake.dispatch("INTERACTION_CREATE", interaction.payload);
  const edit = await fake.waitForRequest((request) => request.method === "PATCH" && request.path.includes(interaction.token) && request.status === 200, 15_000);
  const embed = (edit.body.embeds as Array<{ description?: string }> | undefined)?.[0];
  return embed?.description ?? String(edit.body.content ?? "");
}

/** A corpus file only one host has, so an answer shows which host gave it. */
const bridge = (month: string) => `---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in ${month} open voor fietsers.\n`;

describe("two hosts, one shard each (DISCORD_SHARDS=2, DISCORD_SHARD_LIST=0 and 1)", () => {
  it("each host connects its own shard and answers its own servers; the slash commands are written once, by the host with shard 0", async () => {
    const guilds: [FakeGuild, FakeGuild] = [guild("Redactie noord", { onShard: [0, 2] }), guild("Redactie zuid", { onShard: [1, 2] })];
    const fake = await FakeDiscord.start({ extraGuilds: guilds });
    cleanups.push(() => fake.close());
    const hosts = [await startHost(fake, "0", { "brug.md": bridge("maart") }), await startHost(fake, "1", { "brug.md": bridge("april") })];
    const outputs = () => hosts.map((host, index) => `--- host ${index} ---\n${host.output()}`).join("\n");
    try {
      await eventually(() => hosts.every((host) => host.output().includes("Discord bot ready")), "both hosts ready", 60_000);
      expect(fake.gateway.identifies.map((identify) => identify.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      // Each guild's question reaches only its shard, and the host running that shard answers it from its own corpus.
      expect(await ask(fake, guilds[0], "Wanneer gaat de brug over de Waal open?")).toContain("maart open voor fietsers");
      expect(fake.gateway.routed.at(-1)).toEqual({ t: "INTERACTION_CREATE", shard: 0 });
      expect(await ask(fake, guilds[1], "Wanneer gaat de brug over de Waal open?")).toContain("april open voor fietsers");
      expect(fake.gateway.routed.at(-1)).toEqual({ t: "INTERACTION_CREATE", shard: 1 });

      const commandCalls = fake.find((request) => request.path.startsWith(`/applications/${fake.applicationId}/commands`));
      expect(commandCalls.map((request) => request.method)).toEqual(["GET", "PUT"]);
      expect(hosts[0]!.output()).toContain("slash commands registered");
      expect(hosts[1]!.output()).not.toContain("slash commands");
      expect(hosts[0]!.output()).toContain("invite URL");

      for (const host of hosts) expect(await host.stop()).toBe(0);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${outputs()}`);
    }
    expect(outputs()).not.toContain("token-for-tests");
  }, 120_000);
});
