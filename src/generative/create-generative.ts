import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Answerer, QueryRewriter } from "../answer/answerer.js";
import type { LlmConfig } from "../config/llm-config.js";
import { ConfigError } from "../port/errors.js";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import { generatedAnswerName, generatedAnswerSchema } from "./answer-schema.js";
import { createChatModel } from "./chat-model.js";
import { CircuitBreaker } from "../util/circuit-breaker.js";
import { ConversationStore } from "./conversation-store.js";
import { GenerativeAnswerer } from "./generative-answerer.js";
import { LlmQueryRewriter } from "./llm-query-rewriter.js";
import { queryRewriteName, queryRewriteSchema } from "./rewrite-schema.js";
import { sameEntity } from "../lexicon/cldr-names.js";
import { StructuredCall, type ModelCallEvent } from "./structured-call.js";

/** The pieces `Core.open` takes, sharing one model, breaker and memory. */
export interface GenerativeParts {
  answerer: Answerer;
  rewriter: QueryRewriter;
  /** Conversations: this process's memory, plus the shared turns once `share` is called (shared mode). */
  memory: ConversationStore;
  /** `openai:gpt-4o-mini`, for logs and status lines. */
  label: string;
}

/** Optional wiring for {@link createGenerative}. */
export interface CreateGenerativeOptions {
  logger?: Logger;
  /** Longest rewritten query (the core's `MAX_QUESTION_LENGTH`). */
  maxQueryLength?: number;
  /** Replaces the chat model built from the config (tests). */
  chatModel?: BaseChatModel;
  /** Called after every model call with its duration (metrics, benchmarks). */
  onModelCall?: (event: ModelCallEvent) => void;
  now?: () => number;
}

/**
 * Wires the generative answerer and the query rewriter around one chat model, one circuit breaker
 * and one conversation memory (the answerer reads the standalone question the rewriter recorded).
 * Returns undefined when `LLM_PROVIDER=none`: the core then stays extractive with no rewrites.
 * @throws ConfigError when the structured-output mode cannot work with the model.
 */
export function createGenerative(config: LlmConfig, options: CreateGenerativeOptions = {}): GenerativeParts | undefined {
  const chat = config.chat;
  if (!chat) return undefined;
  const logger = options.logger ?? silentLogger;
  const model = options.chatModel ?? createChatModel(chat, config.endpoints);
  const label = `${chat.provider}:${chat.model}`;
  const callOptions = { timeoutMs: chat.timeoutMs, mode: chat.structuredOutput, onCall: options.onModelCall };
  const breaker = new CircuitBreaker(config.cooldownMs, options.now);
  const memory = new ConversationStore({ ...config.history, now: options.now, logger });
  let answerCall: StructuredCall<typeof generatedAnswerSchema>;
  let rewriteCall: StructuredCall<typeof queryRewriteSchema>;
  try {
    answerCall = new StructuredCall(model, generatedAnswerSchema, generatedAnswerName, callOptions);
    rewriteCall = new StructuredCall(model, queryRewriteSchema, queryRewriteName, callOptions);
  } catch (error) {
    // LangChain refuses some combinations up front, e.g. json_schema with a gpt-4 model name.
    throw new ConfigError(
      `Invalid configuration:\n  LLM_STRUCTURED_OUTPUT: ${chat.structuredOutput} does not work with ${label}: ${(error as Error).message}`,
      ["LLM_STRUCTURED_OUTPUT"],
    );
  }
  const answerer = new GenerativeAnswerer({
    model: answerCall,
    maxPassages: config.maxPassages,
    breaker,
    memory,
    logger,
    label,
    // Germany in an English answer is Duitsland in the cited sentence: the same name.
    sameName: sameEntity,
  });
  const rewriter = new LlmQueryRewriter({
    model: rewriteCall,
    memory,
    breaker,
    logger,
    label,
    maxQueryLength: options.maxQueryLength ?? 500,
  });
  return { answerer, rewriter, memory, label };
}
