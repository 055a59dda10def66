import { createHash } from "node:crypto";
import type { AuditEntry } from "../refresh/audit-log.js";
import type { SharedDatabase } from "./database.js";

/**
 * The audit log in PostgreSQL: every refresh and rollback of every host, each entry exactly as
 * `audit.jsonl` holds it. An entry written twice (replayed from a local queue after an outage) is
 * stored once: it is keyed by the hash of its content, and no two real entries share a time, an
 * action, a requester, sources and a result.
 */
export class SharedAuditLog {
  constructor(private readonly database: SharedDatabase) {}

  /** Stores an entry; false when this very entry was already stored. */
  async append(entry: AuditEntry): Promise<boolean> {
    const json = JSON.stringify(entry);
    const result = await this.database.query(
      `INSERT INTO audit_log (entry_hash, at, action, result, entry) VALUES ($1, $2, $3, $4, $5::json) ON CONFLICT (entry_hash) DO NOTHING`,
      [createHash("sha256").update(json).digest("hex"), entry.at, entry.action, entry.result, json],
    );
    return result.rowCount === 1;
  }

  /**
   * The newest `limit` entries, oldest first — what `readAuditTail` returns from the file, so
   * `/status` can read either (`lastRefreshOf`). Ordered by time, so an entry flushed late from a
   * queue still lands where it happened.
   */
  async tail(limit = 200): Promise<AuditEntry[]> {
    const result = await this.database.query<{ entry: AuditEntry }>(
      `SELECT entry FROM (SELECT entry, at, id FROM audit_log ORDER BY at DESC, id DESC LIMIT $1) AS newest ORDER BY at, id`,
      [limit],
    );
    return result.rows.map((row) => row.entry);
  }
}
