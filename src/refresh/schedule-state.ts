import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../index/atomic-files.js";
import type { ScheduleStatus } from "../port/types.js";

/**
 * What the scheduled re-fetch of URL sources remembers between checks, in `<DATA_DIR>/source-schedule.json`,
 * shared by every process on the data folder (in shared mode: in the database, shared by every host): the last check (so each process's `/status` shows it,
 * and a check made by one process counts for all), the failures in a row (the backoff survives a
 * restart), and per URL what the publisher last said about the page.
 */
export interface ScheduleState {
  lastCheck?: NonNullable<ScheduleStatus["lastCheck"]>;
  consecutiveFailures: number;
  /** When the process that checked last plans the next check (ISO 8601). */
  nextCheckAt?: string;
  sources: Record<string, SourceRecord>;
}

/** One URL source as the schedule last saw it. */
export interface SourceRecord {
  /** Validators sent back as `If-None-Match` / `If-Modified-Since`; absent when the server gave none. */
  etag?: string;
  lastModified?: string;
  /** sha256 of the corpus document the page turned into: a 200 with the same text changes nothing. */
  textHash: string;
}

export const scheduleStateFileName = "source-schedule.json";
export const scheduleLeaseFileName = "source-schedule.lock";

const outcomes = ["not-modified", "unchanged", "refreshed", "failed", "busy"] as const;

const stateSchema = z.object({
  lastCheck: z.object({ at: z.string(), outcome: z.enum(outcomes), newVersion: z.number().int().optional(), reason: z.string().optional() }).optional(),
  consecutiveFailures: z.number().int().min(0),
  nextCheckAt: z.string().optional(),
  sources: z.record(z.object({ etag: z.string().optional(), lastModified: z.string().optional(), textHash: z.string() })),
});

export const emptyScheduleState: ScheduleState = { consecutiveFailures: 0, sources: {} };

/**
 * The shared state; empty when there is none yet. A file that does not parse (edited by hand) is
 * treated as empty too: the worst that costs is one unconditional fetch per source and a reset backoff.
 */
export async function readScheduleState(dataDir: string): Promise<ScheduleState> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, scheduleStateFileName), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyScheduleState;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return emptyScheduleState;
  }
  return scheduleStateFrom(value);
}

/** A stored state as parsed JSON (the file's, or the database's copy in shared mode); empty when it is not one. */
export function scheduleStateFrom(value: unknown): ScheduleState {
  const parsed = stateSchema.safeParse(value);
  return parsed.success ? parsed.data : emptyScheduleState;
}

/** Replaces the state atomically, so a process reading it meanwhile sees the old or the new one. */
export async function writeScheduleState(dataDir: string, state: ScheduleState): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFileAtomic(path.join(dataDir, scheduleStateFileName), JSON.stringify(state, null, 2) + "\n");
}
