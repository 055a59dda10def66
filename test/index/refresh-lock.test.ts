import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tryLockFile } from "../../src/index/refresh-lock.js";

/**
 * The lock file that keeps refreshes one at a time across processes sharing `DATA_DIR`. The
 * processes are stood in for by concurrent calls (the lock is by pid, and they share this one).
 */
let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-lock-"));
  file = path.join(dir, "index", "refresh.lock");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid no process has: above Linux's pid_max limit (2^22). */
const deadPid = 4_194_305;

describe("tryLockFile", () => {
  it("gives the lock to exactly one of many concurrent takers, and the file names its owner from the start", async () => {
    for (let round = 0; round < 50; round += 1) {
      const takers = await Promise.all(Array.from({ length: 10 }, () => tryLockFile(file)));
      expect(takers.filter(Boolean), `round ${round}`).toHaveLength(1);
      expect(await readFile(file, "utf8")).toBe(String(process.pid));
      await takers.find(Boolean)!();
    }
    await tryLockFile(file);
    // No claim file is left beside the lock.
    expect(await readdir(path.dirname(file))).toEqual(["refresh.lock"]);
  });

  it("refuses a lock this live process holds and hands it out again once released", async () => {
    const release = await tryLockFile(file);
    expect(await tryLockFile(file)).toBeUndefined();
    await release!();
    expect(await tryLockFile(file)).toBeTypeOf("function");
  });

  it("takes over a lock whose owner is gone, or that names no owner", async () => {
    await tryLockFile(file).then((release) => release!());
    for (const stale of [String(deadPid), "", "not a pid"]) {
      await writeFile(file, stale);
      const release = await tryLockFile(file);
      expect(release, JSON.stringify(stale)).toBeTypeOf("function");
      expect(await readFile(file, "utf8")).toBe(String(process.pid));
      await release!();
    }
  });
});
