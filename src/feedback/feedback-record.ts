import { createHash } from "node:crypto";
import { z } from "zod";
import type { AskContext, Language } from "../port/types.js";

export type Rating = "up" | "down";

/**
 * One line of `<DATA_DIR>/feedback.jsonl`: one press of 👍 or 👎. The user id is hashed, never
 * stored raw. A later line with the same `answerId` and `userHash` replaces the earlier vote.
 */
export interface FeedbackRecord {
  at: string;
  platform: AskContext["platform"];
  userHash: string;
  rating: Rating;
  question: string;
  answer: string;
  passageIds: string[];
  corpusVersion: number;
  abstained: boolean;
  /** The answer's token (one per answer shown). Absent in lines written before votes were counted per answer. */
  answerId?: string;
  /** Paragraph numbers of the cited passages, in `passageIds` order. Absent in older lines. */
  paragraphs?: number[];
  /** The language the question was answered in. Absent in older lines. */
  language?: Language;
}

const recordSchema = z.object({
  at: z.string(),
  platform: z.enum(["console", "cli", "telegram", "discord", "test"]),
  userHash: z.string(),
  rating: z.enum(["up", "down"]),
  question: z.string(),
  answer: z.string(),
  passageIds: z.array(z.string()).default([]),
  corpusVersion: z.number().int(),
  abstained: z.boolean().default(false),
  answerId: z.string().optional(),
  paragraphs: z.array(z.number().int()).optional(),
  language: z.enum(["nl", "en"]).optional(),
});

/**
 * The records in JSONL text, in file order. Lines that are not a feedback record (a torn write
 * after a crash, a hand edit gone wrong) are skipped, never fatal: the log is for moderators, and
 * one bad line must not hide the rest.
 */
export function parseFeedbackLines(text: string): FeedbackRecord[] {
  const records: FeedbackRecord[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    const parsed = recordSchema.safeParse(value);
    if (parsed.success) records.push(stripUndefined(parsed.data));
  }
  return records;
}

function stripUndefined(record: z.infer<typeof recordSchema>): FeedbackRecord {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as unknown as FeedbackRecord;
}

/**
 * The answer a record rates: its token, or for older lines without one, the version, question and
 * answer text together (the same answer to the same question in the same corpus version).
 */
export function answerKey(record: FeedbackRecord): string {
  if (record.answerId) return `a:${record.answerId}`;
  const digest = createHash("sha256").update(`${record.corpusVersion}\u0000${record.question}\u0000${record.answer}`).digest("hex");
  return `h:${digest.slice(0, 20)}`;
}

/** One vote per user per answer: records with the same key are presses of the same vote. */
export function voteKey(record: FeedbackRecord): string {
  return `${answerKey(record)}|${record.userHash}`;
}

/** A one-way hash so feedback can be grouped per user without storing who the user is. */
export function hashUserId(platform: string, userId: string): string {
  return createHash("sha256").update(`nieuwsbot:${platform}:${userId}`).digest("hex").slice(0, 16);
}
