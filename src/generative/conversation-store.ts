import { silentLogger, type Logger } from "../logging/logger.js";
import { SharedStateError } from "../port/errors.js";
import { withinBudget, type CircuitBreaker } from "../util/circuit-breaker.js";
import { ConversationMemory, type ConversationMemoryOptions, type Turn } from "./conversation-memory.js";

/**
 * Where conversations live besides this process: the shared database in shared mode
 * (`src/shared-state/conversation-turns.ts`), so a follow-up holds whichever replica gets it. It
 * keeps its own bounds (turns per conversation, age) with the numbers given here.
 */
export interface SharedTurns {
  /** The conversation's turns of the last `maxAgeMs`, oldest first. */
  recent(conversationId: string, maxAgeMs: number): Promise<Turn[]>;
  /** Adds a turn, keeping only the newest `keep` of the conversation. */
  record(conversationId: string, turn: Pick<Turn, "question" | "standalone">, keep: number): Promise<void>;
  /** Attaches the reply to the conversation's latest turn when that turn is `question`. */
  attachAnswer(conversationId: string, question: string, answer: string): Promise<void>;
  /** Shared mode: the database's breaker; while it is open the local memory answers without asking. */
  readonly breaker?: CircuitBreaker;
}

export interface ConversationStoreOptions extends ConversationMemoryOptions {
  /** Longest the shared store may take per call before this process's memory decides (ms). Default 250. */
  budgetMs?: number;
  logger?: Logger;
}

/**
 * The conversation memory the rewriter and the answerer use: this process's `ConversationMemory`,
 * and in shared mode the shared turns on top of it. Every turn is written to both, so when the
 * database is slow or away the local copy answers (a follow-up then holds on the replica that saw
 * the question before it, as in file mode); reads prefer the shared turns, which include what other
 * replicas heard. Each shared call gets `budgetMs`, so a slow database never slows an answer much;
 * after one failed or came late, the shared turns' breaker skips them for a cool-down (shared by
 * every per-question store of the process), so a silent database costs one budget per cool-down.
 * Failures never reach the question: one log line when the shared turns stop answering in time,
 * one when they answer again (a database that is down is logged by the database itself).
 */
export class ConversationStore {
  private readonly local: ConversationMemory;
  private budgetMs: number;
  private readonly logger: Logger;
  private shared: SharedTurns | undefined;
  /** Whether the line saying the shared turns failed was logged (and the one saying they are back is owed). */
  private warned = false;

  constructor(private readonly options: ConversationStoreOptions) {
    this.local = new ConversationMemory(options);
    this.budgetMs = options.budgetMs ?? 250;
    this.logger = options.logger ?? silentLogger;
  }

  /** Shares turns through `turns` from now on (shared mode; set once the database is open), optionally with another budget. */
  share(turns: SharedTurns, budgetMs?: number): void {
    this.shared = turns;
    if (budgetMs !== undefined) this.budgetMs = budgetMs;
  }

  /** Recent turns of a conversation, oldest first. */
  async recent(conversationId: string): Promise<Turn[]> {
    const local = this.local.recent(conversationId);
    const shared = await this.tryShared((turns) => turns.recent(conversationId, this.options.maxAgeMs));
    return shared ?? local;
  }

  /** Adds a turn (the answer is attached later by `attachAnswer`). */
  async record(conversationId: string, turn: Pick<Turn, "question" | "standalone">): Promise<void> {
    if (this.options.turns <= 0) return;
    this.local.record(conversationId, turn);
    await this.tryShared((turns) => turns.record(conversationId, turn, this.options.turns));
  }

  /** The standalone form recorded for `question` if it is the latest turn: this process recorded it moments ago. */
  standaloneFor(conversationId: string, question: string): string | undefined {
    return this.local.standaloneFor(conversationId, question);
  }

  /** Attaches the bot's reply to the latest turn when that turn is `question`. */
  async attachAnswer(conversationId: string, question: string, answer: string): Promise<void> {
    this.local.attachAnswer(conversationId, question, answer);
    await this.tryShared((turns) => turns.attachAnswer(conversationId, question, answer));
  }

  /** Conversations this process remembers (for tests and status). */
  get localSize(): number {
    return this.local.size;
  }

  /** `work` on the shared turns within the budget; undefined without them, or when they fail or are late. */
  private async tryShared<T>(work: (turns: SharedTurns) => Promise<T>): Promise<T | undefined> {
    const shared = this.shared;
    // Skipped: the failure that opened the breaker was logged (or not) when it happened.
    if (!shared || shared.breaker?.allow() === false) return undefined;
    try {
      const result = await withinBudget(work(shared), this.budgetMs, shared.breaker, isUnavailable);
      this.recovered();
      return result;
    } catch (error) {
      this.fellBack(error);
      return undefined;
    }
  }

  private fellBack(error: unknown): void {
    // The database logs going away itself; a slow database, or a failing statement, only shows here.
    if (this.warned || isUnavailable(error)) return;
    this.warned = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn("conversation memory: shared turns unavailable, using this process's memory", { reason });
  }

  private recovered(): void {
    if (!this.warned) return;
    this.warned = false;
    this.logger.info("conversation memory: shared turns answer again");
  }
}

function isUnavailable(error: unknown): boolean {
  return error instanceof SharedStateError && error.code === "DATABASE_UNAVAILABLE";
}
