import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, RLWrapperTimeouts, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { CircuitBreaker } from "../util/circuit-breaker.js";
import { withinBudget } from "../util/circuit-breaker.js";
import { isConnectionFault, isDatabaseUnavailable, skippedDatabase, type SharedDatabase } from "./database.js";

export interface SharedRateLimitOptions {
  /** Questions per window. */
  points: number;
  durationSeconds: number;
  /** Longest the database may take to count a question before the local count decides (ms). Default 250. */
  timeoutMs?: number;
  /** Keeps counters of different limits apart in the one table. Default `questions`. */
  keyPrefix?: string;
}

/**
 * A per-user limit every replica counts together, so a user's sixth question in the window is
 * refused whichever replica gets it. rate-limiter-flexible's PostgreSQL store does the counting in
 * the `rate_limits` table (created by the migrations, so the limiter never runs DDL). A database that
 * is slower than `timeoutMs` or down never delays or fails a question: this process's own counter
 * (the insurance limiter) decides then, so limits become per process until it returns — and while
 * the database's breaker is open, decides at once, without asking the database.
 */
export function sharedRateLimiter(database: SharedDatabase, options: SharedRateLimitOptions): RateLimiterAbstract {
  const limits = { points: options.points, duration: options.durationSeconds, keyPrefix: options.keyPrefix ?? "questions" };
  const timeoutMs = options.timeoutMs ?? 250;
  const shared = new BreakerPostgres(
    { ...limits, storeClient: database.pool, storeType: "pool", tableName: "rate_limits", tableCreated: true },
    database.breaker,
    timeoutMs,
  );
  return new RLWrapperTimeouts({ limiter: shared, timeoutMs, insuranceLimiter: new RateLimiterMemory(limits) });
}

/** The PostgreSQL counter under the database's breaker: skipped while it is open, its outcome within the budget recorded. */
class BreakerPostgres extends RateLimiterPostgres {
  constructor(
    options: ConstructorParameters<typeof RateLimiterPostgres>[0],
    private readonly breaker: CircuitBreaker,
    private readonly budgetMs: number,
  ) {
    super(options);
  }

  override consume(key: string | number, pointsToConsume?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    // Rejected with another error than a RateLimiterRes, the wrapper's insurance limiter decides.
    if (!this.breaker.allow()) return Promise.reject(skippedDatabase());
    const counting = super.consume(key, pointsToConsume, options);
    // Only records the outcome: the wrapper keeps its own race. A refusal over the limit is an answer.
    withinBudget(
      counting,
      this.budgetMs,
      this.breaker,
      (error) => !(error instanceof RateLimiterRes) && (isConnectionFault(error) || isDatabaseUnavailable(error)),
    ).catch(() => undefined);
    return counting;
  }
}
