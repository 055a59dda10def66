import { RefreshError } from "../port/errors.js";
import type { SharedDatabase } from "./database.js";
import { lockIds, lockSpace } from "./lock-keys.js";
import { trySessionLock } from "./session-lock.js";

export interface SharedRefreshLockOptions {
  /**
   * Called once if the session holding the lock ends before `release` (the database restarted, the
   * network dropped): from then on another replica may take the lock, so the refresh in progress
   * must not publish what it built.
   */
  onLost?: (reason: Error) => void;
}

/**
 * One refresh at a time across every host: a session-level advisory lock (`trySessionLock`) held for
 * as long as the refresh runs, so a replica that dies mid-refresh never leaves a stale lock behind —
 * unlike the lock file, no one has to decide whether its owner still lives.
 */
export class SharedRefreshLock {
  constructor(private readonly database: SharedDatabase) {}

  /**
   * Takes the lock without waiting. Resolves to its release (the same shape as the lock file's
   * `acquireRefreshLock`); throws `RefreshError` `REFRESH_RUNNING` when another session holds it and
   * `SharedStateError` `DATABASE_UNAVAILABLE` when the database cannot be reached.
   */
  async acquire(options: SharedRefreshLockOptions = {}): Promise<() => Promise<void>> {
    const release = await trySessionLock(this.database, lockIds.refresh, options.onLost);
    if (!release) throw new RefreshError("REFRESH_RUNNING", "A refresh is already running (on this or another host).");
    return release;
  }

  /** Whether some session holds the lock now (for `/status`; a moment later it may differ). */
  async isHeld(): Promise<boolean> {
    const result = await this.database.query<{ held: boolean }>(
      `SELECT EXISTS (
         SELECT 1 FROM pg_locks
          WHERE locktype = 'advisory' AND granted AND classid = $1 AND objid = $2 AND objsubid = 2
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
       ) AS held`,
      [lockSpace, lockIds.refresh],
    );
    return result.rows[0]?.held === true;
  }

  /** Resolves once no session holds the lock (polling; a refresh takes seconds, not milliseconds). */
  async waitForRelease(pollMs = 200): Promise<void> {
    while (await this.isHeld()) await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
