import { Events, type Client, type ClientOptions } from "discord.js";
import type { Logger } from "../../src/logging/logger.js";
import type { AdapterDeps, RunningAdapter } from "../shared/adapter.js";
import { buildCommands, syncCommands, type SyncResult } from "./commands.js";
import { DiscordBot } from "./discord-bot.js";
import { loadDiscordConfig, type DiscordConfig } from "./discord-config.js";
import { inviteUrl, requiredPermissions } from "./invite-url.js";

export interface StartDiscordOptions {
  /** Extra discord.js client options (tests point `rest.api` at a fake). */
  clientOptions?: Partial<ClientOptions>;
  /** How long to wait for `clientReady` after login (default 60 s). */
  readyTimeoutMs?: number;
  /** How long `stop` waits for answers in progress (default 10 s). */
  stopTimeoutMs?: number;
  /**
   * Whether this client syncs the slash commands and logs the invite URL (default true). In a
   * sharded deployment only shard 0 does, so the commands are written once, not once per shard.
   */
  primary?: boolean;
}

/** The running adapter, with the client and the command sync outcome exposed for tests and logs. */
export interface RunningDiscord extends RunningAdapter {
  readonly client: Client;
  /** Undefined on a non-primary shard, or when the sync failed (logged; the old registration stays). */
  readonly commands: SyncResult | undefined;
}

/**
 * Starts the Discord adapter: log in, wait until ready, make the registered slash commands match
 * the definitions (overwriting only when they differ) and log the invite URL. When Discord refuses
 * the privileged Message Content intent, it logs in again without it instead of giving up.
 */
export async function startDiscord(deps: AdapterDeps, env: NodeJS.ProcessEnv = process.env, options: StartDiscordOptions = {}): Promise<RunningDiscord> {
  const config = loadDiscordConfig(env);
  const logger = deps.logger.child("discord");
  let bot: DiscordBot;
  try {
    bot = await connect(deps, config, options, true);
  } catch (error) {
    if (!isDisallowedIntents(error)) throw error;
    logger.warn(
      "Discord refused the privileged Message Content intent (enable it in the developer portal to see replies without a ping); " +
        "continuing without it: slash commands, mentions and DMs keep working",
    );
    bot = await connect(deps, config, options, false);
  }
  const client = bot.client;
  const applicationId = client.application?.id ?? config.applicationId ?? client.user!.id;
  const primary = options.primary ?? true;
  const commands = primary ? await syncSlashCommands(client, applicationId, config, deps, logger) : undefined;
  logger.info(`Discord bot ready as ${client.user!.tag}`, {
    application: applicationId,
    guilds: client.guilds.cache.size,
    shards: client.options.shards,
    shardCount: client.options.shardCount,
  });
  if (primary)
    logger.info(`invite URL (scopes bot applications.commands; permissions ${requiredPermissions.toArray().join(", ")}): ${inviteUrl(applicationId)}`);
  return {
    name: "discord",
    client,
    commands,
    stop: () => bot.stop(options.stopTimeoutMs),
  };
}

/** Makes the registered slash commands match the definitions; undefined (logged) when that fails. */
async function syncSlashCommands(
  client: Client,
  applicationId: string,
  config: DiscordConfig,
  deps: AdapterDeps,
  logger: Logger,
): Promise<SyncResult | undefined> {
  try {
    const commands = await syncCommands(client.rest, applicationId, config.guildId, buildCommands({ maxQuestionLength: deps.limits.maxQuestionLength }));
    logger.info(commands.changed ? "slash commands registered" : "slash commands already up to date", {
      scope: commands.scope,
      guild: config.guildId,
      differences: commands.differences,
    });
    return commands;
  } catch (error) {
    // Not fatal: mentions and DMs work regardless, and the previous registration stays in place.
    logger.error("could not sync slash commands; run `npm run discord:register` once Discord is reachable", { error });
    return undefined;
  }
}

async function connect(deps: AdapterDeps, config: DiscordConfig, options: StartDiscordOptions, messageContentIntent: boolean): Promise<DiscordBot> {
  const bot = new DiscordBot({ deps, config, clientOptions: options.clientOptions, messageContentIntent });
  const ready = readySignal(bot.client, options.readyTimeoutMs ?? 60_000);
  try {
    await bot.client.login(config.token);
    await ready.promise;
    return bot;
  } catch (error) {
    ready.cancel();
    await bot.client.destroy();
    throw error;
  }
}

/** Resolves on `clientReady` (all guilds received), rejects after `timeoutMs`. */
function readySignal(client: Client, timeoutMs: number): { promise: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  const promise = new Promise<void>((resolve, reject) => {
    onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    client.once(Events.ClientReady, onReady);
    timer = setTimeout(() => reject(new Error(`Discord did not report ready within ${timeoutMs} ms`)), timeoutMs);
  });
  // `connect` awaits the login first; keep a rejection in that window from counting as unhandled.
  promise.catch(() => undefined);
  return {
    promise,
    cancel: () => {
      clearTimeout(timer);
      if (onReady) client.off(Events.ClientReady, onReady);
    },
  };
}

/** Close code 4014: the bot asked for a privileged intent that is not enabled for it. */
function isDisallowedIntents(error: unknown): boolean {
  const { message, code } = (error ?? {}) as { message?: unknown; code?: unknown };
  return code === 4014 || code === "DisallowedIntents" || (typeof message === "string" && /disallowed intents/i.test(message));
}
