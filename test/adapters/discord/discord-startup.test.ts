import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REST } from "discord.js";
import { afterAll, describe, expect, it } from "vitest";
import { buildCommands, syncCommands } from "../../../adapters/discord/commands.js";
import { registerCommands } from "../../../adapters/discord/register-commands.js";
import { FakeDiscord } from "../../fakes/discord-server.js";
import { slashCommand, user } from "../../fakes/discord-payloads.js";
import { eventually, repoRoot, startHarness, testToken, type Harness } from "./discord-harness.js";

const messageContentBit = 1 << 15;
const cleanups: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function harnessFor(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const harness = await startHarness(options);
  cleanups.push(() => harness.stop());
  return harness;
}

describe("Discord start-up", () => {
  it("overwrites registered commands only when they differ", async () => {
    const harness = await harnessFor({});
    const { fake } = harness;
    const rest = new REST({ api: fake.apiUrl }).setToken(testToken);
    const definitions = buildCommands({ maxQuestionLength: 500 });
    const again = await syncCommands(rest, fake.applicationId, fake.guild.id, definitions);
    expect(again).toEqual({ scope: "guild", changed: false, differences: [] });
    expect(fake.find((request) => request.method === "PUT")).toHaveLength(1);

    const registered = fake.commands.guilds.get(fake.guild.id)!;
    registered.find((command) => command.name === "ask")!.description = "Something else";
    const changed = await syncCommands(rest, fake.applicationId, fake.guild.id, definitions);
    expect(changed).toEqual({ scope: "guild", changed: true, differences: ["~ask"] });
    expect(fake.find((request) => request.method === "PUT")).toHaveLength(2);
    // The GET asks for full localizations, so they can be compared.
    expect(
      fake.find((request) => request.method === "GET" && request.path.endsWith("/commands")).every((request) => request.query.with_localizations === "true"),
    ).toBe(true);
  });

  it("falls back to no Message Content intent when Discord refuses it; slash commands still work", async () => {
    const harness = await harnessFor({ fake: { disallowedIntents: messageContentBit } });
    const { fake } = harness;
    expect(fake.gateway.identifies.map((identify) => (identify.intents & messageContentBit) !== 0)).toEqual([true, false]);
    expect(harness.logs.some((line) => line.includes("Message Content intent"))).toBe(true);
    const interaction = slashCommand(
      "ask",
      { vraag: "Welk luchtafweersysteem levert Duitsland?" },
      { applicationId: fake.applicationId, user: user("x"), guild: fake.guild },
    );
    fake.dispatch("INTERACTION_CREATE", interaction.payload);
    const edit = await fake.waitForRequest((request) => request.method === "PATCH" && request.path.includes(interaction.token));
    expect(edit.body.embeds[0].description).toContain("Iris-T");
  });

  it("`npm run discord:register` logic registers globally without a guild id, then finds nothing to do", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const env = { DISCORD_TOKEN: testToken, DISCORD_API_URL: fake.apiUrl };
    const first = await registerCommands(env);
    expect(first).toMatchObject({ scope: "global", changed: true, applicationId: fake.applicationId });
    expect(fake.commands.global.map((command) => command.name).sort()).toEqual(["ask", "feedback", "help", "refresh", "status"]);
    const second = await registerCommands(env);
    expect(second.changed).toBe(false);
    expect(fake.find((request) => request.method === "PUT")).toHaveLength(1);
    expect(fake.find((request) => request.path === "/applications/@me")[0]!.headers.authorization).toBe(`Bot ${testToken}`);
  });

  it("`npm start` with DISCORD_TOKEN and DISCORD_API_URL answers /ask and exits cleanly on SIGTERM", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const root = await mkdtemp(path.join(tmpdir(), "nieuwsbot-discord-start-"));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await cp(path.join(repoRoot, "corpus"), path.join(root, "corpus"), { recursive: true, filter: (source) => !source.endsWith("sources.txt") });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DISCORD_TOKEN: testToken,
      // A bare origin: the adapter adds Discord's `/api` itself.
      DISCORD_API_URL: fake.apiUrl.replace(/\/api$/, ""),
      DATA_DIR: path.join(root, "data"),
      CORPUS_DIR: path.join(root, "corpus"),
      EMBEDDINGS_PROVIDER: "hashing",
      LOG_LEVEL: "debug",
    };
    const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "adapters/start.ts"], {
      cwd: repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    try {
      await fake.waitForRequest((request) => request.method === "PUT" && request.path === `/applications/${fake.applicationId}/commands`, 40_000);
      const interaction = slashCommand(
        "ask",
        { vraag: "Welk luchtafweersysteem levert Duitsland?" },
        { applicationId: fake.applicationId, user: user("x"), guild: fake.guild },
      );
      fake.dispatch("INTERACTION_CREATE", interaction.payload);
      const edit = await fake.waitForRequest((request) => request.method === "PATCH" && request.path.includes(interaction.token), 10_000);
      expect(edit.body.embeds[0].description).toContain("Iris-T");
      child.kill("SIGTERM");
      const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve("timeout"), 15_000))]);
      expect(code).toBe(0);
      await eventually(() => fake.gateway.clientCloses.includes(1000), "a normal close from the bot");
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- npm start output ---\n${output}`);
    }
    expect(output).toContain("oauth2/authorize");
    expect(output).not.toContain("token-for-tests");
  }, 75_000);
});
