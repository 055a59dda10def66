import { randomBytes } from "node:crypto";
import { appendFile, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { silentLogger, type Logger } from "../logging/logger.js";
import { SharedStateError } from "../port/errors.js";

export interface OutboxOptions<T> {
  /** The queue file, e.g. `<DATA_DIR>/outbox/audit.jsonl`; its folder is created when needed. */
  file: string;
  /**
   * Writes one item to the database. Must be idempotent (the stores key writes by content): an item
   * whose write reached the database but whose answer was lost is sent again and must land once.
   */
  deliver: (item: T) => Promise<unknown>;
  /** How often queued items are retried while the database is away (ms). Default 5000. */
  retryMs?: number;
  /** When it says so, `send` queues without trying (the database's breaker is open). Retries do not ask it. */
  skip?: () => boolean;
  logger?: Logger;
}

/**
 * A small file-backed queue for writes to the shared database (audit entries, feedback votes) while
 * the database is down: `send` writes straight through when it can; when the database cannot be
 * reached the item is appended to a JSON-lines file in `DATA_DIR` and retried in the background
 * until it lands, in order. On disk so a process that restarts meanwhile loses nothing.
 *
 * Several processes may share one `DATA_DIR` (shards on one host): a flush first renames the queue
 * file to a name of its own — atomic, so two processes never send the same batch — and puts back
 * what it could not send. A batch left behind by a process that died mid-flush is picked up too
 * (sending it twice is harmless, the writes being idempotent).
 */
export class Outbox<T> {
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<number> | undefined;
  private closed = false;
  /** Batch files this process is flushing now. */
  private readonly inFlight = new Set<string>();
  private readonly logger: Logger;

  constructor(private readonly options: OutboxOptions<T>) {
    this.logger = options.logger ?? silentLogger;
  }

  /** Sends `item` now, or queues it when the database is unavailable. Other errors are thrown. */
  async send(item: T): Promise<"sent" | "queued"> {
    if (this.options.skip?.()) {
      await this.enqueue(item);
      return "queued";
    }
    try {
      await this.options.deliver(item);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      await this.enqueue(item);
      return "queued";
    }
    // The database answers again: anything queued earlier can go now.
    if (this.timer) void this.flush().catch(() => undefined);
    return "sent";
  }

  /** Starts retrying what a previous run left queued (call once at start-up). */
  async start(): Promise<void> {
    if ((await this.pendingFiles()).length > 0) this.schedule();
  }

  /** Sends every queued item, oldest first; stops at the first that cannot go. Returns how many went. */
  flush(): Promise<number> {
    this.flushing ??= this.flushAll().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /**
   * Items waiting on disk (all processes of this `DATA_DIR`). A flush moves items between files
   * (queue → batch → back to the queue when the database is away), so this process's flush in
   * progress is let finish first, and a count that saw a file vanish is taken again.
   */
  async pending(): Promise<number> {
    for (;;) {
      await this.flushing?.catch(() => undefined);
      let count = 0;
      let moved = false;
      for (const file of await this.pendingFiles()) {
        const items = await readItems<T>(file);
        if (items === undefined) moved = true;
        else count += items.length;
      }
      // A listed file gone by the time it was read: another process's flush moved its items.
      if (!moved) return count;
    }
  }

  /** Stops retrying; queued items stay on disk for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing?.catch(() => undefined);
  }

  private async enqueue(item: T): Promise<void> {
    await mkdir(path.dirname(this.options.file), { recursive: true });
    // One line per item, appended: concurrent writers of small lines never interleave within a line.
    await appendFile(this.options.file, JSON.stringify(item) + "\n");
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush()
        .catch((error: unknown) => this.logger.debug("outbox flush failed", { error }))
        .then(async () => {
          if ((await this.pendingFiles().catch(() => [])).length > 0) this.schedule();
        });
    }, this.options.retryMs ?? 5000);
    this.timer.unref();
  }

  private async flushAll(): Promise<number> {
    let sent = 0;
    let failure: unknown;
    for (const file of await this.claim()) {
      const items = (await readItems<T>(file)) ?? [];
      let index = 0;
      // After a failure the remaining batches go straight back, unsent.
      for (; index < items.length && failure === undefined; index++) {
        const outcome = await this.deliverQueued(items[index]!);
        if (outcome === "sent") sent++;
        else if (outcome !== "dropped") failure = outcome.error;
      }
      if (failure !== undefined) index--;
      // What did not go returns to the queue (after anything queued meanwhile; each item keeps its own time).
      const rest = items.slice(Math.max(index, 0));
      if (rest.length > 0) await appendFile(this.options.file, rest.map((item) => JSON.stringify(item) + "\n").join(""));
      await rm(file, { force: true });
      this.inFlight.delete(file);
    }
    if (sent > 0) this.logger.info(`outbox ${path.basename(this.options.file)}: ${sent} queued write(s) delivered`);
    if (failure !== undefined) throw failure;
    return sent;
  }

  /**
   * One queued item. An item the database refuses for another reason than being away would block
   * the queue forever: it is logged and dropped instead.
   */
  private async deliverQueued(item: T): Promise<"sent" | "dropped" | { error: unknown }> {
    try {
      await this.options.deliver(item);
      return "sent";
    } catch (error) {
      if (isUnavailable(error)) return { error };
      this.logger.error(`outbox ${path.basename(this.options.file)}: a queued write was refused and is dropped`, { error, item });
      return "dropped";
    }
  }

  /** Renames the queue file to a batch of this flush, and takes over batches of processes that died mid-flush. */
  private async claim(): Promise<string[]> {
    const claimed: string[] = [];
    for (const file of await this.pendingFiles()) {
      // A batch of a live process is that process's flush in progress (the same pid may be a previous run's, in a container).
      if (file !== this.options.file && (batchOwner(file) === process.pid ? this.inFlight.has(file) : processAlive(batchOwner(file)))) continue;
      const mine = `${this.options.file}.${process.pid}-${randomBytes(4).toString("hex")}.flushing`;
      try {
        await rename(file, mine);
        this.inFlight.add(mine);
        claimed.push(mine);
      } catch (error) {
        // Another process claimed it first.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    return claimed;
  }

  /** The queue file and any batches being flushed, if they exist. */
  private async pendingFiles(): Promise<string[]> {
    const dir = path.dirname(this.options.file);
    const base = path.basename(this.options.file);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const batches = names.filter((name) => name.startsWith(`${base}.`) && name.endsWith(".flushing")).map((name) => path.join(dir, name));
    return [...batches, ...(names.includes(base) ? [this.options.file] : [])];
  }
}

/** Whether an error means the database could not be reached (queue it) rather than a bad write. */
function isUnavailable(error: unknown): boolean {
  return error instanceof SharedStateError && error.code === "DATABASE_UNAVAILABLE";
}

/** The items of a queue or batch file, or undefined when it no longer exists. */
async function readItems<T>(file: string): Promise<T[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const items: T[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      items.push(JSON.parse(line) as T);
    } catch {
      // A line torn by a crash mid-append: the rest of the queue still goes.
    }
  }
  return items;
}

/** The pid in `<file>.<pid>-<random>.flushing`. */
function batchOwner(file: string): number {
  const match = /\.(\d+)-[0-9a-f]+\.flushing$/.exec(file);
  return match ? Number(match[1]) : 0;
}

function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
