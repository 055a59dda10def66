import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeedbackLog } from "../../src/feedback/feedback-log.js";
import type { FeedbackRecord, Rating } from "../../src/feedback/feedback-record.js";
import { summarizeFeedback } from "../../src/feedback/feedback-summary.js";
import { latestVotes } from "../../src/feedback/feedback-votes.js";
import type { AuditEntry } from "../../src/refresh/audit-log.js";
import { SharedAuditLog } from "../../src/shared-state/audit-log.js";
import { SharedFeedbackLog } from "../../src/shared-state/feedback-votes.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";

let clock = Date.parse("2026-03-01T10:00:00.000Z");

function press(answerId: string, user: string, rating: Rating, extra: Partial<FeedbackRecord> = {}): FeedbackRecord {
  clock += 1500;
  return {
    at: new Date(clock).toISOString(),
    platform: "telegram",
    userHash: `user-${user}`,
    rating,
    question: `Vraag bij ${answerId}?`,
    answer: `Volgens het artikel (alinea 2): antwoord ${answerId}.\nTweede regel.`,
    passageIds: [`luchtafweer.md#${answerId}`],
    corpusVersion: answerId.startsWith("old") ? 3 : 4,
    abstained: false,
    answerId,
    paragraphs: [2],
    language: "nl",
    ...extra,
  };
}

describe.skipIf(!postgresAvailable)("shared feedback and audit", () => {
  const db = useTestDatabase();
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-feedback-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("the same presses give the same answers to each press, the same votes and the same /feedback summary as feedback.jsonl", async () => {
    const file = new FeedbackLog(path.join(dir, "feedback.jsonl"));
    const shared = new SharedFeedbackLog(db.open());
    const presses = [
      press("a1", "1", "up"),
      press("a1", "1", "up"), // a repeated press writes nothing
      press("a1", "2", "down"),
      press("old-a2", "1", "down"),
      press("a1", "1", "down"), // a changed vote replaces the earlier one and becomes the newest
      press("a3", "3", "down", { abstained: true, passageIds: [], paragraphs: [], language: "en", platform: "discord" }),
      press("a4", "4", "up", { answerId: undefined, paragraphs: undefined, language: undefined }), // a line from before answer ids
      press("old-a2", "1", "up"),
    ];
    const written: Array<[boolean, boolean]> = [];
    for (const record of presses) written.push([await file.add(record), await shared.add(record)]);
    expect(written.map(([fromFile]) => fromFile)).toEqual([true, false, true, true, true, true, true, true]);
    expect(written.map(([, fromDatabase]) => fromDatabase)).toEqual(written.map(([fromFile]) => fromFile));

    const fileRecords = await file.read();
    expect(await shared.read()).toEqual(latestVotes(fileRecords));
    const summary = await shared.summary();
    expect(summary).toEqual(summarizeFeedback(fileRecords));
    expect(summary.totals).toEqual({ up: 2, down: 3, voters: 4 });
    expect(await shared.countsPerVersion()).toEqual(summary.perVersion);
  });

  it("a vote written twice (replayed after an outage) lands once, and an older press written late does not replace a newer one", async () => {
    const shared = new SharedFeedbackLog(db.open());
    const before = (await shared.read()).length;
    const older = press("b1", "9", "up");
    const newer = press("b1", "9", "down");
    expect(await shared.add(newer)).toBe(true);
    expect(await shared.add(newer)).toBe(false);
    expect(await shared.add(older)).toBe(false);
    const votes = await shared.read();
    expect(votes).toHaveLength(before + 1);
    expect(votes.at(-1)).toEqual(newer);
  });

  it("keeps the newest maxVotes votes", async () => {
    const database = db.open();
    await db.admin("DELETE FROM feedback_votes");
    const shared = new SharedFeedbackLog(database, { maxVotes: 3, pruneEvery: 1 });
    const records = ["c1", "c2", "c3", "c4", "c5"].map((answer) => press(answer, "5", "up"));
    for (const record of records) await shared.add(record);
    expect(await shared.read()).toEqual(records.slice(2));
    expect((await db.admin("SELECT 1 FROM feedback_votes")).rowCount).toBe(3);
  });

  it("audit entries come back as the file holds them, oldest first, each once however often written", async () => {
    const audit = new SharedAuditLog(db.open());
    const entry = (at: string, newVersion: number, extra: Partial<AuditEntry> = {}): AuditEntry => ({
      at,
      action: "refresh",
      by: { platform: "telegram", userId: "42" },
      sources: ["https://***@nieuws.example/artikel"],
      result: "ok",
      oldVersion: newVersion - 1,
      newVersion,
      summary: { documents: 2, passages: 9, added: 5, embedded: 6 },
      ...extra,
    });
    const first = entry("2026-03-01T10:00:00.000Z", 8);
    const failed = entry("2026-03-01T10:05:00.000Z", 8, { result: "failed", error: { code: "SOURCE_TIMEOUT", message: "te traag" }, summary: undefined });
    const rollback = entry("2026-03-01T10:10:00.000Z", 7, { action: "rollback", by: { platform: "ingest" }, sources: [] });
    expect(await audit.append(first)).toBe(true);
    expect(await audit.append(rollback)).toBe(true);
    // Flushed late from a queue: it still takes its place in time.
    expect(await audit.append(failed)).toBe(true);
    expect(await audit.append(failed)).toBe(false);
    const tail = await audit.tail();
    expect(tail.map((stored) => JSON.stringify(stored))).toEqual([first, failed, rollback].map((written) => JSON.stringify(written)));
    expect(await audit.tail(2)).toEqual([failed, rollback]);
  });
});
