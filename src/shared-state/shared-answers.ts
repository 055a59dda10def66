import type { RememberedAnswer, SharedAnswerMemory } from "../feedback/feedback-store.js";
import type { Answer, AskContext } from "../port/types.js";
import type { SharedDatabase } from "./database.js";

export interface SharedAnswersOptions {
  /** Answers kept for their buttons, all replicas together (default 20,000); the oldest go first. */
  capacity?: number;
  /** Drop answers beyond `capacity` once every this many writes of this process (default 50). */
  pruneEvery?: number;
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

  constructor(
    private readonly database: SharedDatabase,
    options: SharedAnswersOptions = {},
  ) {
    this.capacity = Math.max(1, options.capacity ?? 20_000);
    this.pruneEvery = Math.max(1, options.pruneEvery ?? 50);
  }

  async save(token: string, remembered: RememberedAnswer): Promise<void> {
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
