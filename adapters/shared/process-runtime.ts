import path from "node:path";
import type { App } from "../../src/app/bootstrap.js";
import { parseEnv } from "../../src/config/parse-env.js";
import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Logger } from "../../src/logging/logger.js";
import { sharedRateLimiter } from "../../src/shared-state/rate-limit.js";
import { SharedAnswers } from "../../src/shared-state/shared-answers.js";
import { SharedVotes } from "../../src/shared-state/shared-votes.js";
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

/** How long a question and a press wait for the shared database before the local fallback decides (ms). */
export interface SharedBudgets {
  /** The rate limit and the answer behind the buttons (default 250). */
  questionMs?: number;
  /** A 👍/👎 vote before it is queued (default 500). */
  pressMs?: number;
}

/**
 * What the adapters of this process get: its core, the feedback store, limits from the environment.
 * In shared mode (`app.shared`) question counts and votes live in the database every replica
 * shares, each with a small time budget and a local fallback (see `sharedRateLimiter`, `SharedVotes`);
 * after one misses its budget they all skip the database for a cool-down (`SharedDatabase.breaker`).
 */
export function adapterDeps(app: App, shared: ReturnType<typeof loadSharedAdapterEnv>, budgets: SharedBudgets = {}): AdapterDeps {
  const limits = { points: shared.RATE_LIMIT_QUESTIONS, durationSeconds: shared.RATE_LIMIT_WINDOW_SECONDS };
  return {
    core: app.core,
    feedback: feedbackStore(app, budgets),
    logger: app.logger,
    limits: {
      questionsPerWindow: limits.points,
      windowSeconds: limits.durationSeconds,
      maxQuestionLength: app.config.maxQuestionLength,
      shared: app.shared && sharedRateLimiter(app.shared, { ...limits, timeoutMs: budgets.questionMs }),
    },
  };
}

/**
 * `feedback.jsonl` in file mode. In shared mode the database: the answers behind the buttons (a press
 * may reach another replica than the one that answered) and the votes, both queued on disk while the
 * database is away; a press that cannot find its answer then waits in the queue for it.
 */
function feedbackStore(app: App, budgets: SharedBudgets): FeedbackStore {
  if (!app.shared) return new FeedbackStore(app.config.dataDir);
  const logger = app.logger;
  const answers = new SharedAnswers(app.shared, { outboxFile: path.join(app.config.dataDir, "outbox", "answers.jsonl"), budgetMs: budgets.questionMs, logger });
  const votes = new SharedVotes(app.shared, app.config.dataDir, { answers, logger, budgetMs: budgets.pressMs });
  // What an earlier run queued goes out as soon as the database answers; a failure here is retried by the outbox.
  for (const outbox of [answers, votes]) outbox.start().catch((error: unknown) => logger.warn("could not read the feedback outbox", { error }));
  return new FeedbackStore(app.config.dataDir, { votes, answers, answersBudgetMs: budgets.questionMs });
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
