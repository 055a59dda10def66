import type { ScheduleClock } from "../../src/refresh/source-schedule.js";

interface Timer {
  at: number;
  run: () => Promise<void>;
}

/**
 * A clock that moves only when a test says so, for the source schedule: `advance` runs every timer
 * that comes due, in order, and waits for each one's work (a whole scheduled check), so a test sees
 * its result right after — without waiting minutes or guessing how long a check takes.
 */
export class ManualClock implements ScheduleClock {
  private time: number;
  private timers = new Set<Timer>();

  /** Starts at a fixed moment (never the wall clock), so dates in the state file are predictable. */
  constructor(start = Date.UTC(2024, 0, 15, 8, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimer(run: () => Promise<void>, ms: number): () => void {
    const timer = { at: this.time + ms, run };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Moves time `ms` forward, running each timer due by then (and those they set that are due too). */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const next = [...this.timers].filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers.delete(next);
      this.time = Math.max(this.time, next.at);
      await next.run();
    }
    this.time = target;
  }

  async advanceMinutes(minutes: number): Promise<void> {
    await this.advance(minutes * 60_000);
  }
}
