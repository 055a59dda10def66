import { RateLimiterMemory, RateLimiterPostgres, RLWrapperTimeouts, type RateLimiterAbstract } from "rate-limiter-flexible";
import type { SharedDatabase } from "./database.js";

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
 * (the insurance limiter) decides then, so limits become per process until it returns.
 */
export function sharedRateLimiter(database: SharedDatabase, options: SharedRateLimitOptions): RateLimiterAbstract {
  const limits = { points: options.points, duration: options.durationSeconds, keyPrefix: options.keyPrefix ?? "questions" };
  const shared = new RateLimiterPostgres({ ...limits, storeClient: database.pool, storeType: "pool", tableName: "rate_limits", tableCreated: true });
  return new RLWrapperTimeouts({ limiter: shared, timeoutMs: options.timeoutMs ?? 250, insuranceLimiter: new RateLimiterMemory(limits) });
}
