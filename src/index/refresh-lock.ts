import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { RefreshError } from "../port/errors.js";
import { isAlive, lockOwner, withClaim, type Release } from "../util/lock-file.js";

/**
 * A lock file that lets one refresh run at a time across processes (the bot and `npm run ingest`
 * share `DATA_DIR`); a lock whose process is gone is stale and taken over.
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
 * Takes `file` as a lock without waiting: its release, or undefined when a live process holds it
 * (`util/lock-file.ts`: the lock appears with its owner's pid). A lock whose process is gone is taken
 * over; its age says nothing, since a build may take minutes.
 */
export async function tryLockFile(file: string): Promise<Release | undefined> {
  await mkdir(path.dirname(file), { recursive: true });
  return withClaim(file, async (take) => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const release = await take();
      if (release) return release;
      const owner = await lockOwner(file);
      // Released meanwhile: try again.
      if (owner === undefined) continue;
      // The owner may be this very process (two cores on one data folder): alive means held.
      if (isAlive(owner.pid)) return undefined;
      // Removed only if it still names the dead owner: another process may have taken it over meanwhile.
      if ((await lockOwner(file))?.pid === owner.pid) await rm(file, { force: true });
    }
    return undefined;
  });
}

/** Resolves once no live process holds the lock (polling; a build takes seconds, not milliseconds). */
export async function waitForLockRelease(dataDir: string, pollMs = 200): Promise<void> {
  const file = refreshLockFile(dataDir);
  for (;;) {
    const owner = await lockOwner(file);
    if (owner === undefined || !isAlive(owner.pid)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
