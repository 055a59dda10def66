/**
 * Skips the model for `cooldownMs` after it was unreachable, rate-limited or too slow. Without it,
 * a question during an outage would wait for the rewrite and then again for the answer (two
 * time-outs), and every following question would too. After the cool-down one call is let
 * through; its result decides whether the model is back. `cooldownMs = 0` never skips.
 */
export class CircuitBreaker {
  private openUntil = 0;

  constructor(
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** True while calls should be skipped. */
  isOpen(): boolean {
    return this.now() < this.openUntil;
  }

  recordFailure(): void {
    if (this.cooldownMs > 0) this.openUntil = this.now() + this.cooldownMs;
  }

  recordSuccess(): void {
    this.openUntil = 0;
  }
}
