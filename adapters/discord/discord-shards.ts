import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DiscordAPIError, REST, Routes, ShardingManager, type RESTGetAPIGatewayBotResult, type Shard } from "discord.js";
import { ConfigError } from "../../src/port/errors.js";
import type { Logger } from "../../src/logging/logger.js";
import type { RunningAdapter } from "../shared/adapter.js";
import type { DiscordConfig } from "./discord-config.js";

/**
 * The number of shards to run: `DISCORD_SHARDS` when it is a number; with `auto`, what Discord
 * recommends for the bot (`GET /gateway/bot`, asked on the configured REST base so a proxy or the
 * test fake answers it). Discord requires sharding from 2,500 guilds and recommends one shard per
 * 1,000, so small bots get 1 and run in a single process.
 */
export async function resolveShardCount(config: DiscordConfig): Promise<number> {
  if (config.shards !== "auto") return config.shards;
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, gateway.shards);
  } catch (error) {
    if (error instanceof DiscordAPIError && error.status === 401) {
      throw new ConfigError("Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the developer portal (Bot → Reset Token).", [
        "DISCORD_TOKEN",
      ]);
    }
    throw new Error(
      `could not ask Discord for the recommended shard count (GET /gateway/bot): ${(error as Error).message}. Set DISCORD_SHARDS to a number to skip this question.`,
      { cause: error },
    );
  }
}

/** What this host runs of the bot's shards. */
export interface ShardPlan {
  /** Shards of the bot on all hosts together. */
  total: number;
  /** The ones this process or its shard processes run, ascending. */
  mine: number[];
  /** Whether this host writes the slash commands: the host running shard 0, so exactly one host does. */
  syncsCommands: boolean;
}

/**
 * This host's part of the bot: every shard, or the ones `DISCORD_SHARD_LIST` names. Slash commands
 * belong to the application, not to a shard, so one writer is enough; the host with shard 0 is the
 * one that always exists whatever the split, which needs no extra variable to keep hosts from
 * racing each other's registration.
 */
export async function planShards(config: DiscordConfig): Promise<ShardPlan> {
  const total = await resolveShardCount(config);
  const mine = config.shardList ?? [...Array(total).keys()];
  return { total, mine, syncsCommands: mine.includes(0) };
}

export interface StartShardsOptions {
  /** The shard process entry (default: `discord-shard.js` beside this module, `.ts` under tsx). */
  entry?: string;
  /** How long one shard may take to load the index and report ready (default 5 min). */
  readyTimeoutMs?: number;
  /** How long `stop` waits for a shard to finish its answers and exit before killing it (default 15 s). */
  stopTimeoutMs?: number;
  /** The shards to run of `shardCount` (default all): this host's part when hosts split the bot. */
  shardList?: number[];
}

/**
 * Runs the Discord adapter as `shardCount` child processes through discord.js's `ShardingManager`.
 * Each child (`discord-shard.ts`) opens its own core on the shared `DATA_DIR` — the index on disk,
 * which this process has already built — and serves the guilds Discord routes to its shard. A
 * shard that crashes is started again by the manager. `stop` stops every shard gracefully.
 */
export async function startDiscordShards(
  config: DiscordConfig,
  shardCount: number,
  parentLogger: Logger,
  options: StartShardsOptions = {},
): Promise<RunningAdapter> {
  const logger = parentLogger.child("discord-shards");
  const manager = new ShardingManager(options.entry ?? defaultEntry(), {
    totalShards: shardCount,
    shardList: options.shardList ?? "auto",
    token: config.token,
    mode: "process",
    respawn: true,
    // Under tsx (`npm run dev`) the children need its loader too; under `npm start` this is empty.
    execArgv: process.execArgv,
  });
  manager.on("shardCreate", (shard) => {
    shard.on("spawn", (child) => logger.info(`shard ${shard.id} of ${shardCount} started`, { pid: "pid" in child ? child.pid : undefined }));
    shard.on("death", (child) => {
      const exit = "signalCode" in child ? { code: child.exitCode, signal: child.signalCode } : {};
      if (manager.respawn) logger.warn(`shard ${shard.id} exited; starting it again`, exit);
    });
    shard.on("error", (error) => logger.error(`shard ${shard.id} failed`, { error }));
  });
  const stop = () => stopShards(manager, options.stopTimeoutMs ?? 15_000, logger);
  try {
    await manager.spawn({ amount: shardCount, delay: config.shardSpawnDelayMs, timeout: options.readyTimeoutMs ?? 300_000 });
  } catch (error) {
    await stop();
    throw new Error(`Discord shards did not start: ${(error as Error).message}`, { cause: error });
  }
  const ran = options.shardList ?? [...Array(shardCount).keys()];
  const which = ran.length === shardCount ? `all ${shardCount}` : `${ran.join(", ")} of ${shardCount}`;
  logger.info(`Discord shards ${which} ready`);
  return { name: `discord (shards ${which})`, stop };
}

/** Stops respawning, asks every shard to stop (SIGTERM: it finishes its answers), kills stragglers. */
async function stopShards(manager: ShardingManager, timeoutMs: number, logger: Logger): Promise<void> {
  manager.respawn = false;
  await Promise.all(
    manager.shards.map(async (shard: Shard) => {
      const child = shard.process;
      if (!child) return;
      const exited = exitOf(child);
      shard.kill();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<true>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
      if ((await Promise.race([exited, timedOut])) === true) {
        logger.warn(`shard ${shard.id} did not stop within ${timeoutMs} ms; killing it`);
        child.kill("SIGKILL");
      }
      clearTimeout(timer);
    }),
  );
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once("exit", () => resolve()));
}

/** `discord-shard.js` next to this file when built, `discord-shard.ts` when run from source. */
function defaultEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `discord-shard${path.extname(here)}`);
}
