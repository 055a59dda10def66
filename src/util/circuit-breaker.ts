/**
 * Skips a service for `cooldownMs` after it was unreachable, rate-limited or too slow. Without it,
 * a question during an outage would wait for the rewrite and then again for the answer (two
 * time-outs), and every following question would too. `cooldownMs = 0` never skips.
 *
 * Two ways to use it. `isOpen` (the model): after the cool-down every call goes through, and the
 * first result decides whether the service is back. `allow` (the shared database, whose calls come
 * from many stores at once): after the cool-down one call, the probe, is let through; the others
 * are still skipped until its result is recorded (or, should that never come, another cool-down
 * has passed). A success closes the breaker, a failure opens it for another cool-down.
 */
export class CircuitBreaker {
  private openUntil = 0;
  /** Whether a failure was recorded and no success since (open, or waiting for a probe's result). */
  private tripped = false;
  /** A probe is out until then. */
  private probeUntil = 0;

  constructor(
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while calls should be skipped (the cool-down has not passed). */
  isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  /** Whether a call may go ahead now: always while closed; after the cool-down, one probe at a time. */
  allow(): boolean {
    if (!this.tripped) return true;
    const now = this.now();
    if (now < this.openUntil || now < this.probeUntil) return false;
    this.probeUntil = now + this.cooldownMs;
    return true;
  }

  recordFailure(): void {
    if (this.cooldownMs <= 0) return;
    this.tripped = true;
    this.openUntil = this.now() + this.cooldownMs;
    this.probeUntil = 0;
  }

  recordSuccess(): void {
    this.tripped = false;
    this.openUntil = 0;
    this.probeUntil = 0;
  }
}

/** A call did not settle within its time budget. */
export class OverBudget extends Error {
  constructor(readonly budgetMs: number) {
    super(`no answer within ${budgetMs} ms`);
  }
}

/**
 * `work`'s result when it settles within `budgetMs`; otherwise rejects with `OverBudget` (the work
 * goes on, and its late failure is ignored). With a `breaker`, the outcome is recorded: over budget,
 * or a failure `isOutage` recognizes, opens it; anything else settled in time closes it.
 */
export async function withinBudget<T>(
  work: Promise<T>,
  budgetMs: number,
  breaker?: CircuitBreaker,
  isOutage: (error: unknown) => boolean = () => true,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new OverBudget(budgetMs)), budgetMs)));
  // A call that lost the race still settles later; its failure is already accounted for.
  work.catch(() => undefined);
  try {
    const result = await Promise.race([work, late]);
    breaker?.recordSuccess();
    return result;
  } catch (error) {
    if (error instanceof OverBudget || isOutage(error)) breaker?.recordFailure();
    else breaker?.recordSuccess();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
