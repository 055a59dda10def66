import type { BaseMessage } from "@langchain/core/messages";
import type { QueryRewriter } from "../answer/answerer.js";
import { controlCharacters } from "../port/question.js";
import type { AskContext, Language } from "../port/types.js";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import type { CircuitBreaker } from "../util/circuit-breaker.js";
import type { ConversationStore } from "./conversation-store.js";
import { looksLikeFollowUp } from "./follow-up.js";
import { isAvailabilityFault, toModelError } from "./model-error.js";
import { buildRewriteMessages } from "./rewrite-prompt.js";
import type { QueryRewrite } from "./rewrite-schema.js";

/** The one model call the rewriter needs; `StructuredCall` in production, anything in tests. */
export interface RewriteModel {
  invoke(messages: BaseMessage[]): Promise<QueryRewrite>;
}

/** Collaborators and limits of an {@link LlmQueryRewriter}. */
export interface LlmQueryRewriterOptions {
  model: RewriteModel;
  memory: ConversationStore;
  breaker: CircuitBreaker;
  logger?: Logger;
  label: string;
  /** Rewrites longer than this are cut (a model reply is not trusted to be short). */
  maxQueryLength: number;
}

/**
 * Produces the retrieval queries for a question, with at most one model call:
 *
 * - a standalone Dutch question → `[question]`, no call;
 * - a non-Dutch question → `[question, Dutch rewrite]` (cross-lingual retrieval: the corpus is
 *   Dutch, and lexical retrieval needs Dutch words);
 * - a follow-up in a conversation with recent turns (see `looksLikeFollowUp`) → `[standalone,
 *   Dutch standalone]`; the vague original (`En wanneer?`) is left out because it retrieves noise;
 * - a non-Dutch follow-up gets both in the same single call.
 *
 * Every question is recorded in the conversation memory with its standalone form, so the answerer
 * can word the answer to the standalone question and the next follow-up can refer back to it.
 * A failed call never fails the question: retrieval goes ahead with the question as asked.
 */
export class LlmQueryRewriter implements QueryRewriter {
  private readonly logger: Logger;

  constructor(private readonly options: LlmQueryRewriterOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  async rewrite(question: string, language: Language, context: AskContext): Promise<string[]> {
    const { memory, breaker } = this.options;
    const conversation = context.conversationId;
    const history = conversation ? await memory.recent(conversation) : [];
    const followUp = history.length > 0 && looksLikeFollowUp(question);
    const remember = async (standalone: string) => {
      if (conversation) await memory.record(conversation, { question, standalone });
    };
    if (language === "nl" && !followUp) {
      await remember(question);
      return [question];
    }
    if (breaker.isOpen()) {
      this.logger.debug("language model skipped during cool-down; retrieving with the question as asked", { model: this.options.label });
      await remember(question);
      return [question];
    }
    try {
      const output = await this.options.model.invoke(buildRewriteMessages({ question, history: followUp ? history : [] }));
      breaker.recordSuccess();
      const standalone = this.clean(output.standalone) || question;
      const dutch = this.clean(output.dutch);
      await remember(standalone);
      const queries = followUp ? [standalone, dutch] : [question, dutch];
      this.logger.debug("rewrote question for retrieval", { followUp, queries });
      return [...new Set(queries.filter((query) => query.length > 0))];
    } catch (error) {
      const fault = toModelError(error);
      if (isAvailabilityFault(fault.code)) breaker.recordFailure();
      this.logger.warn("query rewrite failed; retrieving with the question as asked", {
        model: this.options.label,
        code: fault.code,
        status: fault.status,
        reason: fault.message,
      });
      await remember(question);
      return [question];
    }
  }

  private clean(text: string): string {
    const cleaned = text.replace(controlCharacters, " ").replace(/\s+/gu, " ").trim();
    return [...cleaned].slice(0, this.options.maxQueryLength).join("");
  }
}
