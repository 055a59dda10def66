import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOllama } from "@langchain/ollama";
import { ChatOpenAI } from "@langchain/openai";
import type { ChatModelSettings, ModelEndpoints } from "../config/llm-config.js";
import { fetchWithTimeout } from "../util/fetch-with-timeout.js";

/**
 * Builds the LangChain chat model for `LLM_PROVIDER`. Keys and URLs are passed explicitly, never
 * left for the client to pick up from `process.env`, so tests and the composition root decide.
 *
 * Retries: ChatOpenAI retries 429/5xx/connection errors `maxRetries` times (LangChain's caller;
 * the SDK's own retries are off). ChatOllama does not retry at all. Either way the caller's
 * overall deadline (`withDeadline`) bounds the total time.
 */
export function createChatModel(settings: ChatModelSettings, endpoints: ModelEndpoints): BaseChatModel {
  if (settings.provider === "openai") {
    const openai = endpoints.openai;
    if (!openai) throw new Error("createChatModel: the openai endpoint is not configured");
    return new ChatOpenAI({
      model: settings.model,
      apiKey: openai.apiKey,
      configuration: openai.baseUrl ? { baseURL: openai.baseUrl } : undefined,
      temperature: settings.temperature ?? (isReasoningModel(settings.model) ? undefined : 0),
      timeout: settings.timeoutMs,
      maxRetries: settings.maxRetries,
    });
  }
  const ollama = endpoints.ollama;
  if (!ollama) throw new Error("createChatModel: the ollama endpoint is not configured");
  return new ChatOllama({
    model: settings.model,
    baseUrl: ollama.baseUrl,
    temperature: settings.temperature ?? 0,
    // ollama-js has no timeout and ChatOllama does not pass the abort signal to fetch.
    fetch: fetchWithTimeout(settings.timeoutMs),
  });
}

/** OpenAI reasoning models (o1, o3, gpt-5 except gpt-5-chat) accept no temperature but the default. */
function isReasoningModel(model: string): boolean {
  return /^o\d/.test(model) || (model.startsWith("gpt-5") && !model.startsWith("gpt-5-chat"));
}
