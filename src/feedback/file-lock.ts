import { rm } from "node:fs/promises";
import { isAlive, lockOwner, withClaim, type Release } from "../util/lock-file.js";

export interface FileLockOptions {
  /** Give up after this long (default 5 s); the error names the lock file. */
  timeoutMs?: number;
  /** A lock older than this is left over from a crash and taken over (default 30 s). */
  staleMs?: number;
  /** Pause between attempts (default 5 ms). */
  retryMs?: number;
}

/**
 * Runs `work` while holding `lockFile`, a lock shared by every process on the data folder (the
 * bot, Discord shards, webhook workers, the CLI), created complete (`util/lock-file.ts`). A lock
 * whose process is gone, or that is older than `staleMs`, is taken over; no feedback operation
 * holds it for more than a moment.
 */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquire(lockFile, options);
  try {
    return await work();
  } finally {
    await release();
  }
}

async function acquire(lockFile: string, options: FileLockOptions): Promise<Release> {
  const { timeoutMs = 5000, staleMs = 30_000, retryMs = 5 } = options;
  return withClaim(lockFile, async (take) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const release = await take();
      if (release) return release;
      const owner = await lockOwner(lockFile);
      if (owner && (!isAlive(owner.pid) || Date.now() - owner.since > staleMs)) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(`${lockFile} is held by process ${owner?.pid ?? "?"}; if no Nieuwsbot process is running, delete that file.`);
      }
      await new Promise((resolve) => setTimeout(resolve, retryMs));
    }
  });
}
