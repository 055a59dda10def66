import { appendFile, mkdir, open, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { LastRefreshStatus, RefreshReport, RefreshRequest } from "../port/types.js";

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
  /**
   * Only `by.platform: "schedule"`: how the scheduled check of the URL sources went. Every check has
   * one line — `not-modified` (every URL answered 304), `unchanged` (same text), `busy` (another
   * refresh held the lock), `failed` — and `refreshed` is the line of the version it made.
   */
  check?: "not-modified" | "unchanged" | "refreshed" | "failed" | "busy";
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

/** How much of the audit log's end `/status` reads: a few hundred entries, whatever the file's size. */
export const auditTailBytes = 64 * 1024;

/**
 * The last entries of `<DATA_DIR>/audit.jsonl`, oldest first, from at most its last `maxBytes`
 * (the log only grows, so reading it whole on every `/status` would not stay cheap). A line cut by
 * that window, or one that is not an entry (a torn write), is skipped. No log yet: no entries.
 */
export async function readAuditTail(dataDir: string, maxBytes = auditTailBytes): Promise<AuditEntry[]> {
  let file: FileHandle;
  try {
    file = await open(path.join(dataDir, "audit.jsonl"), "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const { size } = await file.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await file.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString("utf8").split("\n");
    // The first line of a window that does not start the file is most likely cut.
    if (start > 0) lines.shift();
    return lines.flatMap((line) => parseEntry(line));
  } finally {
    await file.close();
  }
}

function parseEntry(line: string): AuditEntry[] {
  if (line.trim() === "") return [];
  try {
    const entry = JSON.parse(line) as Partial<AuditEntry>;
    const complete =
      typeof entry.at === "string" && typeof entry.action === "string" && typeof entry.by === "object" && entry.by !== null && typeof entry.result === "string";
    return complete ? [entry as AuditEntry] : [];
  } catch {
    return [];
  }
}

/**
 * The latest refresh as `/status` shows it: who, when, how it went, and why it failed. A scheduled
 * check that made no version (one every interval) is passed over, so it does not hide the last
 * refresh a person asked for — the schedule's own section shows it; failures always count. Only
 * when the tail holds nothing else is such a check the latest refresh.
 */
export function lastRefreshOf(entries: readonly AuditEntry[]): LastRefreshStatus | undefined {
  const last = entries.findLast((entry) => !isQuietCheck(entry)) ?? entries.at(-1);
  if (!last) return undefined;
  return {
    at: last.at,
    action: last.action,
    by: last.by,
    result: last.result === "failed" ? "failed" : last.nothingChanged ? "unchanged" : "ok",
    oldVersion: last.oldVersion,
    newVersion: last.newVersion,
    reason: last.error ? `${last.error.code}: ${last.error.message}` : undefined,
  };
}

/** A scheduled check that found nothing to do. (`as string`: the schedule may not be among the platforms of older entries' type.) */
function isQuietCheck(entry: AuditEntry): boolean {
  return (entry.by.platform as string) === "schedule" && entry.result === "ok" && entry.newVersion === entry.oldVersion;
}
