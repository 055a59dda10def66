import { describe, expect, it } from "vitest";
import { bootstrap } from "../../src/app/bootstrap.js";
import { coreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";

describe.skipIf(!postgresAvailable)("bootstrap with DATABASE_URL", () => {
  const db = useTestDatabase({ migrated: false });

  it("migrates the database, exposes it on App and closes it with the core", async () => {
    const fixture = await coreFixture();
    const env = { DATA_DIR: fixture.dataDir, CORPUS_DIR: fixture.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "silent", DATABASE_URL: db.url };
    try {
      const app = await bootstrap({ env });
      expect(app.shared).toBeDefined();
      const tables = await db.admin<{ version: number }>("SELECT max(version) AS version FROM schema_migrations");
      expect(tables.rows[0]!.version).toBeGreaterThan(0);
      await app.core.close();
      expect(app.shared!.pool.ended).toBe(true);
    } finally {
      await fixture.cleanup();
    }
  });

  it("leaves App.shared undefined without DATABASE_URL", async () => {
    const fixture = await coreFixture();
    try {
      const app = await bootstrap({ env: { DATA_DIR: fixture.dataDir, CORPUS_DIR: fixture.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "silent" } });
      expect(app.shared).toBeUndefined();
      await app.core.close();
    } finally {
      await fixture.cleanup();
    }
  });
});
