import { unwatchFile, watchFile } from "node:fs";
import path from "node:path";
import { tryLockFile } from "../index/refresh-lock.js";
import { readScheduleState, scheduleLeaseFileName, scheduleStateFileName, writeScheduleState, type ScheduleState } from "./schedule-state.js";

/**
 * Where the scheduled re-fetch of URL sources keeps the state its checkers share and the lease that
 * lets one of them check at a time: `DATA_DIR`'s files (every process on one data folder), or in
 * shared mode the database (every host: `SharedScheduleStore`), so the links are asked once per
 * interval however many processes or hosts run the schedule.
 */
export interface ScheduleStore {
  /** The shared state; empty when no check was recorded yet. */
  read(): Promise<ScheduleState>;
  /** Replaces the state atomically: a reader sees the old or the new one. */
  write(state: ScheduleState): Promise<void>;
  /** Takes the lease without waiting: its release, or undefined when another checker holds it. */
  tryLease(): Promise<(() => Promise<void>) | undefined>;
  /** Calls `changed` when another checker may have recorded a check (looking every `intervalMs`); returns what stops it. */
  follow(changed: () => void, intervalMs: number): () => void;
}

/** The state in `<dataDir>/source-schedule.json`, the lease `<dataDir>/source-schedule.lock`. */
export function fileScheduleStore(dataDir: string): ScheduleStore {
  const stateFile = path.join(dataDir, scheduleStateFileName);
  return {
    read: () => readScheduleState(dataDir),
    write: (state) => writeScheduleState(dataDir, state),
    tryLease: () => tryLockFile(path.join(dataDir, scheduleLeaseFileName)),
    follow(changed, intervalMs) {
      const listener = () => changed();
      // persistent: false — following must never keep a finished process alive.
      watchFile(stateFile, { interval: intervalMs, persistent: false }, listener);
      return () => unwatchFile(stateFile, listener);
    },
  };
}
