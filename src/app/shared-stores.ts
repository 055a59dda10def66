import path from "node:path";
import type { DatabaseConfig } from "../config/database-config.js";
import type { Embedder } from "../port/embedder.js";
import type { AuditEntry } from "../refresh/audit-log.js";
import { SharedAuditLog } from "../shared-state/audit-log.js";
import { SharedCorpus } from "../shared-state/corpus-record.js";
import { SharedEmbeddingCache } from "../shared-state/embedding-cache.js";
import { Outbox } from "../shared-state/outbox.js";
import { SharedRefreshLock } from "../shared-state/refresh-lock.js";
import type { VersionListenerOptions } from "../shared-state/version-listener.js";
import type { Logger } from "../logging/logger.js";
import { SharedDatabase } from "../shared-state/database.js";
import { migrate } from "../shared-state/migrate.js";

/**
 * Opens the shared database of shared mode (`DATABASE_URL`) and brings its schema to this build's
 * version before anything uses it, so no store ever meets a table it does not know. A database that
 * cannot be reached at start-up is thrown: a replica that never saw the database has no corpus of
 * record to serve and no version number to report (a database lost later is survived, see Core).
 */
export async function openSharedDatabase(config: DatabaseConfig, logger: Logger, applicationName = "nieuwsbot"): Promise<SharedDatabase> {
  const database = new SharedDatabase(config.url, { logger: logger.child("db"), applicationName });
  try {
    const { applied, version } = await migrate(database);
    logger.info(
      applied.length > 0
        ? `shared database ${database.description}: schema migrated to version ${version}`
        : `shared database ${database.description}: schema version ${version}`,
    );
    return database;
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

/** What shared mode hands the core (see docs/deployment.md); built by `sharedStores`. */
export interface SharedStores {
  database: SharedDatabase;
  corpus: SharedCorpus;
  lock: SharedRefreshLock;
  cache: SharedEmbeddingCache;
  audit: SharedAuditLog;
  /** Audit entries written while the database is away wait here (`<DATA_DIR>/outbox/audit.jsonl`). */
  auditOutbox: Outbox<AuditEntry>;
  /** How the version listener retries (tests shorten it). */
  listener?: Pick<VersionListenerOptions, "initialRetryMs" | "maxRetryMs" | "heartbeatMs">;
}

/** The stores of shared mode on one open database. */
export function sharedStores(database: SharedDatabase, dataDir: string, embedder: Embedder, logger: Logger): SharedStores {
  const audit = new SharedAuditLog(database);
  return {
    database,
    corpus: new SharedCorpus(database),
    lock: new SharedRefreshLock(database),
    cache: new SharedEmbeddingCache(database, embedder),
    audit,
    auditOutbox: new Outbox({ file: path.join(dataDir, "outbox", "audit.jsonl"), deliver: (entry) => audit.append(entry), logger: logger.child("outbox") }),
  };
}
