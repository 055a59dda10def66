import "dotenv/config";
import { loadCoreConfig, type CoreConfig } from "../config/core-config.js";
import { Core, type CoreOptions } from "./nieuwsbot-core.js";
import type { RefreshReport, RefreshRequest } from "../port/types.js";
import type { BuildProgress } from "../index/build-index.js";
import type { OnIndexPhase } from "../index/index-phase.js";
import { createLogger, type Logger } from "../logging/logger.js";
import { createEmbedder } from "../../embeddings/create-embedder.js";
import { loadLlmConfig } from "../config/llm-config.js";
import { FollowUpQueries } from "../answer/follow-up-queries.js";
import { ConversationStore } from "../generative/conversation-store.js";
import { createLexicon } from "../lexicon/lexicon.js";
import { loadDatabaseConfig } from "../config/database-config.js";
import type { SharedDatabase } from "../shared-state/database.js";
import { SharedConversationTurns } from "../shared-state/conversation-turns.js";
import { openSharedDatabase, sharedStores } from "./shared-stores.js";

export interface App {
  config: CoreConfig;
  logger: Logger;
  core: Core;
  /**
   * The shared database of shared mode (`DATABASE_URL`), migrated; undefined in file mode. The core
   * closes it on `core.close()`, so front ends shut down exactly as in file mode.
   */
  shared?: SharedDatabase;
  /** The report of `BootstrapOptions.refresh`, when one was asked for. */
  report?: RefreshReport;
}

export interface BootstrapOptions {
  env?: NodeJS.ProcessEnv;
  /** Secret values to scrub from logs (bot tokens, API keys). */
  secrets?: string[];
  onBuildProgress?: (progress: BuildProgress) => void;
  /** Hears the crash-relevant phases of every build, save and rollback of this process (see `index-phase.ts`). */
  onIndexPhase?: OnIndexPhase;
  /** Prefix for every log line of this process, e.g. `shard 1`. */
  logScope?: string;
  /**
   * Open by running this refresh instead of the start-up refresh (`Core.openAndRefresh`), as
   * `npm run ingest` does, so the moderator's refresh is the one that finds and reports a change.
   */
  refresh?: RefreshRequest;
  /**
   * Run the scheduled re-fetch of URL sources in this process when `REFRESH_INTERVAL_MINUTES` is set
   * (bot processes: `npm start`, Discord shard 0). Others only show its shared state in `status()`.
   */
  schedule?: boolean;
}

/**
 * Composition root shared by every entry point (CLI, console, platform adapters): parse the
 * environment once, pick the embedder and (with `LLM_PROVIDER`) the language model, open or
 * build the index. Model settings are validated before anything slow starts.
 */
export async function bootstrap(options: BootstrapOptions & { refresh: RefreshRequest }): Promise<App & { report: RefreshReport }>;
export async function bootstrap(options?: BootstrapOptions): Promise<App>;
export async function bootstrap(options: BootstrapOptions = {}): Promise<App> {
  const env = options.env ?? process.env;
  const config = loadCoreConfig(env);
  const llm = loadLlmConfig(env, config.embeddings.provider);
  const database = loadDatabaseConfig(env);
  // API keys and the database password join the caller's secrets so no log line can ever carry them.
  const secrets = [...(options.secrets ?? []), ...llm.secrets, ...(database?.secrets ?? [])];
  const logger = createLogger({ level: config.logLevel, secrets, scope: options.logScope });
  const embedder = await createEmbedder(config.embeddings, logger, llm);
  const lexicon = createLexicon({ dictionaryDir: config.dictionaryDir, bundled: config.bundledLexicon }, logger);
  // LangChain's model clients take a second to import: load them only when a model is configured.
  const generative = llm.chat
    ? (await import("../generative/create-generative.js")).createGenerative(llm, { logger: logger.child("llm"), maxQueryLength: config.maxQuestionLength })
    : undefined;
  if (generative) logger.info(`answers: generative with ${generative.label} (extractive fallback)`);
  const conversations = generative?.memory ?? new ConversationStore({ ...llm.history, logger: logger.child("conversation") });
  const coreOptions: CoreOptions = {
    config,
    embedder,
    logger,
    onBuildProgress: options.onBuildProgress,
    onIndexPhase: options.onIndexPhase,
    schedule: { run: options.schedule === true },
    answerer: generative?.answerer,
    // Without a model, follow-ups ("en wanneer?") borrow the previous question of the conversation.
    rewriter: generative?.rewriter ?? new FollowUpQueries(conversations),
    lexicon,
    languageModel: llm.chat && { provider: llm.chat.provider, model: llm.chat.model },
  };
  // Opened last, after every setting is validated, so a wrong setting never leaves a connection open.
  const shared = database && (await openSharedDatabase(database, logger, options.logScope ? `nieuwsbot ${options.logScope}` : "nieuwsbot"));
  if (shared) coreOptions.shared = sharedStores(shared, config.dataDir, embedder, logger);
  // Follow-ups hold whichever replica gets them: the conversation memory also keeps its turns in the database.
  if (shared) conversations.share(new SharedConversationTurns(shared, { maxAgeMs: llm.history.maxAgeMs }));
  try {
    if (options.refresh) return { config, logger, shared, ...(await Core.openAndRefresh(coreOptions, options.refresh)) };
    return { config, logger, shared, core: await Core.open(coreOptions) };
  } catch (error) {
    await shared?.close().catch(() => undefined);
    throw error;
  }
}
