import { randomBytes } from "node:crypto";
import { appendFile, mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { parseFeedbackLines, voteKey, type FeedbackRecord, type Rating } from "./feedback-record.js";
import { compactVotes } from "./feedback-votes.js";
import { withFileLock, type FileLockOptions } from "./file-lock.js";

export interface FeedbackLogOptions {
  /** Votes kept when the log is compacted; the oldest are dropped first. Default 10,000. */
  maxVotes?: number;
  lock?: FileLockOptions;
}

/** What this process has read of the log so far. */
interface ReadState {
  /** Identity of the file read (a compaction replaces it with a new one). */
  inode: number;
  /** Bytes consumed: everything up to the last complete line. */
  offset: number;
  /** Complete lines seen, valid or not: what the size bound counts. */
  lines: number;
  /** Latest rating per vote key, to skip presses that change nothing. */
  latest: Map<string, Rating>;
  /** Bytes after the last newline: a line torn by a crash (writers hold the lock, so none is in progress). */
  tornTail: boolean;
}

/**
 * `feedback.jsonl`: one line per vote that changed, shared by every process on the data folder.
 * Writers hold a lock file, read what others appended since their last look (only the new bytes),
 * skip a press that repeats the user's current vote on that answer, and append one line. When the
 * file holds more than `maxVotes` plus a tenth lines, it is compacted: the latest vote per user and
 * answer, the newest `maxVotes` of them, written to a temporary file and renamed over the log, so
 * a reader sees the old or the new file, never half of one. The file therefore never holds more
 * than `maxVotes + ceil(maxVotes / 10)` lines.
 */
export class FeedbackLog {
  readonly file: string;
  readonly maxVotes: number;
  private readonly lockFile: string;
  private state: ReadState = emptyState();
  /** Writes of this process, one at a time (the lock file orders them against other processes). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    file: string,
    private readonly options: FeedbackLogOptions = {},
  ) {
    this.file = file;
    this.lockFile = `${file}.lock`;
    this.maxVotes = Math.max(1, options.maxVotes ?? 10_000);
  }

  /** Lines the log may hold before it is compacted. */
  get maxLines(): number {
    return this.maxVotes + Math.ceil(this.maxVotes / 10);
  }

  /**
   * Stores a vote. Returns false when it was already the user's vote on that answer (nothing
   * written), true when a line was appended.
   */
  add(record: FeedbackRecord): Promise<boolean> {
    const run = this.queue.then(() => this.locked(() => this.append(record)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Every record in the log, in file order (oldest first). Readers need no lock. */
  async read(): Promise<FeedbackRecord[]> {
    try {
      return parseFeedbackLines(await readFile(this.file, "utf8"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    await mkdir(path.dirname(this.file), { recursive: true });
    return withFileLock(this.lockFile, work, this.options.lock);
  }

  private async append(record: FeedbackRecord): Promise<boolean> {
    await this.catchUp();
    const key = voteKey(record);
    if (this.state.latest.get(key) === record.rating) return false;
    // A torn line from a crash is closed first, so this record starts a line of its own.
    await appendFile(this.file, `${this.state.tornTail ? "\n" : ""}${JSON.stringify(record)}\n`);
    await this.catchUp();
    if (this.state.lines > this.maxLines) await this.compact();
    return true;
  }

  /** Reads what was appended since the last look; starts over when the file was replaced. */
  private async catchUp(): Promise<void> {
    let handle;
    try {
      handle = await open(this.file, "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      this.state = emptyState();
      return;
    }
    try {
      const { ino, size } = await handle.stat();
      if (ino !== this.state.inode || size < this.state.offset) this.state = { ...emptyState(), inode: ino };
      if (size === this.state.offset) return;
      const fresh = Buffer.alloc(size - this.state.offset);
      const { bytesRead } = await handle.read(fresh, 0, fresh.length, this.state.offset);
      const complete = fresh.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
      const text = fresh.subarray(0, complete).toString("utf8");
      for (const record of parseFeedbackLines(text)) this.state.latest.set(voteKey(record), record.rating);
      this.state.lines += countNewlines(text);
      this.state.offset += complete;
      this.state.tornTail = complete < bytesRead;
    } finally {
      await handle.close();
    }
  }

  /** Rewrites the log with the newest `maxVotes` votes, atomically (temporary file, flush, rename). */
  private async compact(): Promise<void> {
    const kept = compactVotes(await this.read(), this.maxVotes);
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      const handle = await open(temporary, "w");
      try {
        await handle.writeFile(kept.map((record) => JSON.stringify(record) + "\n").join(""));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    this.state = emptyState();
    await this.catchUp();
  }
}

function emptyState(): ReadState {
  return { inode: -1, offset: 0, lines: 0, latest: new Map(), tornTail: false };
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1)) count += 1;
  return count;
}
