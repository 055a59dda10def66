import { describe, expect, it } from "vitest";
import { SharedStateError } from "../../src/port/errors.js";
import { migrate, type Migration } from "../../src/shared-state/migrate.js";
import { migrations } from "../../src/shared-state/migrations/index.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";

describe.skipIf(!postgresAvailable)("migrations", () => {
  const db = useTestDatabase({ migrated: false });

  it("two replicas starting at once migrate once: one applies every step, the other finds them applied", async () => {
    const [a, b] = [db.open(), db.open()];
    const results = await Promise.all([migrate(a), migrate(b)]);
    const newest = migrations.at(-1)!.version;
    expect(results.map((result) => result.version)).toEqual([newest, newest]);
    expect(results.map((result) => result.applied.length).sort()).toEqual([0, migrations.length]);
    const rows = await db.admin<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.rows.map((row) => row.version)).toEqual(migrations.map((migration) => migration.version));
    const tables = await db.admin<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
    expect(tables.rows.map((row) => row.name)).toEqual([
      "audit_log",
      "conversation_turns",
      "corpus_version_documents",
      "corpus_versions",
      "current_corpus_version",
      "document_versions",
      "documents",
      "embedding_cache",
      "feedback_answers",
      "feedback_votes",
      "rate_limits",
      "schema_migrations",
      "source_schedule",
    ]);
  });

  it("a later start applies only the new step, and a failing step leaves the schema as it was", async () => {
    const database = db.open();
    const next: Migration = { version: 1000, name: "test: a column", sql: "ALTER TABLE documents ADD COLUMN note text" };
    expect(await migrate(database, [...migrations, next])).toEqual({ applied: [1000], version: 1000 });
    const broken: Migration = { version: 1001, name: "test: half a step", sql: "ALTER TABLE documents ADD COLUMN other text; SELECT no_such_function()" };
    await expect(migrate(database, [...migrations, next, broken])).rejects.toThrow(/no_such_function/);
    const columns = await db.admin<{ name: string }>("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'documents'");
    expect(columns.rows.map((row) => row.name)).toContain("note");
    expect(columns.rows.map((row) => row.name)).not.toContain("other");
    expect((await db.admin("SELECT 1 FROM schema_migrations WHERE version = 1001")).rowCount).toBe(0);
  });

  it("refuses a database migrated by a newer build, naming both versions", async () => {
    const error = await migrate(db.open(), migrations).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SharedStateError);
    expect((error as SharedStateError).code).toBe("DATABASE_SCHEMA_TOO_NEW");
    expect((error as SharedStateError).message).toContain(`schema version 1000; this build knows versions up to ${migrations.at(-1)!.version}`);
  });
});
