import type pg from "pg";
import type { SharedDatabase } from "./database.js";
import { lockSpace } from "./lock-keys.js";

/**
 * A session-level advisory lock, taken without waiting, on a connection of its own held for as long
 * as the lock is. The server releases it when that connection ends for any reason, so a host that
 * dies while holding it (killed, power lost, network gone) never leaves a stale lock behind.
 * Resolves to its release, or undefined when another session holds it; `SharedStateError`
 * `DATABASE_UNAVAILABLE` when the database cannot be reached. `onLost` hears, once, a connection
 * that ends before the release: from then on another host may take the lock.
 */
export async function trySessionLock(database: SharedDatabase, lockId: number, onLost?: (reason: Error) => void): Promise<(() => Promise<void>) | undefined> {
  const session = await database.session();
  let locked = false;
  try {
    const result = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", [lockSpace, lockId]);
    locked = result.rows[0]?.locked === true;
  } catch (error) {
    await endSession(session);
    throw database.translate(error);
  }
  if (!locked) {
    await endSession(session);
    return undefined;
  }
  let released = false;
  session.once("end", () => {
    if (!released) onLost?.(new Error("The connection holding the lock ended; the lock is gone."));
  });
  return async () => {
    if (released) return;
    released = true;
    // Unlock explicitly, then close; if the connection is already gone the server freed the lock anyway.
    await session.query("SELECT pg_advisory_unlock($1, $2)", [lockSpace, lockId]).catch(() => undefined);
    await endSession(session);
  };
}

/** Ends a session whose work is done; a connection that already broke has nothing left to end. */
async function endSession(session: pg.Client): Promise<void> {
  await session.end().catch(() => undefined);
}
