import { open, readFile, rm, mkdir } from "node:fs/promises";
import path from "node:path";
import { RefreshError } from "../port/errors.js";

/**
 * A lock file that lets one refresh run at a time across processes (the bot and `npm run ingest`
 * share `DATA_DIR`). Created with O_EXCL; a lock whose process is gone is stale and taken over.
 */
export async function acquireRefreshLock(dataDir: string): Promise<() => Promise<void>> {
  const release = await tryLockFile(path.join(dataDir, "index", "refresh.lock"));
  if (release) return release;
  throw new RefreshError("REFRESH_RUNNING", "A refresh is already running (in this or another process).");
}

/**
 * Takes `file` as a lock without waiting: its release, or undefined when a live process holds it.
 * Created with O_EXCL and the owner's pid; a lock whose process is gone is taken over.
 */
export async function tryLockFile(file: string): Promise<(() => Promise<void>) | undefined> {
  await mkdir(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
      // The owner may be this very process (two cores on one data folder): alive means held.
      if (Number.isInteger(owner) && isAlive(owner)) return undefined;
      await rm(file, { force: true });
    }
  }
  return undefined;
}

/** Resolves once no live process holds the lock (polling; a build takes seconds, not milliseconds). */
export async function waitForLockRelease(dataDir: string, pollMs = 200): Promise<void> {
  const file = path.join(dataDir, "index", "refresh.lock");
  for (;;) {
    const owner = Number.parseInt(await readFile(file, "utf8").catch(() => ""), 10);
    if (!Number.isInteger(owner) || !isAlive(owner)) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
