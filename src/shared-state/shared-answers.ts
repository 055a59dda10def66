import type { RememberedAnswer, SharedAnswerMemory } from "../feedback/feedback-store.js";
import { silentLogger, type Logger } from "../logging/logger.js";
import type { Answer, AskContext } from "../port/types.js";
import { OverBudget, withinBudget, type CircuitBreaker } from "../util/circuit-breaker.js";
import { isDatabaseUnavailable, skippedDatabase, type SharedDatabase } from "./database.js";
import { SharedStateError } from "../port/errors.js";
import { Outbox } from "./outbox.js";

export interface SharedAnswersOptions {
  /** Answers kept for their buttons, all replicas together (default 20,000); the oldest go first. */
  capacity?: number;
  /** Drop answers beyond `capacity` once every this many writes of this process (default 50). */
  pruneEvery?: number;
  /**
   * Queue file for answers written while the database is away (`<DATA_DIR>/outbox/answers.jsonl`),
   * so a press another replica queued meanwhile finds its answer once it returns. Without it such
   * an answer is only in this process.
   */
  outboxFile?: string;
  /** How often queued answers are retried (ms). Default 5000. */
  retryMs?: number;
  /**
   * With `outboxFile`: longest a write may take before the answer is queued instead (ms); one over
   * it opens the database's breaker. Default 250 (the question's budget: the reply's buttons wait for it).
   */
  budgetMs?: number;
  logger?: Logger;
}

interface QueuedAnswer extends RememberedAnswer {
  token: string;
}

/**
 * The answers behind 👍/👎 and "full paragraph" buttons in the `feedback_answers` table, by the
 * token the button carries, so a press that the load balancer sends to another replica than the
 * one that answered still finds its answer. A token is written once (a replay changes nothing);
 * the newest `capacity` answers are kept, as each process keeps its newest in memory.
 */
export class SharedAnswers implements SharedAnswerMemory {
  private readonly capacity: number;
  private readonly pruneEvery: number;
  private writes = 0;
  private readonly outbox: Outbox<QueuedAnswer> | undefined;
  private readonly budgetMs: number;
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly database: SharedDatabase,
    options: SharedAnswersOptions = {},
  ) {
    this.capacity = Math.max(1, options.capacity ?? 20_000);
    this.pruneEvery = Math.max(1, options.pruneEvery ?? 50);
    this.budgetMs = options.budgetMs ?? 250;
    this.breaker = database.breaker;
    const logger = (options.logger ?? silentLogger).child("outbox");
    this.outbox =
      options.outboxFile === undefined
        ? undefined
        : new Outbox({
            file: options.outboxFile,
            deliver: (item) => this.insertWithinBudget(item.token, item),
            retryMs: options.retryMs,
            skip: () => !this.breaker.allow(),
            logger,
          });
  }

  /** Retries what an earlier run left queued; call once at start-up. */
  async start(): Promise<void> {
    await this.outbox?.start();
  }

  /** Writes the answer, or with an outbox queues it while the database is away, slower than the budget or skipped (breaker open). */
  async save(token: string, remembered: RememberedAnswer): Promise<void> {
    if (this.outbox) await this.outbox.send({ token, ...remembered });
    else if (!this.breaker.allow()) throw skippedDatabase();
    else await this.insert(token, remembered);
  }

  async close(): Promise<void> {
    await this.outbox?.close();
  }

  /**
   * The outbox's write: over the budget it counts as the database being away (queued; the write goes
   * on and may land first, the replay is then a no-op), and the outcome is recorded in the breaker.
   */
  private async insertWithinBudget(token: string, remembered: RememberedAnswer): Promise<void> {
    try {
      await withinBudget(this.insert(token, remembered), this.budgetMs, this.breaker, isDatabaseUnavailable);
    } catch (error) {
      if (error instanceof OverBudget) throw new SharedStateError("DATABASE_UNAVAILABLE", `the shared database did not answer within ${error.budgetMs} ms`);
      throw error;
    }
  }

  /** Idempotent: a token replayed from the outbox lands once. */
  private async insert(token: string, remembered: RememberedAnswer): Promise<void> {
    await this.database.query(`INSERT INTO feedback_answers (token, platform, answer) VALUES ($1, $2, $3) ON CONFLICT (token) DO NOTHING`, [
      token,
      remembered.platform,
      JSON.stringify(remembered.answer),
    ]);
    this.writes += 1;
    if (this.writes % this.pruneEvery === 0) await this.prune();
  }

  async find(token: string): Promise<RememberedAnswer | undefined> {
    const result = await this.database.query<{ platform: string; answer: Answer }>(`SELECT platform, answer FROM feedback_answers WHERE token = $1`, [token]);
    const row = result.rows[0];
    return row && { answer: row.answer, platform: row.platform as AskContext["platform"] };
  }

  /** Drops the answers older than the newest `capacity`. */
  async prune(): Promise<void> {
    await this.database.query(
      `DELETE FROM feedback_answers WHERE answer_order <= (SELECT answer_order FROM feedback_answers ORDER BY answer_order DESC OFFSET $1 LIMIT 1)`,
      [this.capacity],
    );
  }
}
