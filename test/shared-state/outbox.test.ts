import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SharedStateError } from "../../src/port/errors.js";
import { Outbox } from "../../src/shared-state/outbox.js";

/** A stand-in database: stores items by value (idempotent, like the real stores) and can be switched off. */
class FakeStore {
  up = true;
  readonly stored = new Set<string>();
  deliveries = 0;
  deliver = async (item: { id: number }): Promise<void> => {
    this.deliveries++;
    if (!this.up) throw new SharedStateError("DATABASE_UNAVAILABLE", "down");
    this.stored.add(JSON.stringify(item));
  };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("Outbox", () => {
  let dir: string;
  let store: FakeStore;
  const opened: Array<Outbox<{ id: number }>> = [];
  const open = (retryMs = 20) => {
    const outbox = new Outbox({ file: path.join(dir, "outbox", "audit.jsonl"), deliver: (item: { id: number }) => store.deliver(item), retryMs });
    opened.push(outbox);
    return outbox;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "outbox-"));
    store = new FakeStore();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((outbox) => outbox.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it("writes straight through while the database answers, leaving nothing on disk", async () => {
    const outbox = open();
    expect(await outbox.send({ id: 1 })).toBe("sent");
    expect(store.stored.size).toBe(1);
    expect(await outbox.pending()).toBe(0);
  });

  it("queues while the database is down and delivers each item once, in order, when it returns", async () => {
    const outbox = open();
    store.up = false;
    expect(await outbox.send({ id: 1 })).toBe("queued");
    expect(await outbox.send({ id: 2 })).toBe("queued");
    expect(await outbox.pending()).toBe(2);
    store.up = true;
    await until(async () => (await outbox.pending()) === 0);
    expect([...store.stored]).toEqual(['{"id":1}', '{"id":2}']);
  });

  it("counts what is queued while retries move it between files, never nothing and never twice", async () => {
    const outbox = open(1);
    store.up = false;
    for (const id of [1, 2]) await outbox.send({ id });
    // Retries every millisecond rename the queue to a batch and put it back; counts in between must hold.
    const counts = new Set<number>();
    for (let round = 0; round < 200; round++) counts.add(await outbox.pending());
    expect([...counts]).toEqual([2]);
    expect(store.deliveries).toBeGreaterThan(2);
  });

  it("keeps the queue on disk for the next start when the process stops before the database returns", async () => {
    store.up = false;
    const first = open(60_000);
    await first.send({ id: 7 });
    await first.close();
    store.up = true;
    const second = open();
    await second.start();
    await until(() => store.stored.has('{"id":7}'));
    expect(await second.pending()).toBe(0);
  });

  it("takes over a batch left by a process that died mid-flush, and skips a torn line", async () => {
    const outboxDir = path.join(dir, "outbox");
    await mkdir(outboxDir);
    // pid 2^22+1 is above Linux's pid_max: no such process.
    await writeFile(path.join(outboxDir, "audit.jsonl.4194305-abcd.flushing"), '{"id":3}\n{"id":\n');
    const outbox = open();
    expect(await outbox.flush()).toBe(1);
    expect(store.stored).toEqual(new Set(['{"id":3}']));
    expect(await readdir(outboxDir)).toEqual([]);
  });

  it("puts back what a flush could not send when the database goes again midway", async () => {
    store.up = false;
    const outbox = open(60_000);
    for (const id of [1, 2, 3]) await outbox.send({ id });
    store.up = true;
    const deliver = store.deliver;
    let calls = 0;
    store.deliver = async (item) => {
      if (++calls === 2) store.up = false;
      return deliver(item);
    };
    await expect(outbox.flush()).rejects.toThrow(SharedStateError);
    expect(await outbox.pending()).toBe(2);
    store.up = true;
    expect(await outbox.flush()).toBe(2);
    expect(store.stored.size).toBe(3);
  });

  it("throws errors that are not an unavailable database instead of queueing them", async () => {
    const outbox = new Outbox({ file: path.join(dir, "q.jsonl"), deliver: () => Promise.reject(new Error("bad row")) });
    opened.push(outbox);
    await expect(outbox.send({ id: 1 })).rejects.toThrow("bad row");
    expect(await outbox.pending()).toBe(0);
  });
});
