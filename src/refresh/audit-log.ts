import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { RefreshReport, RefreshRequest } from "../port/types.js";

/**
 * One line of `<DATA_DIR>/audit.jsonl`: who changed the bot's knowledge, when, from what, and how it
 * went. Every version has exactly one entry that made it (`by.platform` is `startup` when the core
 * found the corpus folder changed as it opened); a refresh that changed nothing has one too, with
 * `nothingChanged: true` and `newVersion === oldVersion`.
 */
export interface AuditEntry {
  at: string;
  action: "refresh" | "rollback";
  by: { platform: RefreshRequest["platform"]; userId?: string };
  /** URLs (without credentials) and uploads: fetched when it succeeded, asked for when it failed. */
  sources: string[];
  result: "ok" | "failed";
  error?: { code: string; message: string };
  oldVersion: number;
  newVersion: number;
  nothingChanged?: boolean;
  summary?: Record<string, number>;
}

/** The counts of a report, as the audit keeps them. */
export function auditSummary(report: RefreshReport): Record<string, number> {
  const { documents, passages, added, changed, unchanged, removed, documentsAdded, documentsChanged, documentsRemoved, embedded, durationMs } = report;
  return { documents, passages, added, changed, unchanged, removed, documentsAdded, documentsChanged, documentsRemoved, embedded, durationMs };
}

/** Append-only; one JSON object per line so concurrent writers never interleave within a line. */
export async function appendAudit(dataDir: string, entry: AuditEntry): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await appendFile(path.join(dataDir, "audit.jsonl"), JSON.stringify(entry) + "\n");
}
