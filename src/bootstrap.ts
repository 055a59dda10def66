import "dotenv/config";
import { loadCoreConfig, type CoreConfig } from "./config/core-config.js";
import { Core } from "./core/nieuwsbot-core.js";
import type { BuildProgress } from "./index/build-index.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { createEmbedder } from "../embeddings/create-embedder.js";

export interface App {
  config: CoreConfig;
  logger: Logger;
  core: Core;
}

export interface BootstrapOptions {
  env?: NodeJS.ProcessEnv;
  /** Secret values to scrub from logs (bot tokens, API keys). */
  secrets?: string[];
  onBuildProgress?: (progress: BuildProgress) => void;
}

/**
 * Composition root shared by every entry point (CLI, console, platform adapters): parse the
 * environment once, pick the embedder, open or build the index.
 */
export async function bootstrap(options: BootstrapOptions = {}): Promise<App> {
  const config = loadCoreConfig(options.env ?? process.env);
  const logger = createLogger({ level: config.logLevel, secrets: options.secrets });
  const embedder = await createEmbedder(config.embeddings, logger);
  const core = await Core.open({ config, embedder, logger, onBuildProgress: options.onBuildProgress });
  return { config, logger, core };
}
