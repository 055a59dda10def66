import { randomBytes } from "node:crypto";
import path from "node:path";
import { SharedStateError } from "../port/errors.js";
import type { Answer, AskContext } from "../port/types.js";
import { withinBudget as budgeted, type CircuitBreaker } from "../util/circuit-breaker.js";
import { BoundedMap } from "../util/bounded-map.js";
import { hashUserId, type FeedbackRecord, type Rating } from "./feedback-record.js";
import { FeedbackLog } from "./feedback-log.js";
import type { FileLockOptions } from "./file-lock.js";
import { summarizeFeedback, type FeedbackSummary } from "./feedback-summary.js";

export { hashUserId, type FeedbackRecord, type Rating };

/** What a button's token stands for. */
export interface RememberedAnswer {
  answer: Answer;
  platform: AskContext["platform"];
}

/**
 * The answers behind buttons, shared by replicas (shared mode): behind a load balancer a press may
 * reach another replica than the one that answered (`src/shared-state/shared-answers.ts`).
 */
export interface SharedAnswerMemory {
  save(token: string, remembered: RememberedAnswer): Promise<void>;
  find(token: string): Promise<RememberedAnswer | undefined>;
  close?(): Promise<void>;
  /** The database's breaker: while it is open a press does not ask (its vote is queued, `addLater`). */
  readonly breaker?: CircuitBreaker;
}

/**
 * Where votes are kept: `feedback.jsonl` (`FeedbackLog`, file mode) or the shared database (shared
 * mode, `src/shared-state/shared-votes.ts`). Both keep one standing vote per user and answer.
 */
export interface VoteLog {
  add(record: FeedbackRecord): Promise<unknown>;
  read(): Promise<FeedbackRecord[]>;
  /**
   * Shared mode: a press whose answer this process cannot look up now (the database is away) — the
   * vote is written once the answer can be found. Without it such a press is "too old".
   */
  addLater?(pending: PendingVote): Promise<void>;
  /** Stops background work (retrying queued votes); called before the database closes. */
  close?(): Promise<void>;
}

/** A press on an answer another replica gave, waiting until that answer can be looked up. */
export interface PendingVote {
  token: string;
  rating: Rating;
  userHash: string;
  at: string;
}

export interface FeedbackStoreOptions {
  /** Answers remembered for their buttons (default 5000); older buttons answer "too old". */
  capacity?: number;
  /** Votes `feedback.jsonl` keeps (default 10,000); see `FeedbackLog`. */
  maxVotes?: number;
  now?: () => Date;
  lock?: FileLockOptions;
  /** Keeps the votes somewhere else than `feedback.jsonl` (shared mode: the database). */
  votes?: VoteLog;
  /** Shares the answers behind buttons with other replicas (shared mode). */
  answers?: SharedAnswerMemory;
  /** Longest a press waits for `answers` when this process does not know the token (ms). Default 250. */
  answersBudgetMs?: number;
}

/**
 * Keeps recent answers under a short token (buttons carry the token, since Telegram allows only 64
 * bytes of callback data) and stores votes in `<DATA_DIR>/feedback.jsonl`, shared by every adapter
 * and process — or, in shared mode, in the database every replica shares (`options.votes`). One vote per user per answer: pressing again with the same rating writes nothing, a
 * different rating replaces the vote. Memory and the file are bounded.
 */
export class FeedbackStore {
  private readonly recent: BoundedMap<string, RememberedAnswer>;
  private readonly log: FeedbackLog;
  private readonly votes: VoteLog;
  private readonly now: () => Date;
  /** Answers being shared right now; `close` lets them land. */
  private readonly saving = new Map<string, Promise<void>>();

  constructor(
    dataDir: string,
    private readonly options: FeedbackStoreOptions = {},
  ) {
    this.recent = new BoundedMap(options.capacity ?? 5000);
    this.log = new FeedbackLog(path.join(dataDir, "feedback.jsonl"), { maxVotes: options.maxVotes, lock: options.lock });
    this.votes = options.votes ?? this.log;
    this.now = options.now ?? (() => new Date());
  }

  /** The JSONL file votes are stored in (file mode). */
  get file(): string {
    return this.log.file;
  }

  /**
   * Stores an answer and returns a short token (10 characters) for its buttons. In shared mode the
   * answer is also written for the other replicas; `shared(token)` waits for that write.
   */
  remember(answer: Answer, platform: AskContext["platform"]): string {
    const token = randomBytes(8).toString("base64url").slice(0, 10);
    this.recent.set(token, { answer, platform });
    const shared = this.options.answers;
    if (shared) {
      // A lost write costs a press on another replica "too old", never the answer itself.
      const saving = shared
        .save(token, { answer, platform })
        .catch(() => undefined)
        .finally(() => this.saving.delete(token));
      this.saving.set(token, saving);
    }
    return token;
  }

  /**
   * Waits until the other replicas can find `token`'s answer (shared mode; at most the budget), so a
   * press on the reply that the load balancer sends elsewhere finds it. Immediate in file mode.
   */
  async shared(token: string): Promise<void> {
    const saving = this.saving.get(token);
    if (saving) await withinBudget(saving, this.options.answersBudgetMs ?? 250);
  }

  /** The answer behind a token: this process's, or in shared mode another replica's (within a time budget). */
  async lookup(token: string): Promise<Answer | undefined> {
    const found = await this.find(token);
    return found === "unreachable" ? undefined : found?.answer;
  }

  /**
   * Records a user's vote on an answer: the latest press counts. Returns false when the answer is
   * no longer remembered (too old), true once the vote stands (also when it was already this vote)
   * or, in shared mode with the database away, is queued until the answer can be found (`platform`,
   * the press's, is needed then: the user is stored hashed with it).
   */
  async record(token: string, rating: Rating, userId: string, platform?: AskContext["platform"]): Promise<boolean> {
    const found = await this.find(token);
    const at = this.now().toISOString();
    if (found === "unreachable") {
      if (!platform || !this.votes.addLater) return false;
      await this.votes.addLater({ token, rating, userHash: hashUserId(platform, userId), at });
      return true;
    }
    if (!found) return false;
    await this.votes.add(voteRecord(found, { token, rating, userHash: hashUserId(found.platform, userId), at }));
    return true;
  }

  /** Counts per corpus version and the answers rated 👎, from the file or the database (so votes of every process count). */
  async summary(): Promise<FeedbackSummary> {
    return summarizeFeedback(await this.votes.read());
  }

  /** Stops what the store does in the background; votes still queued stay on disk for the next start. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.saving.values()]);
    await this.options.answers?.close?.();
    await this.votes.close?.();
  }

  /** The remembered answer; "unreachable" when only the shared answers could know and they do not answer in time. */
  private async find(token: string): Promise<RememberedAnswer | undefined | "unreachable"> {
    const local = this.recent.get(token);
    if (local || !this.options.answers) return local;
    const shared = await this.findShared(this.options.answers, token);
    if (shared !== "unreachable" && shared !== undefined) this.recent.set(token, shared);
    return shared;
  }

  /**
   * Another replica's answer. A token not found is asked again for up to twice the budget: the
   * replica that answered stops waiting for its write after the budget, so on a slow database a
   * press can arrive before the answer has.
   */
  private async findShared(answers: SharedAnswerMemory, token: string): Promise<RememberedAnswer | undefined | "unreachable"> {
    const budgetMs = this.options.answersBudgetMs ?? 250;
    const giveUpAt = Date.now() + 2 * budgetMs;
    for (;;) {
      if (answers.breaker?.allow() === false) return "unreachable";
      let found: RememberedAnswer | "missing";
      try {
        found = await budgeted(
          answers.find(token).then((answer) => answer ?? "missing"),
          budgetMs,
          answers.breaker,
          (error) => error instanceof SharedStateError && error.code === "DATABASE_UNAVAILABLE",
        );
      } catch {
        return "unreachable";
      }
      if (found !== "missing") return found;
      if (Date.now() + 50 > giveUpAt) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** The vote line of a press on a remembered answer (the same in `feedback.jsonl` and the database). */
export function voteRecord(remembered: RememberedAnswer, press: PendingVote): FeedbackRecord {
  const { answer, platform } = remembered;
  return {
    at: press.at,
    platform,
    userHash: press.userHash,
    rating: press.rating,
    question: answer.question,
    answer: answer.text,
    passageIds: answer.citations.map((citation) => citation.passageId),
    corpusVersion: answer.corpusVersion,
    abstained: answer.abstained,
    answerId: press.token,
    paragraphs: answer.citations.map((citation) => citation.paragraph),
    language: answer.language,
  };
}

/** `work`'s result, or undefined when it fails or takes longer than `budgetMs` (a slow database must not hold a press). */
async function withinBudget<T>(work: Promise<T>, budgetMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), budgetMs)));
  try {
    return await Promise.race([work.catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}
