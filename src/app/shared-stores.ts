import type { DatabaseConfig } from "../config/database-config.js";
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
