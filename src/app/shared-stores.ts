import path from "node:path";
import type { DatabaseConfig } from "../config/database-config.js";
import type { Embedder } from "../port/embedder.js";
import type { AuditEntry } from "../refresh/audit-log.js";
import { SharedAuditLog } from "../shared-state/audit-log.js";
import { SharedCorpus } from "../shared-state/corpus-record.js";
import { SharedEmbeddingCache } from "../shared-state/embedding-cache.js";
import { Outbox } from "../shared-state/outbox.js";
import { SharedRefreshLock } from "../shared-state/refresh-lock.js";
import { SharedScheduleStore } from "../shared-state/source-schedule.js";
import type { VersionListenerOptions } from "../shared-state/version-listener.js";
import type { Logger } from "../logging/logger.js";
import { SharedDatabase } from "../shared-state/database.js";
import { migrate } from "../shared-state/migrate.js";
import { SharedStateError } from "../port/errors.js";

/**
 * Opens the shared database of shared mode (`DATABASE_URL`) and brings its schema to this build's
 * version before anything uses it, so no store ever meets a table it does not know. A database that
 * cannot be reached at start-up is not fatal here: the core then starts from this host's saved index
 * (or, on a new host, from its own corpus folder) and `SharedStores.ready` migrates once the database answers. A schema
 * newer than this build, or a wrong password, is thrown.
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
    if (isUnavailable(error)) {
      logger.warn(
        `shared database ${database.description} unreachable at start-up; this replica answers from what this host has and catches up when it returns`,
      );
      return database;
    }
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
  /** The scheduled re-fetch of URL sources: one state and one lease for every host. */
  schedule: SharedScheduleStore;
  /** Audit entries written while the database is away wait here (`<DATA_DIR>/outbox/audit.jsonl`). */
  auditOutbox: Outbox<AuditEntry>;
  /**
   * Resolves once the schema is known current (migrating if needed), retrying while the database is
   * away; what listens for versions waits for it. Rejects on a schema newer than this build, or
   * when `stopped` says the process is closing.
   */
  ready: (stopped: () => boolean) => Promise<void>;
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
    schedule: new SharedScheduleStore(database),
    ready: once((stopped) => migrateWhenReachable(database, stopped, logger)),
    auditOutbox: new Outbox({ file: path.join(dataDir, "outbox", "audit.jsonl"), deliver: (entry) => audit.append(entry), logger: logger.child("outbox") }),
  };
}

/** Migrates, retrying with backoff (up to 10 s apart) while the database cannot be reached. */
async function migrateWhenReachable(database: SharedDatabase, stopped: () => boolean, logger: Logger): Promise<void> {
  let waitMs = 250;
  for (;;) {
    if (stopped()) throw new Error("closing");
    try {
      const { applied, version } = await migrate(database);
      if (applied.length > 0) logger.info(`shared database ${database.description}: schema migrated to version ${version}`);
      return;
    } catch (error) {
      if (!isUnavailable(error)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs).unref());
    waitMs = Math.min(waitMs * 2, 10_000);
  }
}

function isUnavailable(error: unknown): boolean {
  return error instanceof SharedStateError && error.code === "DATABASE_UNAVAILABLE";
}

/** The first call's promise, for every call. */
function once<A extends unknown[], T>(work: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  let result: Promise<T> | undefined;
  return (...args) => (result ??= work(...args));
}
