import path from "node:path";
import type { FeedbackRecord } from "../feedback/feedback-record.js";
import type { VoteLog } from "../feedback/feedback-store.js";
import { silentLogger, type Logger } from "../logging/logger.js";
import { SharedStateError } from "../port/errors.js";
import type { SharedDatabase } from "./database.js";
import { SharedFeedbackLog, type SharedFeedbackOptions } from "./feedback-votes.js";
import { Outbox } from "./outbox.js";

export interface SharedVotesOptions extends SharedFeedbackOptions {
  /** Longest a 👍/👎 waits for the database before the vote is queued instead (ms). Default 500. */
  budgetMs?: number;
  /** How often queued votes are retried while the database is away (ms). Default 5000. */
  retryMs?: number;
  logger?: Logger;
}

/**
 * The votes of shared mode (`FeedbackStore`'s `VoteLog`): written to the `feedback_votes` table,
 * and while the database is down or slower than the budget, queued in
 * `<DATA_DIR>/outbox/feedback.jsonl` and flushed when it answers again. Nothing is lost (the queue
 * is on disk) and nothing doubled: a vote written late and replayed lands once, and an older press
 * replayed after a newer one never replaces it (`SharedFeedbackLog.add`). `/feedback` and
 * `npm run feedback` read the table, so they show the votes of every replica.
 */
export class SharedVotes implements VoteLog {
  readonly log: SharedFeedbackLog;
  readonly outbox: Outbox<FeedbackRecord>;

  constructor(database: SharedDatabase, dataDir: string, options: SharedVotesOptions = {}) {
    this.log = new SharedFeedbackLog(database, options);
    const budgetMs = options.budgetMs ?? 500;
    this.outbox = new Outbox({
      file: path.join(dataDir, "outbox", "feedback.jsonl"),
      deliver: (record) => withinBudget(this.log.add(record), budgetMs),
      retryMs: options.retryMs,
      logger: (options.logger ?? silentLogger).child("outbox"),
    });
  }

  /** Retries what an earlier run left queued; call once at start-up. */
  start(): Promise<void> {
    return this.outbox.start();
  }

  /** Writes the vote, or queues it when the database cannot take it now. */
  async add(record: FeedbackRecord): Promise<void> {
    await this.outbox.send(record);
  }

  /** The standing votes of every replica (throws `SharedStateError` while the database is down). */
  read(): Promise<FeedbackRecord[]> {
    return this.log.read();
  }

  close(): Promise<void> {
    return this.outbox.close();
  }
}

/**
 * `work`, or `DATABASE_UNAVAILABLE` once `budgetMs` has passed, so the outbox queues it. The write
 * itself goes on and may still land; the queued copy then lands as a no-op (writes are idempotent).
 */
async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SharedStateError("DATABASE_UNAVAILABLE", `the shared database did not answer within ${budgetMs} ms`)), budgetMs);
  });
  // Settles after the race is lost too; its failure is then the queued copy's to repair.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
