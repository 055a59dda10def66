import { createHash } from "node:crypto";
import type { Turn } from "../generative/conversation-memory.js";
import type { SharedTurns } from "../generative/conversation-store.js";
import type { CircuitBreaker } from "../util/circuit-breaker.js";
import type { SharedDatabase } from "./database.js";

export interface SharedConversationOptions {
  /** Longest answer text kept per turn (as the in-process memory: enough to resolve "he"/"that"). Default 400. */
  maxAnswerChars?: number;
  /** Turns older than this are deleted, by whichever replica writes, once every `pruneEvery` writes. */
  maxAgeMs: number;
  /** Default 50. */
  pruneEvery?: number;
}

interface TurnRow {
  question: string;
  standalone: string;
  answer: string | null;
  at: Date;
}

/**
 * The turns of every conversation in the `conversation_turns` table, shared by all replicas (the
 * `SharedTurns` of `ConversationStore`, which adds the time budget and the local fallback). Bounded
 * two ways: each write keeps only the conversation's newest turns, and turns older than the
 * memory's age limit are ignored on read and deleted now and then. Conversations are stored by a
 * hash of their id, so the table holds no chat or channel ids.
 */
export class SharedConversationTurns implements SharedTurns {
  private readonly maxAnswerChars: number;
  private readonly pruneEvery: number;
  private writes = 0;
  readonly breaker: CircuitBreaker;

  constructor(
    private readonly database: SharedDatabase,
    private readonly options: SharedConversationOptions,
  ) {
    this.breaker = database.breaker;
    this.maxAnswerChars = options.maxAnswerChars ?? 400;
    this.pruneEvery = Math.max(1, options.pruneEvery ?? 50);
  }

  async recent(conversationId: string, maxAgeMs: number): Promise<Turn[]> {
    const result = await this.database.query<TurnRow>(
      `SELECT question, standalone, answer, at FROM conversation_turns
        WHERE conversation_hash = $1 AND at >= now() - make_interval(secs => $2::double precision / 1000)
        ORDER BY turn_order`,
      [conversationHash(conversationId), maxAgeMs],
    );
    return result.rows.map((row) => ({
      question: row.question,
      standalone: row.standalone,
      ...(row.answer === null ? {} : { answer: row.answer }),
      at: row.at.getTime(),
    }));
  }

  /**
   * Adds a turn and drops the conversation's turns beyond the newest `keep`, in one statement. The
   * DELETE does not see the row its own INSERT adds (one snapshot), so it keeps `keep - 1` older ones.
   */
  async record(conversationId: string, turn: Pick<Turn, "question" | "standalone">, keep: number): Promise<void> {
    await this.database.query(
      `WITH added AS (INSERT INTO conversation_turns (conversation_hash, question, standalone) VALUES ($1, $2, $3) RETURNING 1)
       DELETE FROM conversation_turns WHERE conversation_hash = $1 AND turn_order IN
         (SELECT turn_order FROM conversation_turns WHERE conversation_hash = $1 ORDER BY turn_order DESC OFFSET $4)`,
      [conversationHash(conversationId), turn.question, turn.standalone, Math.max(0, keep - 1)],
    );
    this.writes += 1;
    if (this.writes % this.pruneEvery === 0) await this.prune();
  }

  async attachAnswer(conversationId: string, question: string, answer: string): Promise<void> {
    await this.database.query(
      `UPDATE conversation_turns SET answer = $3
        WHERE conversation_hash = $1 AND question = $2
          AND turn_order = (SELECT max(turn_order) FROM conversation_turns WHERE conversation_hash = $1)`,
      [conversationHash(conversationId), question, answer.slice(0, this.maxAnswerChars)],
    );
  }

  /** Deletes every conversation's turns older than the age limit (those no follow-up can use any more). */
  async prune(): Promise<number> {
    const result = await this.database.query(`DELETE FROM conversation_turns WHERE at < now() - make_interval(secs => $1::double precision / 1000)`, [
      this.options.maxAgeMs,
    ]);
    return result.rowCount ?? 0;
  }
}

/** The key a conversation is stored under: its id hashed, so the database holds no chat or channel ids. */
function conversationHash(conversationId: string): string {
  return createHash("sha256").update(`conversation:${conversationId}`).digest("base64url");
}
