import { createHash } from "node:crypto";
import type pg from "pg";
import type { RefreshRequest } from "../port/types.js";
import type { SharedDatabase } from "./database.js";
import { lockIds, lockSpace, versionChannel } from "./lock-keys.js";

/** One file of the corpus folder (an article, or `sources.txt`), by its name in that folder. */
export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

export interface CorpusAuthor {
  platform: RefreshRequest["platform"];
  userId?: string;
}

/**
 * The corpus of record and the current version pointer. A corpus version is the set of files one
 * index version is built from; the database numbers versions, so every replica means the same
 * corpus by "v8". Committing a version and moving the pointer happen in one transaction with the
 * announcement (`NOTIFY nieuwsbot_corpus_version`), which PostgreSQL delivers only once that
 * transaction commits: a replica hearing "v8" can always read v8.
 */
export class SharedCorpus {
  constructor(private readonly database: SharedDatabase) {}

  /** Stores `files` as a new corpus version, makes it current and announces it. Returns its number. */
  async commit(files: readonly CorpusFile[], by: CorpusAuthor): Promise<number> {
    checkNames(files);
    return this.database.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [lockSpace, lockIds.corpusCommit]);
      return insertVersion(client, files, by);
    });
  }

  /**
   * The first replica to start on an empty database seeds it from its corpus folder; replicas that
   * start at the same moment queue on the commit lock and find it seeded (undefined).
   */
  async seedIfEmpty(files: readonly CorpusFile[], by: CorpusAuthor): Promise<number | undefined> {
    checkNames(files);
    return this.database.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [lockSpace, lockIds.corpusCommit]);
      const existing = await client.query("SELECT 1 FROM corpus_versions LIMIT 1");
      return existing.rowCount === 0 ? insertVersion(client, files, by) : undefined;
    });
  }

  /** The files of a corpus version, by name; undefined when there is no such version. */
  async files(version: number): Promise<CorpusFile[] | undefined> {
    const known = await this.database.query("SELECT 1 FROM corpus_versions WHERE version = $1", [version]);
    if (known.rowCount === 0) return undefined;
    const result = await this.database.query<{ name: string; content: Buffer }>(
      `SELECT d.name, v.content FROM corpus_version_documents c
         JOIN documents d ON d.id = c.document_id JOIN document_versions v ON v.id = c.document_version_id
        WHERE c.corpus_version = $1 ORDER BY d.name`,
      [version],
    );
    return result.rows.map((row) => ({ name: row.name, bytes: new Uint8Array(row.content) }));
  }

  /** The version every replica should serve; undefined before the database is seeded. */
  async current(): Promise<number | undefined> {
    try {
      return await readCurrentVersion(this.database.pool);
    } catch (error) {
      // Straight on the pool, so turned into `DATABASE_UNAVAILABLE` here, as `SharedDatabase.query` does.
      throw this.database.translate(error);
    }
  }

  /**
   * The number the next `commit` will get. Only a caller holding the shared refresh lock can rely on
   * it (every commit happens under that lock), so a refresh can build its index under the number
   * every replica will know it by.
   */
  async nextVersion(): Promise<number> {
    const result = await this.database.query<{ version: number }>("SELECT coalesce(max(version), 0) + 1 AS version FROM corpus_versions");
    return result.rows[0]!.version;
  }

  /** The newest version older than `version` (what a rollback from `version` goes back to); undefined when none. */
  async versionBefore(version: number): Promise<number | undefined> {
    const result = await this.database.query<{ version: number | null }>("SELECT max(version) AS version FROM corpus_versions WHERE version < $1", [version]);
    return result.rows[0]?.version ?? undefined;
  }

  /** Points every replica at an existing version (a rollback) and announces it. */
  async setCurrent(version: number): Promise<void> {
    await this.database.transaction(async (client) => {
      // The same lock as a commit: a rollback and a new version never interleave their pointer moves.
      await client.query("SELECT pg_advisory_xact_lock($1, $2)", [lockSpace, lockIds.corpusCommit]);
      const known = await client.query("SELECT 1 FROM corpus_versions WHERE version = $1", [version]);
      if (known.rowCount === 0) throw new Error(`There is no corpus version ${version} to switch to.`);
      await pointAt(client, version);
    });
  }
}

/** Reads the pointer on any connection (the listener uses its own LISTEN session). */
export async function readCurrentVersion(client: Pick<pg.ClientBase, "query">): Promise<number | undefined> {
  const result = await client.query<{ version: number }>("SELECT version FROM current_corpus_version");
  return result.rows[0]?.version;
}

async function insertVersion(client: pg.PoolClient, files: readonly CorpusFile[], by: CorpusAuthor): Promise<number> {
  const names = files.map((file) => file.name);
  const hashes = files.map((file) => createHash("sha256").update(file.bytes).digest("hex"));
  const contents = files.map((file) => Buffer.from(file.bytes));
  await client.query("INSERT INTO documents (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING", [names]);
  await client.query(
    `INSERT INTO document_versions (document_id, sha256, content)
     SELECT d.id, f.sha256, f.content FROM unnest($1::text[], $2::text[], $3::bytea[]) AS f(name, sha256, content) JOIN documents d ON d.name = f.name
     ON CONFLICT (document_id, sha256) DO NOTHING`,
    [names, hashes, contents],
  );
  const next = await client.query<{ version: number }>("SELECT coalesce(max(version), 0) + 1 AS version FROM corpus_versions");
  const version = next.rows[0]!.version;
  await client.query("INSERT INTO corpus_versions (version, by_platform, by_user_id) VALUES ($1, $2, $3)", [version, by.platform, by.userId ?? null]);
  await client.query(
    `INSERT INTO corpus_version_documents (corpus_version, document_id, document_version_id)
     SELECT $1, d.id, v.id FROM unnest($2::text[], $3::text[]) AS f(name, sha256)
       JOIN documents d ON d.name = f.name JOIN document_versions v ON v.document_id = d.id AND v.sha256 = f.sha256`,
    [version, names, hashes],
  );
  await pointAt(client, version);
  return version;
}

async function pointAt(client: pg.PoolClient, version: number): Promise<void> {
  await client.query(
    `INSERT INTO current_corpus_version (singleton, version, changed_at) VALUES (true, $1, now())
     ON CONFLICT (singleton) DO UPDATE SET version = EXCLUDED.version, changed_at = now()`,
    [version],
  );
  // Delivered to listeners when this transaction commits, never before and never if it rolls back.
  await client.query("SELECT pg_notify($1, $2)", [versionChannel, String(version)]);
}

function checkNames(files: readonly CorpusFile[]): void {
  const names = files.map((file) => file.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new Error(`A corpus version cannot hold "${twice}" twice.`);
  if (names.some((name) => name === "")) throw new Error("A corpus file needs a name.");
}
