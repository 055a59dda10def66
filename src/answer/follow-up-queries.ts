import type { Turn } from "../generative/conversation-memory.js";
import { looksLikeFollowUp } from "../generative/follow-up.js";
import type { AskContext, Language } from "../port/types.js";
import type { QueryRewriter } from "./answerer.js";

/** Where a conversation's turns are kept: this process's memory, or the store shared by replicas. */
export interface TurnMemory {
  recent(conversationId: string): Turn[] | Promise<Turn[]>;
  record(conversationId: string, turn: Pick<Turn, "question" | "standalone">): void | Promise<void>;
}

/** A chain of follow-ups stays a question, not a transcript. */
const maxStandaloneChars = 300;

/**
 * Follow-ups without a language model: in a conversation, "En wanneer?" after "Welk systeem levert
 * Duitsland?" is also searched as the two together, so it is answered about the German systems
 * instead of refused. The question alone is searched too and each passage keeps its best query, so
 * a question that only looked like a follow-up ("En wat is Nasams?") loses nothing. Only questions
 * that look like follow-ups (short, opening with "en"/"maar"/"and", or pointing back with
 * "hij"/"daar"/"it") borrow the previous turn; without a conversation id (the CLI) nothing is kept.
 */
export class FollowUpQueries implements QueryRewriter {
  constructor(private readonly memory: TurnMemory) {}

  async rewrite(question: string, _language: Language, context: AskContext): Promise<string[]> {
    const conversation = context.conversationId;
    if (!conversation) return [question];
    const previous = (await this.memory.recent(conversation)).at(-1);
    const standalone = previous && looksLikeFollowUp(question) ? `${previous.standalone} ${question}`.slice(-maxStandaloneChars) : question;
    await this.memory.record(conversation, { question, standalone });
    return standalone === question ? [question] : [question, standalone];
  }
}
