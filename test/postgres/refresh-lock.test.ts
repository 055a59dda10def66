import { describe, expect, it } from "vitest";
import { RefreshError, SharedStateError } from "../../src/port/errors.js";
import { SharedDatabase } from "../../src/shared-state/database.js";
import { SharedRefreshLock } from "../../src/shared-state/refresh-lock.js";
import { closedPort } from "../helpers/closed-port.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.skipIf(!postgresAvailable)("shared refresh lock", () => {
  const db = useTestDatabase();

  it("one holder at a time across replicas; released, the next replica takes it", async () => {
    const [a, b] = [new SharedRefreshLock(db.open()), new SharedRefreshLock(db.open())];
    expect(await a.isHeld()).toBe(false);
    const release = await a.acquire();
    const error = await refused(b.acquire());
    expect(error).toBeInstanceOf(RefreshError);
    expect((error as RefreshError).code).toBe("REFRESH_RUNNING");
    // The holder's own replica is refused too: a second refresh in the same process waits its turn like any other.
    expect(((await refused(a.acquire())) as RefreshError).code).toBe("REFRESH_RUNNING");
    expect(await b.isHeld()).toBe(true);
    const waited = b.waitForRelease(20);
    await release();
    await waited;
    const releaseB = await b.acquire();
    await releaseB();
    await releaseB();
    expect(await a.isHeld()).toBe(false);
  });

  it("a replica whose connection dies mid-refresh loses the lock: the server frees it and the holder is told", async () => {
    const holder = new SharedRefreshLock(db.open({ applicationName: "refresh-holder" }));
    const other = new SharedRefreshLock(db.open());
    const lost: Error[] = [];
    const release = await holder.acquire({ onLost: (reason) => lost.push(reason) });
    expect(await db.terminate("refresh-holder")).toBe(1);
    await eventually(async () => lost.length === 1);
    expect(lost[0]!.message).toContain("lock is gone");
    // pg_terminate_backend only signals: the backend (and its lock) goes a moment later.
    let taken: (() => Promise<void>) | undefined;
    await eventually(async () => {
      taken = await other.acquire().catch(() => undefined);
      return taken !== undefined;
    });
    await release();
    expect(await other.isHeld()).toBe(true);
    await taken!();
    expect(lost).toHaveLength(1);
  });

  it("an unreachable database refuses the lock as DATABASE_UNAVAILABLE, without the password", async () => {
    const database = new SharedDatabase(`postgres://nieuwsbot:hunter2-secret@127.0.0.1:${await closedPort()}/nieuwsbot`, { connectTimeoutMs: 1000 });
    try {
      const error = await refused(new SharedRefreshLock(database).acquire());
      expect(error).toBeInstanceOf(SharedStateError);
      expect((error as SharedStateError).code).toBe("DATABASE_UNAVAILABLE");
      expect((error as SharedStateError).message).toContain("postgres://***@127.0.0.1:");
      expect((error as SharedStateError).message).not.toContain("hunter2");
    } finally {
      await database.close();
    }
  });
});
