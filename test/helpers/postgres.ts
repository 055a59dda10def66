import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { SharedDatabase, type SharedDatabaseOptions } from "../../src/shared-state/database.js";
import { migrate } from "../../src/shared-state/migrate.js";
import type { PostgresForTests } from "./postgres-server.js";

/** The server `test/postgres/global-setup.ts` started for this run, or why there is none. */
export const postgres: PostgresForTests = inject("postgres");

/** False only when no PostgreSQL exists here at all: then `describe.skipIf(!postgresAvailable)` skips. */
export const postgresAvailable = postgres.state !== "skipped";

export interface TestDatabase {
  /** `postgres://…/<this file's database>`, with the password. */
  readonly url: string;
  readonly name: string;
  /** A `SharedDatabase` on this file's database (or on `url`, e.g. through a proxy to it), closed after the file's tests. */
  open(options?: SharedDatabaseOptions, url?: string): SharedDatabase;
  /** Ends, from the server side, every session of this database whose `application_name` is `application`. */
  terminate(application: string): Promise<number>;
  /** One query as the administrator, on this file's database. */
  admin<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/**
 * A database of its own for one test file (files run in parallel; advisory locks and notifications
 * are per database), created before its tests — migrated unless `migrated: false` — and dropped after.
 */
export function useTestDatabase(options: { migrated?: boolean } = {}): TestDatabase {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const opened: SharedDatabase[] = [];
  let url = "";
  beforeAll(async () => {
    if (postgres.state !== "running") throw new Error(`PostgreSQL for tests: ${postgres.reason}`);
    await adminQuery(postgres.adminUrl, `CREATE DATABASE ${name}`);
    url = postgres.adminUrl.replace(/\/postgres$/, `/${name}`);
    if (options.migrated !== false) {
      const database = new SharedDatabase(url);
      await migrate(database).finally(() => database.close());
    }
  });
  afterAll(async () => {
    await Promise.all(opened.map((database) => database.close().catch(() => undefined)));
    if (postgres.state === "running") await adminQuery(postgres.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return {
    get url() {
      return url;
    },
    name,
    open(databaseOptions = {}, via = url) {
      const database = new SharedDatabase(via, databaseOptions);
      opened.push(database);
      return database;
    },
    async terminate(application) {
      // In the select list, not the WHERE clause: the planner may evaluate WHERE conditions in any order.
      const result = await adminQuery<{ ended: boolean }>(
        url,
        `SELECT pg_terminate_backend(pid) AS ended FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = $1 AND pid <> pg_backend_pid()`,
        [application],
      );
      return result.rows.filter((row) => row.ended).length;
    },
    admin: (text, values) => adminQuery(url, text, values),
  };
}

async function adminQuery<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query<R>(text, values);
  } finally {
    await client.end();
  }
}
