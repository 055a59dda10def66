import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { UserInputError } from "../../src/port/errors.js";

/**
 * Per-user question budget: `points` questions per `durationSeconds`, in memory (per process).
 * rate-limiter-flexible does the bookkeeping; this wrapper turns its rejection into our typed error.
 */
export class QuestionRateLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(points: number, durationSeconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: durationSeconds });
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
