import type { App } from "../../src/app/bootstrap.js";
import { parseEnv } from "../../src/config/parse-env.js";
import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Logger } from "../../src/logging/logger.js";
import type { AdapterDeps, RunningAdapter } from "./adapter.js";
import { sharedAdapterEnvShape } from "./adapter-config.js";

/** Process-level plumbing shared by `adapters/start.ts` and each Discord shard process. */

/** The secret values set in the environment, so no log line can carry them. */
export function platformSecrets(env: NodeJS.ProcessEnv): string[] {
  return [env.TELEGRAM_BOT_TOKEN, env.DISCORD_TOKEN, env.OPENAI_API_KEY].filter((value): value is string => Boolean(value));
}

/** Parses the variables every adapter shares; throws `ConfigError` naming a wrong one. */
export function loadSharedAdapterEnv(env: NodeJS.ProcessEnv) {
  return parseEnv(sharedAdapterEnvShape, env);
}

/** What the adapters of this process get: its core, the shared feedback log, limits from the environment. */
export function adapterDeps(app: App, shared: ReturnType<typeof loadSharedAdapterEnv>): AdapterDeps {
  return {
    core: app.core,
    feedback: new FeedbackStore(app.config.dataDir),
    logger: app.logger,
    limits: {
      questionsPerWindow: shared.RATE_LIMIT_QUESTIONS,
      windowSeconds: shared.RATE_LIMIT_WINDOW_SECONDS,
      maxQuestionLength: app.config.maxQuestionLength,
    },
  };
}

/**
 * On SIGINT/SIGTERM: stop the adapters, letting answers in progress finish, run `afterStop`, exit 0.
 * Runs once however many signals arrive. Returns that stop, for callers with other reasons to stop.
 */
export function stopOnSignals(running: RunningAdapter[], logger: Logger, afterStop: () => Promise<void>): (reason: string) => Promise<void> {
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: stopping ${running.map((adapter) => adapter.name).join(", ")}`);
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    await afterStop();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT received"));
  process.once("SIGTERM", () => void stop("SIGTERM received"));
  return stop;
}
