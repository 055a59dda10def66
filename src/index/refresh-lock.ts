import { randomUUID } from "node:crypto";
import { link, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { RefreshError } from "../port/errors.js";

/**
 * A lock file that lets one refresh run at a time across processes (the bot and `npm run ingest`
 * share `DATA_DIR`). Created with O_EXCL; a lock whose process is gone is stale and taken over.
 */
export async function acquireRefreshLock(dataDir: string): Promise<() => Promise<void>> {
  const release = await tryLockFile(refreshLockFile(dataDir));
  if (release) return release;
  throw new RefreshError("REFRESH_RUNNING", "A refresh is already running (in this or another process).");
}

/** Where the refresh lock of a `DATA_DIR` lives. */
export function refreshLockFile(dataDir: string): string {
  return path.join(dataDir, "index", "refresh.lock");
}

/**
 * Takes `file` as a lock without waiting: its release, or undefined when a live process holds it.
 * The owner's pid is written to a private file first and hard-linked to `file` (link fails if the
 * name exists), so a lock file never exists without its owner: a reader that found it empty would
 * take a live lock for a stale one. A lock whose process is gone is taken over.
 */
export async function tryLockFile(file: string): Promise<(() => Promise<void>) | undefined> {
  await mkdir(path.dirname(file), { recursive: true });
  const claim = `${file}.${process.pid}-${randomUUID()}`;
  await writeFile(claim, String(process.pid));
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await link(claim, file);
        return () => rm(file, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        const owner = await lockOwner(file);
        // The owner may be this very process (two cores on one data folder): alive means held.
        if (owner === undefined || isAlive(owner)) return undefined;
        // Removed only if it still names the dead owner: another process may have taken it over meanwhile.
        if ((await lockOwner(file)) === owner) await rm(file, { force: true });
      }
    }
    return undefined;
  } finally {
    await rm(claim, { force: true });
  }
}

/** The pid in a lock file, undefined when there is none (the file is gone). */
async function lockOwner(file: string): Promise<number | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  const pid = text === undefined ? Number.NaN : Number.parseInt(text, 10);
  // A file without a pid was not written by `tryLockFile`: it names no live owner (0 never is one).
  return text === undefined ? undefined : Number.isInteger(pid) ? pid : 0;
}

/** Resolves once no live process holds the lock (polling; a build takes seconds, not milliseconds). */
export async function waitForLockRelease(dataDir: string, pollMs = 200): Promise<void> {
  const file = refreshLockFile(dataDir);
  for (;;) {
    const owner = await lockOwner(file);
    if (owner === undefined || !isAlive(owner)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function isAlive(pid: number): boolean {
  // kill(0) and kill(-n) signal process groups: no lock owner is named that way.
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
