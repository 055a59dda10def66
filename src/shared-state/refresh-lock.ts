import type pg from "pg";
import { RefreshError } from "../port/errors.js";
import type { SharedDatabase } from "./database.js";
import { lockIds, lockSpace } from "./lock-keys.js";

export interface SharedRefreshLockOptions {
  /**
   * Called once if the session holding the lock ends before `release` (the database restarted, the
   * network dropped): from then on another replica may take the lock, so the refresh in progress
   * must not publish what it built.
   */
  onLost?: (reason: Error) => void;
}

/**
 * One refresh at a time across every host: a session-level advisory lock held on a connection of
 * its own for as long as the refresh runs. The server releases it when that connection ends for any
 * reason, so a replica that dies mid-refresh (killed, power lost, network gone) never leaves a stale
 * lock behind — unlike the lock file, no one has to decide whether its owner still lives.
 */
export class SharedRefreshLock {
  constructor(private readonly database: SharedDatabase) {}

  /**
   * Takes the lock without waiting. Resolves to its release (the same shape as the lock file's
   * `acquireRefreshLock`); throws `RefreshError` `REFRESH_RUNNING` when another session holds it and
   * `SharedStateError` `DATABASE_UNAVAILABLE` when the database cannot be reached.
   */
  async acquire(options: SharedRefreshLockOptions = {}): Promise<() => Promise<void>> {
    const session = await this.database.session();
    let locked = false;
    try {
      const result = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [lockSpace, lockIds.refresh]);
      locked = result.rows[0]?.locked === true;
    } catch (error) {
      await session.end().catch(() => undefined);
      throw this.database.translate(error);
    }
    if (!locked) {
      await session.end().catch(() => undefined);
      throw new RefreshError("REFRESH_RUNNING", "A refresh is already running (on this or another host).");
    }
    return holdUntilReleased(session, options.onLost);
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

/** The release of a held lock; reports a connection that ends first to `onLost`, once. */
function holdUntilReleased(session: pg.Client, onLost: SharedRefreshLockOptions["onLost"]): () => Promise<void> {
  let released = false;
  session.once("end", () => {
    if (!released) onLost?.(new Error("The connection holding the refresh lock ended; the lock is gone."));
  });
  return async () => {
    if (released) return;
    released = true;
    // Unlock explicitly, then close; if the connection is already gone the server freed the lock anyway.
    await session.query("SELECT pg_advisory_unlock($1, $2)", [lockSpace, lockIds.refresh]).catch(() => undefined);
    await session.end().catch(() => undefined);
  };
}
