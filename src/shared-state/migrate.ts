import type pg from "pg";
import { SharedStateError } from "../port/errors.js";
import type { SharedDatabase } from "./database.js";
import { lockIds, lockSpace } from "./lock-keys.js";
import { migrations, type Migration } from "./migrations/index.js";

export type { Migration };

export interface MigrationResult {
  /** Versions this call applied (empty when the schema was already current). */
  applied: number[];
  /** The schema version the database is at now. */
  version: number;
}

/**
 * Brings the database to the newest schema this build knows. Everything runs in one transaction
 * under a transaction-level advisory lock: replicas starting at the same moment queue on the lock,
 * the first applies the migrations, the others find them applied; a failure leaves the schema as it
 * was. A database migrated by a newer build is refused (`DATABASE_SCHEMA_TOO_NEW`) rather than used
 * with a schema this code does not understand.
 */
export async function migrate(database: SharedDatabase, list: readonly Migration[] = migrations): Promise<MigrationResult> {
  const ordered = checkedOrder(list);
  return database.transaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1, $2)", [lockSpace, lockIds.migrations]);
    // A migration may rewrite a large table: no statement time-out inside this transaction.
    await client.query("SET LOCAL statement_timeout = 0");
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = await appliedVersions(client);
    const newest = Math.max(0, ...done);
    const known = ordered.at(-1)?.version ?? 0;
    if (newest > known) {
      throw new SharedStateError(
        "DATABASE_SCHEMA_TOO_NEW",
        `The shared database is at schema version ${newest}; this build knows versions up to ${known}. Upgrade this host to the release the other hosts run.`,
      );
    }
    const applied: number[] = [];
    for (const migration of ordered.filter((step) => !done.has(step.version))) {
      await client.query(migration.sql);
      await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return { applied, version: Math.max(newest, known) };
  });
}

async function appliedVersions(client: pg.PoolClient): Promise<Set<number>> {
  const result = await client.query<{ version: number }>("SELECT version FROM schema_migrations");
  return new Set(result.rows.map((row) => row.version));
}

/** The list sorted by version; duplicate or non-positive versions are a programming error. */
function checkedOrder(list: readonly Migration[]): Migration[] {
  const ordered = [...list].sort((a, b) => a.version - b.version);
  ordered.forEach((migration, index) => {
    if (!Number.isInteger(migration.version) || migration.version < 1 || ordered[index - 1]?.version === migration.version) {
      throw new Error(`Migration versions must be distinct positive integers (got ${migration.version} for "${migration.name}")`);
    }
  });
  return ordered;
}
