import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { UserInputError } from "../../src/port/errors.js";

/**
 * Per-user question budget: `points` questions per `durationSeconds`, in memory (per process), or
 * in the shared database when `shared` is given (shared mode: `sharedRateLimiter`, which falls back
 * to a per-process count when the database is slow or down). rate-limiter-flexible does the
 * bookkeeping; this wrapper turns its rejection into our typed error.
 */
export class QuestionRateLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(points: number, durationSeconds: number, shared?: RateLimiterAbstract) {
    this.limiter = shared ?? new RateLimiterMemory({ points, duration: durationSeconds });
  }

  /**
   * Takes one question from `key`'s budget. Throws `UserInputError` with code `RATE_LIMITED` and
   * `details.retryAfterSeconds` (at least 1) when the budget is spent.
   */
  async consume(key: string): Promise<void> {
    try {
      await this.limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterSeconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw new UserInputError("RATE_LIMITED", `Too many questions; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  }
}

/** The limiter an adapter uses: counted in `limits.shared` in shared mode, in this process otherwise. */
export function questionRateLimiter(limits: { questionsPerWindow: number; windowSeconds: number; shared?: RateLimiterAbstract }): QuestionRateLimiter {
  return new QuestionRateLimiter(limits.questionsPerWindow, limits.windowSeconds, limits.shared);
}
