import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loadDiscordConfig } from "../../../adapters/discord/discord-config.js";
import { resolveShardCount } from "../../../adapters/discord/discord-shards.js";
import { ConfigError } from "../../../src/port/errors.js";
import { FakeDiscord } from "../../fakes/discord-server.js";
import { testToken } from "./discord-harness.js";

/** DISCORD_SHARDS: parsing, and what `auto` asks Discord (the fake, on loopback). */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("DISCORD_SHARDS", () => {
  it("defaults to auto with Discord's identify pause, and takes a whole number", () => {
    expect(loadDiscordConfig({ DISCORD_TOKEN: testToken })).toMatchObject({ shards: "auto", shardSpawnDelayMs: 5500 });
    expect(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_SHARDS: "4", DISCORD_SHARD_SPAWN_DELAY_MS: "0" })).toMatchObject({
      shards: 4,
      shardSpawnDelayMs: 0,
    });
    expect(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_SHARDS: "AUTO" }).shards).toBe("auto");
    // An empty line in .env (`DISCORD_SHARDS=`) means unset, as for every variable.
    expect(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_SHARDS: "" }).shards).toBe("auto");
  });

  it.each(["0", "-1", "two", "1.5"])("rejects %j naming the variable", (value) => {
    const attempt = () => loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_SHARDS: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DISCORD_SHARDS.*auto or a whole number/s);
  });

  it("a number is used as is, without asking Discord", async () => {
    const fake = await FakeDiscord.start({ recommendedShards: 7 });
    cleanups.push(() => fake.close());
    expect(await resolveShardCount(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_API_URL: fake.apiUrl, DISCORD_SHARDS: "3" }))).toBe(3);
    expect(fake.requests).toHaveLength(0);
  });

  it("auto uses the count GET /gateway/bot recommends, asked with the bot token", async () => {
    const fake = await FakeDiscord.start({ recommendedShards: 3 });
    cleanups.push(() => fake.close());
    expect(await resolveShardCount(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_API_URL: fake.apiUrl }))).toBe(3);
    const [request] = fake.find((candidate) => candidate.path === "/gateway/bot");
    expect(request!.headers.authorization).toBe(`Bot ${testToken}`);
  });

  it("auto with a token Discord rejects is a ConfigError about DISCORD_TOKEN, without the token in it", async () => {
    const server = createServer((_request, response) => {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ message: "401: Unauthorized", code: 0 }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    const error = await resolveShardCount(loadDiscordConfig({ DISCORD_TOKEN: testToken, DISCORD_API_URL: apiUrl })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(["DISCORD_TOKEN"]);
    expect((error as ConfigError).message).not.toContain(testToken);
  });
});
