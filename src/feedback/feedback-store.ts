import { createHash, randomBytes } from "node:crypto";
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { Answer, AskContext } from "../port/types.js";
import { BoundedMap } from "../util/bounded-map.js";

export type Rating = "up" | "down";

/** One line of `<DATA_DIR>/feedback.jsonl`, for moderators. The user id is hashed, never stored raw. */
export interface FeedbackRecord {
  at: string;
  platform: AskContext["platform"];
  userHash: string;
  rating: Rating;
  question: string;
  answer: string;
  passageIds: string[];
  corpusVersion: number;
  abstained: boolean;
}

interface Remembered {
  answer: Answer;
  platform: AskContext["platform"];
}

/**
 * Keeps recent answers under a short token (buttons carry the token, since Telegram allows only 64
 * bytes of callback data) and appends feedback to a JSONL file shared by every adapter. Memory is
 * bounded: the oldest answers are forgotten first.
 */
export class FeedbackStore {
  private readonly recent: BoundedMap<string, Remembered>;
  private readonly file: string;

  constructor(
    dataDir: string,
    capacity = 5000,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(dataDir, "feedback.jsonl");
    this.recent = new BoundedMap(capacity);
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

  /** Appends a rating. Returns false when the answer is no longer remembered (too old). */
  async record(token: string, rating: Rating, userId: string): Promise<boolean> {
    const remembered = this.recent.get(token);
    if (!remembered) return false;
    const { answer, platform } = remembered;
    const record: FeedbackRecord = {
      at: this.now().toISOString(),
      platform,
      userHash: hashUserId(platform, userId),
      rating,
      question: answer.question,
      answer: answer.text,
      passageIds: answer.citations.map((citation) => citation.passageId),
      corpusVersion: answer.corpusVersion,
      abstained: answer.abstained,
    };
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify(record) + "\n");
    return true;
  }
}

/** A one-way hash so feedback can be grouped per user without storing who the user is. */
export function hashUserId(platform: string, userId: string): string {
  return createHash("sha256").update(`nieuwsbot:${platform}:${userId}`).digest("hex").slice(0, 16);
}
