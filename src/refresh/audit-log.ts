import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";
import type { RefreshRequest } from "../port/types.js";

/** One line of `<DATA_DIR>/audit.jsonl`: who changed the bot's knowledge, when, from what, and how it went. */
export interface AuditEntry {
  at: string;
  action: "refresh" | "rollback";
  by: { platform: RefreshRequest["platform"]; userId?: string };
  sources: string[];
  result: "ok" | "failed";
  error?: { code: string; message: string };
  oldVersion: number;
  newVersion: number;
  summary?: Record<string, number>;
}

/** Append-only; one JSON object per line so concurrent writers never interleave within a line. */
export async function appendAudit(dataDir: string, entry: AuditEntry): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await appendFile(path.join(dataDir, "audit.jsonl"), JSON.stringify(entry) + "\n");
}
