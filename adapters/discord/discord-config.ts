import { z } from "zod";
import { envField, parseEnv } from "../../src/config/parse-env.js";
import { ConfigError } from "../../src/port/errors.js";

/** Discord ids are snowflakes: 17–20 digit integers. */
const snowflake = /^\d{17,20}$/;

/** Environment variables of the Discord adapter. `DISCORD_TOKEN` is what turns the adapter on. */
export const discordEnvShape = {
  DISCORD_TOKEN: z.string({ required_error: "expected the bot token from the Discord developer portal" }).min(1),
  /** REST base, e.g. a proxy or a test fake; discord.js appends `/v10/...` itself. */
  DISCORD_API_URL: envField.url(),
  /** When set, slash commands are registered to this one guild (instant) instead of globally. */
  DISCORD_GUILD_ID: z.string().regex(snowflake, "expected a Discord server id (17–20 digits)").optional(),
  /** Roles that may run /refresh in addition to members with the Manage Server permission. */
  DISCORD_MODERATOR_ROLE_IDS: envField.idList(snowflake, "Discord role ids (17–20 digits)"),
  /** Only needed by `npm run discord:register` when `GET /applications/@me` is not available. */
  DISCORD_APPLICATION_ID: z.string().regex(snowflake, "expected a Discord application id (17–20 digits)").optional(),
  /** `auto` asks Discord how many shards the bot needs; one shard runs in this process, more run as child processes. */
  DISCORD_SHARDS: z
    .string()
    .regex(/^(auto|[1-9]\d{0,4})$/i, "expected auto or a whole number of shards such as 2")
    .default("auto")
    .transform((value): "auto" | number => (value.toLowerCase() === "auto" ? "auto" : Number(value))),
  /**
   * The shards this host runs when several hosts split one bot (`0` on one host, `1` on the other);
   * unset, this host runs all of `DISCORD_SHARDS`. Checked against the total in `loadDiscordConfig`.
   */
  DISCORD_SHARD_LIST: z
    .string()
    .regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, "expected a comma-separated list of shard ids such as 0 or 0,2")
    .transform((value) => value.split(",").map((id) => Number(id.trim())))
    .optional(),
  /** Pause between starting shards; Discord lets a bot identify once per 5 s unless its max_concurrency is higher. */
  DISCORD_SHARD_SPAWN_DELAY_MS: envField.integer(0, 60_000, 5500),
};

/** The Discord adapter's settings, parsed and normalised. */
export interface DiscordConfig {
  token: string;
  /** REST base in discord.js's `rest.api` form (`https://host/api`, no version), when overridden. */
  apiUrl?: string;
  guildId?: string;
  moderatorRoleIds: string[];
  applicationId?: string;
  /** Shard count: a number, or `auto` for the count `GET /gateway/bot` recommends. */
  shards: "auto" | number;
  /** The shards this host runs (ascending, each below `shards`); undefined: all of them. */
  shardList?: number[];
  shardSpawnDelayMs: number;
}

/** Parses the Discord variables; throws `ConfigError` naming every wrong variable. */
export function loadDiscordConfig(env: NodeJS.ProcessEnv = process.env): DiscordConfig {
  const parsed = parseEnv(discordEnvShape, env);
  return {
    token: parsed.DISCORD_TOKEN.replace(/^Bot\s+/i, ""),
    apiUrl: parsed.DISCORD_API_URL ? normalizeApiUrl(parsed.DISCORD_API_URL) : undefined,
    guildId: parsed.DISCORD_GUILD_ID,
    moderatorRoleIds: parsed.DISCORD_MODERATOR_ROLE_IDS ?? [],
    applicationId: parsed.DISCORD_APPLICATION_ID,
    shards: parsed.DISCORD_SHARDS,
    shardList: parsed.DISCORD_SHARD_LIST && checkedShardList(parsed.DISCORD_SHARD_LIST, parsed.DISCORD_SHARDS),
    shardSpawnDelayMs: parsed.DISCORD_SHARD_SPAWN_DELAY_MS,
  };
}

/**
 * `DISCORD_SHARD_LIST` checked against `DISCORD_SHARDS`. Every host must agree on the total, so the
 * total cannot be `auto` (Discord's recommendation can change between two hosts' starts, and shards
 * of different layouts would serve some servers twice and others never); each id must exist in it.
 */
export function checkedShardList(list: number[], total: "auto" | number): number[] {
  const fail = (problem: string) => {
    throw new ConfigError(`Invalid configuration:\n  DISCORD_SHARD_LIST: ${problem}`, ["DISCORD_SHARD_LIST", "DISCORD_SHARDS"]);
  };
  if (total === "auto") {
    fail(
      "needs DISCORD_SHARDS set to the total number of shards of all hosts together (the same number on every host), " +
        "e.g. DISCORD_SHARDS=2 on both hosts with DISCORD_SHARD_LIST=0 on one and DISCORD_SHARD_LIST=1 on the other",
    );
  }
  const outside = list.filter((id) => id >= Number(total));
  if (outside.length > 0) {
    fail(
      `shard ids run from 0 to ${Number(total) - 1} when DISCORD_SHARDS=${total}, so ${outside.join(", ")} does not exist; ` +
        "list only ids below DISCORD_SHARDS, or raise DISCORD_SHARDS to the total on every host",
    );
  }
  const repeated = list.filter((id, index) => list.indexOf(id) !== index);
  if (repeated.length > 0) fail(`names shard ${repeated[0]} more than once; list each shard this host runs once`);
  return [...list].sort((a, b) => a - b);
}

/**
 * Turns whatever form an operator writes the REST base in into discord.js's `rest.api` form, which
 * builds `${api}/v10${route}`: `http://host:1234` and `http://host:1234/` mean Discord's layout
 * (`/api`), and a trailing version (`/api/v10`) is dropped so it is not doubled.
 */
export function normalizeApiUrl(raw: string): string {
  const url = new URL(raw);
  let pathname = url.pathname.replace(/\/+$/, "").replace(/\/v\d+$/, "");
  if (pathname === "") pathname = "/api";
  return `${url.origin}${pathname}`;
}
