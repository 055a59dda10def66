import { scheduleStateFrom, type ScheduleState } from "../refresh/schedule-state.js";
import type { ScheduleStore } from "../refresh/schedule-store.js";
import type { SharedDatabase } from "./database.js";
import { lockIds } from "./lock-keys.js";
import { trySessionLock } from "./session-lock.js";

/**
 * The source schedule's shared state in shared mode (migration 4): one row every host reads and
 * writes, and as lease a session advisory lock on a connection of its own, held while one host
 * checks — freed by the server if that host dies mid-check, as the refresh lock is. With it the hosts
 * that set `REFRESH_INTERVAL_MINUTES` keep one schedule instead of one per `DATA_DIR`.
 */
export class SharedScheduleStore implements ScheduleStore {
  constructor(private readonly database: SharedDatabase) {}

  async read(): Promise<ScheduleState> {
    const result = await this.database.query<{ state: unknown }>("SELECT state FROM source_schedule");
    return scheduleStateFrom(result.rows[0]?.state);
  }

  async write(state: ScheduleState): Promise<void> {
    await this.database.query(
      `INSERT INTO source_schedule (singleton, state, updated_at) VALUES (true, $1::json, now())
       ON CONFLICT (singleton) DO UPDATE SET state = EXCLUDED.state, updated_at = now()`,
      [JSON.stringify(state)],
    );
  }

  tryLease(): Promise<(() => Promise<void>) | undefined> {
    return trySessionLock(this.database, lockIds.sourceSchedule);
  }

  /** The database tells no one about a new row: look every `intervalMs`. */
  follow(changed: () => void, intervalMs: number): () => void {
    const timer = setInterval(changed, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}
