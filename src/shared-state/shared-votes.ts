import path from "node:path";
import type { FeedbackRecord } from "../feedback/feedback-record.js";
import { voteRecord, type PendingVote, type SharedAnswerMemory, type VoteLog } from "../feedback/feedback-store.js";
import { silentLogger, type Logger } from "../logging/logger.js";
import { SharedStateError } from "../port/errors.js";
import { OverBudget, withinBudget, type CircuitBreaker } from "../util/circuit-breaker.js";
import { isDatabaseUnavailable, type SharedDatabase } from "./database.js";
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
  private readonly breaker: CircuitBreaker;

  constructor(
    database: SharedDatabase,
    dataDir: string,
    private readonly options: SharedVotesOptions = {},
  ) {
    this.log = new SharedFeedbackLog(database, options);
    this.budgetMs = options.budgetMs ?? 500;
    this.breaker = database.breaker;
    this.outbox = new Outbox({
      file: path.join(dataDir, "outbox", "feedback.jsonl"),
      deliver: (item) => ("pending" in item ? this.deliverPending(item.pending) : this.withinBudget(this.log.add(item))),
      retryMs: options.retryMs,
      // While the database's breaker is open a press is queued at once; retries still try (and may close it).
      skip: () => !database.breaker.allow(),
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
    const remembered = await this.withinBudget(this.options.answers?.find(pending.token) ?? Promise.resolve(undefined));
    if (!remembered) {
      if (Date.now() - Date.parse(pending.at) < (this.options.pendingMaxAgeMs ?? 600_000)) {
        throw new SharedStateError("DATABASE_UNAVAILABLE", "the answer of a queued vote has not reached the shared database yet");
      }
      throw new Error(`the answer behind a queued vote (button ${pending.token}) never reached the shared database`);
    }
    await this.withinBudget(this.log.add(voteRecord(remembered, pending)));
  }

  /**
   * `work`, or `DATABASE_UNAVAILABLE` once the budget has passed, so the outbox queues it; the
   * outcome is recorded in the database's breaker. The write itself goes on and may still land; the
   * queued copy then lands as a no-op (writes are idempotent).
   */
  private async withinBudget<T>(work: Promise<T>): Promise<T> {
    try {
      return await withinBudget(work, this.budgetMs, this.breaker, isDatabaseUnavailable);
    } catch (error) {
      if (error instanceof OverBudget) throw new SharedStateError("DATABASE_UNAVAILABLE", `the shared database did not answer within ${error.budgetMs} ms`);
      throw error;
    }
  }
}
