import type { CoreConfig } from "../src/config/core-config.js";
import type { Logger } from "../src/logging/logger.js";
import { silentLogger } from "../src/logging/logger.js";
import { loadLlmConfig, type LlmConfig } from "../src/config/llm-config.js";
import type { Embedder } from "../src/port/embedder.js";
import { firstLineWithCause } from "./embedder-support.js";
import { HashingEmbedder } from "./hashing-embeddings.js";
import { isModelAvailableLocally, TransformersEmbedder } from "./transformers-embeddings.js";

/**
 * The one place that turns `EMBEDDINGS_PROVIDER` into an embedder.
 *
 * - `hashing`: offline feature hashing (lexical, not semantic), always available.
 * - `transformers`: the local transformers.js model; fails loudly if it cannot be loaded.
 * - `auto`: the transformers model when it is on disk or can be downloaded, otherwise `hashing`.
 *   It logs exactly one line saying which was chosen and why.
 * - `openai` / `ollama`: a hosted model (`EMBEDDINGS_MODEL`) at the same key/base URL as the chat
 *   model; `hosted` carries them (parsed from the environment when omitted). Fails loudly when the
 *   server cannot be reached: another embedder's vectors would not match the index.
 *
 * `transformers` and `auto` give a download up after `downloadTimeoutMs` without an answer from `remoteHost`, so a
 * firewalled host costs start-up that long, not minutes.
 */
export async function createEmbedder(
  config: CoreConfig["embeddings"],
  logger: Logger = silentLogger,
  hosted?: Pick<LlmConfig, "endpoints" | "embeddings">,
): Promise<Embedder> {
  if (config.provider === "openai" || config.provider === "ollama") {
    const embedder = await createHostedEmbedder(config.provider, config.model, hosted ?? loadLlmConfig(process.env, config.provider));
    logger.info(`embeddings: ${embedder.id} (${embedder.dimensions} dimensions; chosen by EMBEDDINGS_PROVIDER=${config.provider})`);
    return embedder;
  }
  const transformersOptions = {
    model: config.model,
    modelDir: config.modelDir,
    cacheDir: config.cacheDir,
    allowDownload: config.allowDownload,
    remoteHost: config.remoteHost,
    downloadTimeoutMs: config.downloadTimeoutMs,
  };
  if (config.provider === "hashing") {
    logger.info(`embeddings: hashing (offline, lexical; chosen by EMBEDDINGS_PROVIDER=hashing)`);
    return new HashingEmbedder(config.hashingDimensions);
  }
  if (config.provider === "transformers") {
    const embedder = await TransformersEmbedder.load(transformersOptions).catch((error: unknown) => {
      const silence = timeoutOf(error);
      if (!silence) throw error;
      throw new Error(
        `EMBEDDINGS_PROVIDER=transformers but ${config.model} could not be downloaded (${silence.message}). ` +
          `Check the network or proxy, point EMBEDDINGS_REMOTE_HOST at a reachable mirror, raise EMBEDDINGS_DOWNLOAD_TIMEOUT_MS, ` +
          `put the model in EMBEDDINGS_MODEL_DIR, or use EMBEDDINGS_PROVIDER=auto to fall back to hashing.`,
        { cause: error },
      );
    });
    logger.info(`embeddings: ${embedder.id} (${embedder.dimensions} dimensions; chosen by EMBEDDINGS_PROVIDER=transformers)`);
    return embedder;
  }
  const local = await isModelAvailableLocally(transformersOptions);
  if (!local && !config.allowDownload) {
    logger.info(`embeddings: hashing (offline, lexical) — ${config.model} is not on disk and EMBEDDINGS_ALLOW_DOWNLOAD=false`);
    return new HashingEmbedder(config.hashingDimensions);
  }
  try {
    const embedder = await TransformersEmbedder.load(transformersOptions);
    logger.info(`embeddings: ${embedder.id} (${embedder.dimensions} dimensions; ${local ? "found on disk" : "downloaded into " + config.cacheDir})`);
    return embedder;
  } catch (error) {
    // A download failure is told by its root cause; load's own message repeats the model and folders this line names.
    const silence = timeoutOf(error);
    const why = silence ? ` (${silence.message})` : `: ${firstLineWithCause(local ? error : rootCause(error))}`;
    logger.info(
      `embeddings: hashing (offline, lexical) — ${config.model} could not be ${local ? "loaded" : "downloaded"}${why}; set EMBEDDINGS_PROVIDER=hashing to skip this attempt`,
    );
    return new HashingEmbedder(config.hashingDimensions);
  }
}

/** `TransformersEmbedder.load` marks a host that went silent with a `TimeoutError` cause saying which host and how long. */
function timeoutOf(error: unknown): DOMException | undefined {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof DOMException && cause.name === "TimeoutError" ? cause : undefined;
}

function rootCause(error: unknown): unknown {
  const cause = (error as { cause?: unknown } | undefined)?.cause;
  return cause instanceof Error ? cause : error;
}

async function createHostedEmbedder(provider: "openai" | "ollama", model: string, hosted: Pick<LlmConfig, "endpoints" | "embeddings">): Promise<Embedder> {
  const { timeoutMs, maxRetries } = hosted.embeddings;
  const { openai, ollama } = hosted.endpoints;
  // Imported on demand: the hosted clients are slow to load and most installs never use them.
  if (provider === "openai" && openai)
    return (await import("./openai-embedder.js")).OpenAiEmbedder.create({ model, timeoutMs, maxRetries, apiKey: openai.apiKey, baseUrl: openai.baseUrl });
  if (provider === "ollama" && ollama)
    return (await import("./ollama-embedder.js")).OllamaEmbedder.create({ model, timeoutMs, maxRetries, baseUrl: ollama.baseUrl });
  throw new Error(`EMBEDDINGS_PROVIDER=${provider} but no ${provider} endpoint is configured`);
}
