import { bootstrap } from "../src/bootstrap.js";
import { isNieuwsbotError } from "../src/core/errors.js";
import { FeedbackStore } from "../src/feedback/feedback-store.js";
import { parseEnv } from "../src/config/parse-env.js";
import { runConsole } from "./console/console-adapter.js";
import { loadDiscordConfig } from "./discord/discord-config.js";
import { loadTelegramConfig } from "./telegram/telegram-config.js";
import type { AdapterDeps, RunningAdapter } from "./shared/adapter.js";
import { sharedAdapterEnvShape } from "./shared/adapter-config.js";

/**
 * `npm start`: one process, one core, every adapter whose token is set. With no platform token it
 * runs the console chat on the shipped article instead. SIGINT/SIGTERM stop the adapters cleanly.
 */
async function main(): Promise<void> {
  const env = process.env;
  // Every adapter's configuration is checked before the (possibly slow) index build, so a typo
  // fails in a second with the variable's name, not after minutes.
  const shared = parseEnv(sharedAdapterEnvShape, env);
  if (env.TELEGRAM_BOT_TOKEN) loadTelegramConfig(env);
  if (env.DISCORD_TOKEN) loadDiscordConfig(env);
  const secrets = [env.TELEGRAM_BOT_TOKEN, env.DISCORD_TOKEN, env.OPENAI_API_KEY].filter((value): value is string => Boolean(value));
  const app = await bootstrap({ secrets });
  const deps: AdapterDeps = {
    core: app.core,
    feedback: new FeedbackStore(app.config.dataDir),
    logger: app.logger,
    limits: {
      questionsPerWindow: shared.RATE_LIMIT_QUESTIONS,
      windowSeconds: shared.RATE_LIMIT_WINDOW_SECONDS,
      maxQuestionLength: app.config.maxQuestionLength,
    },
  };
  const running: RunningAdapter[] = [];
  // Platform libraries load only when their adapter is configured (discord.js alone takes ~1 s).
  if (env.TELEGRAM_BOT_TOKEN) running.push(await (await import("./telegram/start-telegram.js")).startTelegram(deps, env));
  if (env.DISCORD_TOKEN) running.push(await (await import("./discord/start-discord.js")).startDiscord(deps, env));

  if (running.length === 0) {
    app.logger.info("no platform token set (TELEGRAM_BOT_TOKEN, DISCORD_TOKEN): starting the console chat");
    await runConsole({ core: app.core, logger: app.logger });
    await app.core.close();
    return;
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info(`${signal} received: stopping ${running.map((adapter) => adapter.name).join(", ")}`);
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    await app.core.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  // Configuration and corpus errors carry a message that tells the operator what to fix.
  process.stderr.write(`${isNieuwsbotError(error) ? error.message : (error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
