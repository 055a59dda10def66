import { randomUUID } from "node:crypto";
import { link, readFile, rm, stat, writeFile } from "node:fs/promises";

/**
 * Lock files shared by the processes on one data folder (the bot, shards, the CLI). A lock is
 * created complete: the owner's pid is written to a private file first and hard-linked into place,
 * which fails if the lock exists, so no reader ever finds a lock without its owner (and takes a
 * live lock for a stale one). Each caller decides when a held lock is stale.
 */

/** A lock taken by {@link withClaim}'s `take`: its release. */
export type Release = () => Promise<void>;

/**
 * Runs `attempts` with a claim file holding this process's pid, removed afterwards; each call of
 * `take` tries once to link it to `file` and gives the release, or undefined when the lock exists.
 */
export async function withClaim<T>(file: string, attempts: (take: () => Promise<Release | undefined>) => Promise<T>): Promise<T> {
  const claim = `${file}.${process.pid}-${randomUUID()}`;
  await writeFile(claim, String(process.pid));
  try {
    return await attempts(async () => {
      try {
        await link(claim, file);
        return () => rm(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        return undefined;
      }
    });
  } finally {
    await rm(claim, { force: true });
  }
}

/** A lock's owner and when it was taken, or undefined when there is no lock. A file without a pid names pid 0, no live process. */
export async function lockOwner(file: string): Promise<{ pid: number; since: number } | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(file, "utf8"), stat(file)]);
    const pid = Number.parseInt(text, 10);
    return { pid: Number.isInteger(pid) ? pid : 0, since: info.mtimeMs };
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid runs (on this host). */
export function isAlive(pid: number): boolean {
  // kill(0) and kill(-n) signal process groups: no lock owner is named that way.
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
