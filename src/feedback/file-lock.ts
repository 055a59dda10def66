import { randomBytes } from "node:crypto";
import { link, readFile, rm, stat, writeFile } from "node:fs/promises";

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
 * bot, Discord shards, webhook workers, the CLI). The lock is created complete — the owner's pid
 * written to a private file first, then hard-linked into place, which fails if the lock exists —
 * so no process ever sees a half-written lock. A lock whose process is gone, or that is older than
 * `staleMs`, is taken over; no feedback operation holds it for more than a moment.
 */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const release = await acquire(lockFile, options);
  try {
    return await work();
  } finally {
    await release();
  }
}

async function acquire(lockFile: string, options: FileLockOptions): Promise<() => Promise<void>> {
  const { timeoutMs = 5000, staleMs = 30_000, retryMs = 5 } = options;
  const claim = `${lockFile}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(claim, String(process.pid));
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await link(claim, lockFile);
        return () => rm(lockFile, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
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
  } finally {
    await rm(claim, { force: true });
  }
}

/** The lock's owner and age, or undefined when it vanished meanwhile. */
async function lockOwner(lockFile: string): Promise<{ pid: number; since: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(lockFile, "utf8"), stat(lockFile)]);
    return { pid: Number.parseInt(text, 10), since: info.mtimeMs };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
