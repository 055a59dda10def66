import { bootstrap, type App } from "../src/app/bootstrap.js";
import { isNieuwsbotError } from "../src/port/errors.js";
import { runConsole } from "./console/console-adapter.js";
import { loadDiscordConfig } from "./discord/discord-config.js";
import { loadTelegramConfig } from "./telegram/telegram-config.js";
import type { RunningAdapter } from "./shared/adapter.js";
import { adapterDeps, loadSharedAdapterEnv, platformSecrets, stopOnSignals } from "./shared/process-runtime.js";

/**
 * `npm start`: one process, one core, every adapter whose token is set. With no platform token it
 * runs the console chat on the shipped article instead. When this host runs more than one Discord
 * shard, they run as child processes (`discord/discord-shards.ts`) with a core each; one shard (the
 * only one, or this host's `DISCORD_SHARD_LIST` of one) runs in this process. SIGINT/SIGTERM
 * stop the adapters cleanly.
 */
async function main(): Promise<void> {
  const env = process.env;
  // Every adapter's configuration is checked before the (possibly slow) index build, so a typo
  // fails in a second with the variable's name, not after minutes.
  const shared = loadSharedAdapterEnv(env);
  if (env.TELEGRAM_BOT_TOKEN) loadTelegramConfig(env);
  const discord = env.DISCORD_TOKEN ? loadDiscordConfig(env) : undefined;
  // Built (or loaded) here first, so Discord shards find the index on disk instead of all building it.
  // This process runs the source schedule while its core serves; shard 0 runs it when Discord is sharded.
  let app: App | undefined = await bootstrap({ secrets: platformSecrets(env), schedule: true });
  const logger = app.logger;
  const deps = adapterDeps(app, shared);
  const running: RunningAdapter[] = [];
  let coreInUse = false;
  // Platform libraries load only when their adapter is configured (discord.js alone takes ~1 s).
  if (env.TELEGRAM_BOT_TOKEN) {
    running.push(await (await import("./telegram/start-telegram.js")).startTelegram(deps, env));
    coreInUse = true;
  }
  if (discord) {
    const { planShards, startDiscordShards } = await import("./discord/discord-shards.js");
    const plan = await planShards(discord);
    if (plan.mine.length > 1) {
      running.push(await startDiscordShards(discord, plan.total, logger, { shardList: plan.mine }));
    } else {
      // One shard (of one, or this host's one of several) runs in this process with this core.
      const clientOptions = plan.total > 1 ? { shards: plan.mine, shardCount: plan.total } : undefined;
      const { startDiscord } = await import("./discord/start-discord.js");
      running.push(await startDiscord(deps, env, { clientOptions, primary: plan.syncsCommands }));
      coreInUse = true;
    }
  }

  if (running.length === 0) {
    logger.info("no platform token set (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN): starting the console chat");
    await runConsole({ core: app.core, logger: app.logger });
    await deps.feedback.close();
    await app.core.close();
    return;
  }
  if (!coreInUse) {
    // Only Discord shards answer questions, each with its own copy of the index: let this one go.
    await deps.feedback.close();
    await app.core.close();
    app = undefined;
  }
  stopOnSignals(running, logger, async () => {
    // The votes' outbox stops before the core closes the shared database it writes to.
    await deps.feedback.close();
    await app?.core.close();
  });
}

main().catch((error: unknown) => {
  // Configuration and corpus errors carry a message that tells the operator what to fix.
  process.stderr.write(`${isNieuwsbotError(error) ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
