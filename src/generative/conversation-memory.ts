import { BoundedMap } from "../util/bounded-map.js";

/** One exchange in a conversation, as the rewriter needs it. */
export interface Turn {
  /** The question as asked. */
  question: string;
  /** The question made standalone (equal to `question` when it already was). */
  standalone: string;
  /** The bot's reply text, once known. */
  answer?: string;
  at: number;
}

/** The three bounds of a {@link ConversationMemory}. */
export interface ConversationMemoryOptions {
  /** Turns kept per conversation (older ones are forgotten). */
  turns: number;
  /** Turns older than this are ignored and pruned. */
  maxAgeMs: number;
  /** Conversations remembered at once; the least recently used is forgotten first. */
  conversations: number;
  now?: () => number;
}

/** Longest answer text kept per turn: enough to resolve "he"/"that", bounded memory per turn. */
const maxAnswerChars = 400;

/**
 * The last few turns per conversation, in memory only, bounded three ways: turns per conversation,
 * age of a turn, and number of conversations (LRU). It exists to turn follow-ups such as
 * `En wanneer?` into standalone questions; nothing else reads it, and it is lost on restart on
 * purpose (no chat logs on disk).
 */
export class ConversationMemory {
  private readonly byConversation: BoundedMap<string, Turn[]>;
  private readonly now: () => number;

  constructor(private readonly options: ConversationMemoryOptions) {
    this.now = options.now ?? Date.now;
    this.byConversation = new BoundedMap(options.conversations);
  }

  /** Recent turns of a conversation, oldest first. Marks the conversation as recently used. */
  recent(conversationId: string): Turn[] {
    const turns = this.byConversation.get(conversationId);
    if (!turns) return [];
    const fresh = turns.filter((turn) => this.now() - turn.at <= this.options.maxAgeMs);
    if (fresh.length === 0) {
      this.byConversation.delete(conversationId);
      return [];
    }
    this.touch(conversationId, fresh);
    return [...fresh];
  }

  /** Adds a turn (the question; the answer is attached later by `attachAnswer`). */
  record(conversationId: string, turn: Omit<Turn, "at" | "answer">): void {
    if (this.options.turns <= 0) return;
    const turns = [...this.recent(conversationId), { ...turn, at: this.now() }].slice(-this.options.turns);
    this.touch(conversationId, turns);
  }

  /** The standalone form recorded for `question` if it is the conversation's latest turn. */
  standaloneFor(conversationId: string, question: string): string | undefined {
    const last = this.byConversation.get(conversationId)?.at(-1);
    return last && last.question === question ? last.standalone : undefined;
  }

  /** Attaches the bot's reply to the latest turn when that turn is `question`. */
  attachAnswer(conversationId: string, question: string, answer: string): void {
    const last = this.byConversation.get(conversationId)?.at(-1);
    if (last && last.question === question) last.answer = answer.slice(0, maxAnswerChars);
  }

  /** Conversations currently remembered (for tests and status). */
  get size(): number {
    return this.byConversation.size;
  }

  /** Re-inserting moves the conversation to the "most recent" end; a new one beyond the bound drops the least recently used. */
  private touch(conversationId: string, turns: Turn[]): void {
    this.byConversation.delete(conversationId);
    this.byConversation.set(conversationId, turns);
  }
}
