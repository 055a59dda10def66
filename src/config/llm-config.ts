import { z } from "zod";
import { ConfigError } from "../port/errors.js";
import { envField, parseEnv } from "./parse-env.js";

/**
 * Environment variables of the hosted models (chat model and hosted embeddings). All optional:
 * with nothing set the bot stays extractive and offline.
 */
export const llmEnvShape = {
  LLM_PROVIDER: envField.oneOf(["none", "openai", "ollama"], "none"),
  LLM_MODEL: z.string().optional(),
  OPENAI_API_KEY: z.string().optional(),
  OPENAI_BASE_URL: envField.url(),
  OLLAMA_BASE_URL: envField.url(),
  LLM_TIMEOUT_MS: envField.integer(500, 600_000, 20_000),
  LLM_MAX_RETRIES: envField.integer(0, 5, 1),
  LLM_TEMPERATURE: z.coerce
    .number({ invalid_type_error: "expected a number between 0 and 2" })
    .min(0, "expected a number between 0 and 2")
    .max(2, "expected a number between 0 and 2")
    .optional(),
  LLM_STRUCTURED_OUTPUT: envField.oneOf(["auto", "json_schema", "tool_calling", "json_mode"], "auto"),
  LLM_MAX_PASSAGES: envField.integer(1, 20, 5),
  LLM_COOLDOWN_MS: envField.integer(0, 3_600_000, 15_000),
  LLM_HISTORY_TURNS: envField.integer(0, 20, 3),
  LLM_HISTORY_MINUTES: envField.integer(1, 1440, 15),
  LLM_HISTORY_CONVERSATIONS: envField.integer(1, 100_000, 1000),
  EMBEDDINGS_TIMEOUT_MS: envField.integer(500, 600_000, 60_000),
};

export type LlmProvider = "openai" | "ollama";
/** How the chat model is asked for structured output; `auto` keeps LangChain's per-client default. */
export type StructuredOutputMode = "auto" | "json_schema" | "tool_calling" | "json_mode";

/** Where the hosted models live. Shared by the chat model and the hosted embedders. */
export interface ModelEndpoints {
  openai?: { apiKey: string; baseUrl?: string };
  ollama?: { baseUrl: string };
}

/** Settings of the chat model; absent when `LLM_PROVIDER=none`. */
export interface ChatModelSettings {
  provider: LlmProvider;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Unset: 0, except for OpenAI reasoning models, which reject any temperature but their default. */
  temperature?: number;
  structuredOutput: StructuredOutputMode;
}

/** Everything about hosted models, validated; see {@link loadLlmConfig}. */
export interface LlmConfig {
  chat?: ChatModelSettings;
  endpoints: ModelEndpoints;
  /** Passages (best first) given to the model per question. */
  maxPassages: number;
  /** After the model was unreachable, rate-limited or timed out, skip it for this long (0: never skip). */
  cooldownMs: number;
  history: { turns: number; maxAgeMs: number; conversations: number };
  embeddings: { timeoutMs: number; maxRetries: number };
  /** Values that must never appear in logs. */
  secrets: string[];
}

/**
 * Placeholder key for OpenAI-compatible servers that ignore authentication (vLLM, LM Studio): the
 * OpenAI SDK refuses to start without some key.
 */
export const keylessPlaceholder = "not-needed";

/**
 * Parses and cross-checks the model variables. `embeddingsProvider` is the already validated
 * `EMBEDDINGS_PROVIDER`, because a hosted embedder needs the same key and base URL as the chat model.
 *
 * Rules (each violation is a `ConfigError` naming the variable):
 * - `openai` (chat or embeddings) needs `OPENAI_API_KEY`, unless `OPENAI_BASE_URL` points at a
 *   self-hosted OpenAI-compatible server (those usually take no key);
 * - `ollama` needs `OLLAMA_BASE_URL`;
 * - a chat provider needs `LLM_MODEL`; a hosted embeddings provider needs `EMBEDDINGS_MODEL`
 *   (the default names a local transformers.js model that no server serves).
 */
export function loadLlmConfig(env: NodeJS.ProcessEnv = process.env, embeddingsProvider?: string): LlmConfig {
  const parsed = parseEnv(llmEnvShape, env);
  const chatProvider = parsed.LLM_PROVIDER === "none" ? undefined : parsed.LLM_PROVIDER;
  const hostedEmbeddings = embeddingsProvider === "openai" || embeddingsProvider === "ollama" ? embeddingsProvider : undefined;
  const needs = new Set([chatProvider, hostedEmbeddings].filter((value): value is LlmProvider => value !== undefined));
  assertComplete(parsed, env, chatProvider, hostedEmbeddings, needs);

  const endpoints: ModelEndpoints = {};
  if (needs.has("openai")) {
    endpoints.openai = { apiKey: parsed.OPENAI_API_KEY ?? keylessPlaceholder, baseUrl: parsed.OPENAI_BASE_URL };
  }
  if (needs.has("ollama")) endpoints.ollama = { baseUrl: parsed.OLLAMA_BASE_URL! };
  return {
    chat: chatProvider
      ? {
          provider: chatProvider,
          model: parsed.LLM_MODEL!,
          timeoutMs: parsed.LLM_TIMEOUT_MS,
          maxRetries: parsed.LLM_MAX_RETRIES,
          temperature: parsed.LLM_TEMPERATURE,
          structuredOutput: parsed.LLM_STRUCTURED_OUTPUT,
        }
      : undefined,
    endpoints,
    maxPassages: parsed.LLM_MAX_PASSAGES,
    cooldownMs: parsed.LLM_COOLDOWN_MS,
    history: {
      turns: parsed.LLM_HISTORY_TURNS,
      maxAgeMs: parsed.LLM_HISTORY_MINUTES * 60_000,
      conversations: parsed.LLM_HISTORY_CONVERSATIONS,
    },
    embeddings: { timeoutMs: parsed.EMBEDDINGS_TIMEOUT_MS, maxRetries: parsed.LLM_MAX_RETRIES },
    secrets: parsed.OPENAI_API_KEY ? [parsed.OPENAI_API_KEY] : [],
  };
}

/** Every variable a configured provider still needs, reported at once with an example value. */
function assertComplete(
  parsed: z.infer<z.ZodObject<typeof llmEnvShape>>,
  env: NodeJS.ProcessEnv,
  chatProvider: LlmProvider | undefined,
  hostedEmbeddings: LlmProvider | undefined,
  needs: ReadonlySet<LlmProvider>,
): void {
  const problems: Array<[variable: string, message: string]> = [];
  const why = (provider: LlmProvider) =>
    [chatProvider === provider ? `LLM_PROVIDER=${provider}` : "", hostedEmbeddings === provider ? `EMBEDDINGS_PROVIDER=${provider}` : ""]
      .filter(Boolean)
      .join(" and ");

  if (needs.has("openai") && !parsed.OPENAI_API_KEY && !parsed.OPENAI_BASE_URL) {
    problems.push(["OPENAI_API_KEY", `required by ${why("openai")} (or set OPENAI_BASE_URL to a self-hosted OpenAI-compatible server)`]);
  }
  if (needs.has("ollama") && !parsed.OLLAMA_BASE_URL) {
    problems.push(["OLLAMA_BASE_URL", `required by ${why("ollama")}, e.g. http://127.0.0.1:11434`]);
  }
  if (chatProvider && !parsed.LLM_MODEL) {
    problems.push(["LLM_MODEL", `required by LLM_PROVIDER=${chatProvider}, e.g. ${chatProvider === "openai" ? "gpt-4o-mini" : "llama3.1:8b"}`]);
  }
  if (hostedEmbeddings && !env.EMBEDDINGS_MODEL?.trim()) {
    problems.push([
      "EMBEDDINGS_MODEL",
      `required by EMBEDDINGS_PROVIDER=${hostedEmbeddings}, e.g. ${hostedEmbeddings === "openai" ? "text-embedding-3-small" : "nomic-embed-text"}`,
    ]);
  }
  if (problems.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n${problems.map(([variable, message]) => `  ${variable}: ${message}`).join("\n")}\n` +
        "Fix these in your environment or .env file; .env.example documents every variable.",
      problems.map(([variable]) => variable),
    );
  }
}
