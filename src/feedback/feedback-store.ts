import { randomBytes } from "node:crypto";
import path from "node:path";
import type { Answer, AskContext } from "../port/types.js";
import { BoundedMap } from "../util/bounded-map.js";
import { hashUserId, type FeedbackRecord, type Rating } from "./feedback-record.js";
import { FeedbackLog } from "./feedback-log.js";
import type { FileLockOptions } from "./file-lock.js";
import { summarizeFeedback, type FeedbackSummary } from "./feedback-summary.js";

export { hashUserId, type FeedbackRecord, type Rating };

interface Remembered {
  answer: Answer;
  platform: AskContext["platform"];
}

export interface FeedbackStoreOptions {
  /** Answers remembered for their buttons (default 5000); older buttons answer "too old". */
  capacity?: number;
  /** Votes `feedback.jsonl` keeps (default 10,000); see `FeedbackLog`. */
  maxVotes?: number;
  now?: () => Date;
  lock?: FileLockOptions;
}

/**
 * Keeps recent answers under a short token (buttons carry the token, since Telegram allows only 64
 * bytes of callback data) and stores votes in `<DATA_DIR>/feedback.jsonl`, shared by every adapter
 * and process. One vote per user per answer: pressing again with the same rating writes nothing, a
 * different rating replaces the vote. Memory and the file are bounded.
 */
export class FeedbackStore {
  private readonly recent: BoundedMap<string, Remembered>;
  private readonly log: FeedbackLog;
  private readonly now: () => Date;

  constructor(dataDir: string, options: FeedbackStoreOptions = {}) {
    this.recent = new BoundedMap(options.capacity ?? 5000);
    this.log = new FeedbackLog(path.join(dataDir, "feedback.jsonl"), { maxVotes: options.maxVotes, lock: options.lock });
    this.now = options.now ?? (() => new Date());
  }

  /** The JSONL file votes are stored in. */
  get file(): string {
    return this.log.file;
  }

  /** Stores an answer and returns a short token (10 characters) for its buttons. */
  remember(answer: Answer, platform: AskContext["platform"]): string {
    const token = randomBytes(8).toString("base64url").slice(0, 10);
    this.recent.set(token, { answer, platform });
    return token;
  }

  lookup(token: string): Answer | undefined {
    return this.recent.get(token)?.answer;
  }

  /**
   * Records a user's vote on an answer: the latest press counts. Returns false when the answer is
   * no longer remembered (too old), true once the vote stands (also when it was already this vote).
   */
  async record(token: string, rating: Rating, userId: string): Promise<boolean> {
    const remembered = this.recent.get(token);
    if (!remembered) return false;
    const { answer, platform } = remembered;
    await this.log.add({
      at: this.now().toISOString(),
      platform,
      userHash: hashUserId(platform, userId),
      rating,
      question: answer.question,
      answer: answer.text,
      passageIds: answer.citations.map((citation) => citation.passageId),
      corpusVersion: answer.corpusVersion,
      abstained: answer.abstained,
      answerId: token,
      paragraphs: answer.citations.map((citation) => citation.paragraph),
      language: answer.language,
    });
    return true;
  }

  /** Counts per corpus version and the answers rated 👎, from the file (so votes of every process count). */
  async summary(): Promise<FeedbackSummary> {
    return summarizeFeedback(await this.log.read());
  }
}
