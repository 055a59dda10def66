import type { Logger } from "../logging/logger.js";
import { isNieuwsbotError } from "../port/errors.js";
import type { ScheduleStatus } from "../port/types.js";
import { emptyScheduleState, type ScheduleState, type SourceRecord } from "./schedule-state.js";
import { fileScheduleStore, type ScheduleStore } from "./schedule-store.js";

/** How one scheduled check went, as the core reports it to the schedule. */
export interface ScheduledRun {
  outcome: NonNullable<ScheduleStatus["lastCheck"]>["outcome"];
  newVersion?: number;
  reason?: string;
  /** What to remember per URL after a successful check; absent after `failed` or `busy`. */
  sources?: Record<string, SourceRecord>;
}

/** Time for the schedule; tests pass a manual one so nothing waits minutes. */
export interface ScheduleClock {
  now(): number;
  /** Calls `run` after `ms`; returns what cancels it. */
  setTimer(run: () => Promise<void>, ms: number): () => void;
}

/** The real clock. Its timers are `unref`ed: a schedule never keeps a process alive. */
export const systemClock: ScheduleClock = {
  now: () => Date.now(),
  setTimer(run, ms) {
    const timer = setTimeout(() => void run(), ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};

export interface SourceScheduleOptions {
  dataDir: string;
  /** Where the shared state and the lease live; `dataDir`'s files by default (shared mode: the database). */
  store?: ScheduleStore;
  intervalMinutes: number;
  /** The interval in milliseconds instead of `intervalMinutes` (tests only; `/status` still shows the minutes). */
  intervalMs?: number;
  clock?: ScheduleClock;
  logger: Logger;
  /**
   * One check under the refresh lock (the core's). Resolves to undefined when there is nothing to
   * check (no URL in `sources.txt`): then nothing is recorded.
   */
  check: (known: Record<string, SourceRecord>) => Promise<ScheduledRun | undefined>;
  /** How often to look for checks made by other processes (or hosts), for `/status`; 0 never looks. */
  watchIntervalMs: number;
}

const day = 24 * 60 * 60 * 1000;
// setTimeout fires at once for delays past 2^31 - 1 ms (24.8 days): longer waits are made of shorter ones.
const maxTimerMs = 2 ** 31 - 1;

/**
 * The wait before the next check: the interval, doubled for each failure in a row, at most eight
 * intervals and at most a day (but never less than one interval) — a publisher that is down is
 * asked less and less often, and a bot recovers within a day of it coming back.
 */
export function backoffDelayMs(intervalMs: number, failures: number): number {
  const cap = Math.max(intervalMs, Math.min(8 * intervalMs, day));
  return Math.min(intervalMs * 2 ** Math.min(failures, 30), cap);
}

/**
 * Re-checks the URL sources every `REFRESH_INTERVAL_MINUTES`. Every process on a data folder — in
 * shared mode every host — may run one: they share the last check through the store
 * (`source-schedule.json`, or the database), so the sources are checked once per interval however
 * many processes there are, and the store's lease lets only one of them check at a time. Processes
 * that do not `start` it still follow the shared state for `/status`.
 */
export class SourceSchedule {
  private state: ScheduleState;
  private readonly clock: ScheduleClock;
  private readonly intervalMs: number;
  private readonly startedAt: number;
  /** Not before this moment (ms): set when there was nothing to check or another process was checking. */
  private notBefore = 0;
  private started = false;
  private cancelTimer: (() => void) | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly store: ScheduleStore;
  private stopFollowing: (() => void) | undefined;

  private constructor(
    private readonly options: SourceScheduleOptions,
    state: ScheduleState,
  ) {
    this.state = state;
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? options.intervalMinutes * 60_000;
    this.startedAt = this.clock.now();
    this.store = options.store ?? fileScheduleStore(options.dataDir);
  }

  /**
   * Reads the shared state and follows other processes' checks; call `start` to run checks too. A
   * state that cannot be read now (the shared database away) is read again before each check.
   */
  static async open(options: SourceScheduleOptions): Promise<SourceSchedule> {
    const schedule = new SourceSchedule(options, emptyScheduleState);
    await schedule.follow();
    if (options.watchIntervalMs > 0) schedule.stopFollowing = schedule.store.follow(() => void schedule.follow(), options.watchIntervalMs);
    return schedule;
  }

  start(): void {
    this.started = true;
    this.arm();
  }

  /** Stops timers and following; resolves once a check in progress has finished and been recorded. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer?.();
    this.stopFollowing?.();
    await this.ticking;
  }

  /** In a process that runs checks, when it will check next; in others, what the last checker planned. */
  status(): ScheduleStatus {
    const { lastCheck, consecutiveFailures, nextCheckAt } = this.state;
    const next = this.started && !this.stopped ? new Date(this.dueAt()).toISOString() : nextCheckAt;
    return { intervalMinutes: this.options.intervalMinutes, lastCheck, nextCheckAt: next, consecutiveFailures };
  }

  /** The timer's work: check if due (by the shared state), record it, plan the next. Never throws. */
  tick(): Promise<void> {
    this.ticking ??= this.checkIfDue()
      .catch((error: unknown) => {
        // The state could not be read or written (disk full?): wait as after a failure, never spin.
        this.notBefore = this.clock.now() + backoffDelayMs(this.intervalMs, this.state.consecutiveFailures + 1);
        this.options.logger.error("scheduled source check could not run", { error });
      })
      .finally(() => {
        this.ticking = undefined;
        this.arm();
      });
    return this.ticking;
  }

  private async checkIfDue(): Promise<void> {
    const release = await this.store.tryLease();
    if (!release) {
      // Another process (or host) is checking right now; its result will be in the shared state.
      this.notBefore = this.clock.now() + this.intervalMs;
      return;
    }
    try {
      this.state = await this.store.read();
      // Stopped meanwhile (the core is closing): no check may start on a closed core.
      if (this.stopped || this.clock.now() < this.dueAt()) return;
      const run = await this.options.check(this.state.sources);
      if (!run) {
        this.options.logger.debug("scheduled source check: no URL in sources.txt");
        this.notBefore = this.clock.now() + this.intervalMs;
        return;
      }
      await this.record(run);
    } finally {
      await release();
    }
  }

  /** The check's result becomes the shared state; one log line says what it means for the next. */
  private async record(run: ScheduledRun): Promise<void> {
    const at = this.clock.now();
    const failures = run.outcome === "failed" ? this.state.consecutiveFailures + 1 : run.outcome === "busy" ? this.state.consecutiveFailures : 0;
    const next = at + backoffDelayMs(this.intervalMs, failures);
    this.state = {
      lastCheck: { at: new Date(at).toISOString(), outcome: run.outcome, newVersion: run.newVersion, reason: run.reason },
      consecutiveFailures: failures,
      nextCheckAt: new Date(next).toISOString(),
      sources: run.sources ?? this.state.sources,
    };
    await this.store.write(this.state);
    const wait = `next check in ${Math.round((next - at) / 60_000)} min`;
    const { logger } = this.options;
    if (run.outcome === "failed") logger.warn(`scheduled source check failed (${failures} in a row), the live version stays: ${run.reason}; ${wait}`);
    else if (run.outcome === "busy") logger.info(`scheduled source check skipped: another refresh is running; ${wait}`);
    else logger.debug(`scheduled source check: ${run.outcome}; ${wait}`);
  }

  /** When the next check is due: one (backed-off) interval after the last check of any process, or after start. */
  private dueAt(): number {
    const last = this.state.lastCheck ? Date.parse(this.state.lastCheck.at) : this.startedAt;
    return Math.max(last + backoffDelayMs(this.intervalMs, this.state.consecutiveFailures), this.notBefore);
  }

  private arm(): void {
    this.cancelTimer?.();
    if (this.stopped) return;
    const wait = Math.min(Math.max(0, this.dueAt() - this.clock.now()), maxTimerMs);
    this.cancelTimer = this.clock.setTimer(() => this.tick(), wait);
  }

  /** Picks up a check another process recorded, for `/status`; a running timer re-reads it when it fires. */
  private async follow(): Promise<void> {
    try {
      this.state = await this.store.read();
    } catch (error) {
      // A shared database that went away has said so once already; every look must not say it again.
      const away = isNieuwsbotError(error) && error.code === "DATABASE_UNAVAILABLE";
      this.options.logger[away ? "debug" : "warn"]("could not read the source schedule's state", { error });
    }
  }
}
