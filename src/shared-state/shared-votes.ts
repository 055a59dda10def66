import path from "node:path";
import type { FeedbackRecord } from "../feedback/feedback-record.js";
import { voteRecord, type PendingVote, type SharedAnswerMemory, type VoteLog } from "../feedback/feedback-store.js";
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
  /** Where a press queued by `addLater` finds its answer once the database is back (shared answers). */
  answers?: SharedAnswerMemory;
  /** How long a queued press waits for its answer to reach the database before it is dropped (ms). Default 10 min. */
  pendingMaxAgeMs?: number;
  logger?: Logger;
}

/** What the outbox holds: a vote, or a press whose answer another replica has (`addLater`). */
type QueuedVote = FeedbackRecord | { pending: PendingVote };

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
  readonly outbox: Outbox<QueuedVote>;
  private readonly budgetMs: number;

  constructor(
    database: SharedDatabase,
    dataDir: string,
    private readonly options: SharedVotesOptions = {},
  ) {
    this.log = new SharedFeedbackLog(database, options);
    this.budgetMs = options.budgetMs ?? 500;
    this.outbox = new Outbox({
      file: path.join(dataDir, "outbox", "feedback.jsonl"),
      deliver: (item) => ("pending" in item ? this.deliverPending(item.pending) : withinBudget(this.log.add(item), this.budgetMs)),
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

  /** A press on an answer this process cannot look up now: written once the answer is in the database. */
  async addLater(pending: PendingVote): Promise<void> {
    await this.outbox.send({ pending });
  }

  /** The standing votes of every replica (throws `SharedStateError` while the database is down). */
  read(): Promise<FeedbackRecord[]> {
    return this.log.read();
  }

  close(): Promise<void> {
    return this.outbox.close();
  }

  /**
   * A queued press: its answer comes from the replica that gave it, whose own outbox may deliver it
   * only after this one retries — so "not there yet" counts as the database being away (retried),
   * until `pendingMaxAgeMs` has passed; then the press is dropped (the outbox logs it).
   */
  private async deliverPending(pending: PendingVote): Promise<void> {
    const remembered = await withinBudget(this.options.answers?.find(pending.token) ?? Promise.resolve(undefined), this.budgetMs);
    if (!remembered) {
      if (Date.now() - Date.parse(pending.at) < (this.options.pendingMaxAgeMs ?? 600_000)) {
        throw new SharedStateError("DATABASE_UNAVAILABLE", "the answer of a queued vote has not reached the shared database yet");
      }
      throw new Error(`the answer behind a queued vote (button ${pending.token}) never reached the shared database`);
    }
    await withinBudget(this.log.add(voteRecord(remembered, pending)), this.budgetMs);
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
