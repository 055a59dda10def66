import path from "node:path";
import type { LogLevel } from "../logging/logger.js";
import { envField, parseEnv } from "./parse-env.js";
import { z } from "zod";
import type { RelevanceModel } from "./relevance-model.js";

/**
 * Bounds of `REFRESH_INTERVAL_MINUTES`. Below five minutes a publisher sees a bot polling, and every
 * check is an audit line; above a week the schedule is no longer keeping anything fresh.
 */
export const minRefreshIntervalMinutes = 5;
export const maxRefreshIntervalMinutes = 10_080;
const refreshIntervalHelp = `expected whole minutes from ${minRefreshIntervalMinutes} to ${maxRefreshIntervalMinutes} (a week), e.g. 60 for hourly; 0 or empty turns the schedule off`;

/** Environment variables of the retrieval core, with defaults that work offline. */
export const coreEnvShape = {
  DATA_DIR: z.string().default("data"),
  CORPUS_DIR: z.string().default("corpus"),
  LOG_LEVEL: envField.oneOf(["debug", "info", "warn", "error", "silent"], "info"),
  EMBEDDINGS_PROVIDER: envField.oneOf(["auto", "hashing", "transformers", "openai", "ollama"], "auto"),
  EMBEDDINGS_MODEL: z.string().default("Xenova/multilingual-e5-small"),
  EMBEDDINGS_MODEL_DIR: z.string().optional(),
  EMBEDDINGS_ALLOW_DOWNLOAD: envField.boolean(true),
  EMBEDDINGS_DOWNLOAD_TIMEOUT_MS: envField.integer(100, 600_000, 20_000),
  EMBEDDINGS_REMOTE_HOST: envField.url(),
  HASHING_DIMENSIONS: envField.integer(64, 4096, 512),
  DICTIONARY_DIR: z.string().default("/usr/share/dictd"),
  BUNDLED_LEXICON: envField.boolean(true),
  MAX_QUESTION_LENGTH: envField.integer(20, 4000, 500),
  RETRIEVAL_CANDIDATES: envField.integer(1, 100, 8),
  FUSION_VECTOR_WEIGHT: envField.number(0, 10, 1),
  FUSION_LEXICAL_WEIGHT: envField.number(0, 10, 1),
  FUSION_RRF_K: envField.integer(1, 1000, 60),
  ABSTAIN_THRESHOLD: envField.optionalNumber(0, 1),
  HNSW_M: envField.integer(4, 64, 16),
  HNSW_EF_CONSTRUCTION: envField.integer(10, 1000, 100),
  HNSW_EF_SEARCH: envField.integer(10, 2000, 512),
  INDEX_KEEP_VERSIONS: envField.integer(2, 100, 5),
  INDEX_WATCH_INTERVAL_MS: envField.integer(0, 3_600_000, 2000),
  FETCH_ALLOW_PRIVATE_NETWORKS: envField.boolean(false),
  FETCH_TIMEOUT_MS: envField.integer(100, 120_000, 15_000),
  FETCH_MAX_BYTES: envField.integer(1024, 50_000_000, 5_000_000),
  FETCH_MAX_REDIRECTS: envField.integer(0, 10, 3),
  REFRESH_INTERVAL_MINUTES: z.coerce
    .number({ invalid_type_error: refreshIntervalHelp })
    .int(refreshIntervalHelp)
    .refine((minutes) => minutes === 0 || (minutes >= minRefreshIntervalMinutes && minutes <= maxRefreshIntervalMinutes), refreshIntervalHelp)
    .default(0),
};

export type CoreEnv = z.infer<z.ZodObject<typeof coreEnvShape>>;

export interface CoreConfig {
  dataDir: string;
  corpusDir: string;
  logLevel: LogLevel;
  embeddings: {
    provider: CoreEnv["EMBEDDINGS_PROVIDER"];
    model: string;
    modelDir?: string;
    allowDownload: boolean;
    /** Give up a model download after this many ms without an answer from the host; unset means 20 000. */
    downloadTimeoutMs?: number;
    /** Host models are downloaded from; unset means the Hugging Face Hub (`https://huggingface.co/`). */
    remoteHost?: string;
    hashingDimensions: number;
    cacheDir: string;
  };
  /**
   * Folder with FreeDict's Dutch–English dictionaries in dictd format (Debian's
   * dict-freedict-nld-eng / -eng-nld); used when present, `off` never reads one.
   */
  dictionaryDir: string | undefined;
  /** Whether the English–Dutch word list that ships with the bot is used (BUNDLED_LEXICON). */
  bundledLexicon: boolean;
  maxQuestionLength: number;
  retrieval: {
    candidates: number;
    vectorWeight: number;
    lexicalWeight: number;
    rrfK: number;
    /**
     * Operator override of the abstention threshold; by default each index version carries its own,
     * measured when it was built (`Calibration.threshold`).
     */
    abstainThreshold?: number;
    /** Relevance constants; only calibration runs (`npm run eval -- --calibrate`) set them. */
    relevance?: RelevanceModel;
  };
  hnsw: { m: number; efConstruction: number; efSearch: number };
  /** Index versions kept on disk for rollback. */
  keepVersions: number;
  /** How often a running bot checks for an index built by another process; 0 turns it off. */
  watchIntervalMs: number;
  fetch: { allowPrivateNetworks: boolean; timeoutMs: number; maxBytes: number; maxRedirects: number };
  /** Minutes between scheduled re-fetches of the URL sources (`src/refresh/source-schedule.ts`); 0 is off. */
  refreshIntervalMinutes: number;
}

/** Parses the core's variables once; throws `ConfigError` naming every wrong variable. */
export function loadCoreConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): CoreConfig {
  const parsed = parseEnv(coreEnvShape, env);
  const dataDir = path.resolve(cwd, parsed.DATA_DIR);
  return {
    dataDir,
    corpusDir: path.resolve(cwd, parsed.CORPUS_DIR),
    logLevel: parsed.LOG_LEVEL as LogLevel,
    embeddings: {
      provider: parsed.EMBEDDINGS_PROVIDER,
      model: parsed.EMBEDDINGS_MODEL,
      modelDir: parsed.EMBEDDINGS_MODEL_DIR ? path.resolve(cwd, parsed.EMBEDDINGS_MODEL_DIR) : undefined,
      allowDownload: parsed.EMBEDDINGS_ALLOW_DOWNLOAD,
      downloadTimeoutMs: parsed.EMBEDDINGS_DOWNLOAD_TIMEOUT_MS,
      remoteHost: parsed.EMBEDDINGS_REMOTE_HOST,
      hashingDimensions: parsed.HASHING_DIMENSIONS,
      cacheDir: path.join(dataDir, "models"),
    },
    dictionaryDir: parsed.DICTIONARY_DIR === "off" ? undefined : path.resolve(cwd, parsed.DICTIONARY_DIR),
    bundledLexicon: parsed.BUNDLED_LEXICON,
    maxQuestionLength: parsed.MAX_QUESTION_LENGTH,
    retrieval: {
      candidates: parsed.RETRIEVAL_CANDIDATES,
      vectorWeight: parsed.FUSION_VECTOR_WEIGHT,
      lexicalWeight: parsed.FUSION_LEXICAL_WEIGHT,
      rrfK: parsed.FUSION_RRF_K,
      abstainThreshold: parsed.ABSTAIN_THRESHOLD,
    },
    hnsw: { m: parsed.HNSW_M, efConstruction: parsed.HNSW_EF_CONSTRUCTION, efSearch: parsed.HNSW_EF_SEARCH },
    keepVersions: parsed.INDEX_KEEP_VERSIONS,
    watchIntervalMs: parsed.INDEX_WATCH_INTERVAL_MS,
    fetch: {
      allowPrivateNetworks: parsed.FETCH_ALLOW_PRIVATE_NETWORKS,
      timeoutMs: parsed.FETCH_TIMEOUT_MS,
      maxBytes: parsed.FETCH_MAX_BYTES,
      maxRedirects: parsed.FETCH_MAX_REDIRECTS,
    },
    refreshIntervalMinutes: parsed.REFRESH_INTERVAL_MINUTES,
  };
}
