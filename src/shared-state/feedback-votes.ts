import { answerKey, type FeedbackRecord } from "../feedback/feedback-record.js";
import { summarizeFeedback, type FeedbackSummary, type VersionCounts } from "../feedback/feedback-summary.js";
import type { AskContext, Language } from "../port/types.js";
import type { SharedDatabase } from "./database.js";

export interface SharedFeedbackOptions {
  /** Votes kept (default 10,000, as `feedback.jsonl`); the oldest are dropped first. */
  maxVotes?: number;
  /** Drop votes beyond `maxVotes` once every this many writes of this process (default 50). */
  pruneEvery?: number;
}

interface VoteRow {
  at: Date;
  platform: string;
  user_hash: string;
  rating: "up" | "down";
  question: string;
  answer: string;
  passage_ids: string[];
  corpus_version: number;
  abstained: boolean;
  answer_id: string | null;
  paragraphs: number[] | null;
  language: string | null;
}

/**
 * 👍/👎 in PostgreSQL, with the file log's rules (`FeedbackLog`): one standing vote per user per
 * answer; a press that repeats it writes nothing, a different one replaces it and counts as the
 * newest; at most `maxVotes` kept. Writes are idempotent — a vote queued while the database was away
 * and written twice lands once — and an older press written late never replaces a newer one.
 * Records go in and come out in the file's shape (`FeedbackRecord`), and the summary is the same
 * pure `summarizeFeedback` the file mode uses, so `/feedback` reads the same either way.
 */
export class SharedFeedbackLog {
  readonly maxVotes: number;
  private readonly pruneEvery: number;
  private writes = 0;

  constructor(
    private readonly database: SharedDatabase,
    options: SharedFeedbackOptions = {},
  ) {
    this.maxVotes = Math.max(1, options.maxVotes ?? 10_000);
    this.pruneEvery = Math.max(1, options.pruneEvery ?? 50);
  }

  /** Stores a vote. False when it was already the user's vote on that answer (or a newer one stands), true when written. */
  async add(record: FeedbackRecord): Promise<boolean> {
    const result = await this.database.query(
      `INSERT INTO feedback_votes AS vote (answer_key, user_hash, at, platform, rating, question, answer, passage_ids, corpus_version, abstained, answer_id, paragraphs, language)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (answer_key, user_hash) DO UPDATE SET
         vote_order = nextval('feedback_vote_order'), at = EXCLUDED.at, platform = EXCLUDED.platform, rating = EXCLUDED.rating,
         question = EXCLUDED.question, answer = EXCLUDED.answer, passage_ids = EXCLUDED.passage_ids, corpus_version = EXCLUDED.corpus_version,
         abstained = EXCLUDED.abstained, answer_id = EXCLUDED.answer_id, paragraphs = EXCLUDED.paragraphs, language = EXCLUDED.language
       WHERE vote.rating IS DISTINCT FROM EXCLUDED.rating AND vote.at <= EXCLUDED.at`,
      voteValues(record),
    );
    this.writes += 1;
    if (this.writes % this.pruneEvery === 0) await this.prune();
    return result.rowCount === 1;
  }

  /** The standing votes, oldest change first (as a compacted `feedback.jsonl` lists them), newest `maxVotes` only. */
  async read(): Promise<FeedbackRecord[]> {
    const result = await this.database.query<VoteRow>(
      `SELECT * FROM (SELECT * FROM feedback_votes ORDER BY vote_order DESC LIMIT $1) AS newest ORDER BY vote_order`,
      [this.maxVotes],
    );
    return result.rows.map(recordOf);
  }

  /** What `/feedback` and `npm run feedback` show: counts per corpus version and the answers rated 👎. */
  async summary(): Promise<FeedbackSummary> {
    return summarizeFeedback(await this.read());
  }

  /** 👍/👎 per corpus version, newest version first, counted in the database (cheap enough for `/status`). */
  async countsPerVersion(): Promise<VersionCounts[]> {
    const result = await this.database.query<{ corpus_version: number; up: string; down: string }>(
      `SELECT corpus_version, count(*) FILTER (WHERE rating = 'up') AS up, count(*) FILTER (WHERE rating = 'down') AS down
         FROM feedback_votes GROUP BY corpus_version ORDER BY corpus_version DESC`,
    );
    return result.rows.map((row) => ({ corpusVersion: row.corpus_version, up: Number(row.up), down: Number(row.down) }));
  }

  /** Drops the votes older than the newest `maxVotes`. */
  async prune(): Promise<void> {
    await this.database.query(
      `DELETE FROM feedback_votes WHERE vote_order <= (SELECT vote_order FROM feedback_votes ORDER BY vote_order DESC OFFSET $1 LIMIT 1)`,
      [this.maxVotes],
    );
  }
}

function voteValues(record: FeedbackRecord): unknown[] {
  return [
    answerKey(record),
    record.userHash,
    record.at,
    record.platform,
    record.rating,
    record.question,
    record.answer,
    record.passageIds,
    record.corpusVersion,
    record.abstained,
    record.answerId ?? null,
    record.paragraphs ?? null,
    record.language ?? null,
  ];
}

/** A row back in the file's shape: fields the vote did not have stay absent, as in older lines. */
function recordOf(row: VoteRow): FeedbackRecord {
  const record: FeedbackRecord = {
    at: row.at.toISOString(),
    platform: row.platform as AskContext["platform"],
    userHash: row.user_hash,
    rating: row.rating,
    question: row.question,
    answer: row.answer,
    passageIds: row.passage_ids,
    corpusVersion: row.corpus_version,
    abstained: row.abstained,
  };
  if (row.answer_id !== null) record.answerId = row.answer_id;
  if (row.paragraphs !== null) record.paragraphs = row.paragraphs;
  if (row.language !== null) record.language = row.language as Language;
  return record;
}
