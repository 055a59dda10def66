import { bootstrap } from "../src/bootstrap.js";
import { isNieuwsbotError } from "../src/core/errors.js";
import { FeedbackStore } from "../src/feedback/feedback-store.js";
import { parseEnv } from "../src/config/parse-env.js";
import { runConsole } from "./console/console-adapter.js";
import { startTelegram } from "./telegram/start-telegram.js";
import { startDiscord } from "./discord/start-discord.js";
import type { AdapterDeps, RunningAdapter } from "./shared/adapter.js";
import { sharedAdapterEnvShape } from "./shared/adapter-config.js";

/**
 * `npm start`: one process, one core, every adapter whose token is set. With no platform token it
 * runs the console chat on the shipped article instead. SIGINT/SIGTERM stop the adapters cleanly.
 */
async function main(): Promise<void> {
  const secrets = [process.env.TELEGRAM_BOT_TOKEN, process.env.DISCORD_TOKEN, process.env.OPENAI_API_KEY].filter(
    (value): value is string => Boolean(value),
  );
  const app = await bootstrap({ secrets });
  const shared = parseEnv(sharedAdapterEnvShape, process.env);
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
  // <platform adapters>
  if (process.env.TELEGRAM_BOT_TOKEN) running.push(await startTelegram(deps, process.env));
  if (process.env.DISCORD_TOKEN) running.push(await startDiscord(deps, process.env));
  // </platform adapters>

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
