import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseFeedbackLines } from "../../src/feedback/feedback-record.js";
import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Answer } from "../../src/port/types.js";
import { runScript } from "../helpers/run-script.js";

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-feedback-"));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

function answer(question: string, corpusVersion = 1): Answer {
  return {
    text: `Volgens het artikel (alinea 3): antwoord op ${question}`,
    abstained: false,
    language: "nl",
    citations: [{ passageId: "doc#abc", documentId: "doc", quote: "Q.", sentence: "Q.", paragraph: 3, title: "T", score: 1 }],
    corpusVersion,
    mode: "extractive",
    question,
  };
}

async function lines(): Promise<string[]> {
  return (await readFile(path.join(dataDir, "feedback.jsonl"), "utf8")).split("\n").filter((line) => line !== "");
}

describe("FeedbackStore votes", () => {
  it("50 presses by one user on one answer are one line and one vote", async () => {
    const store = new FeedbackStore(dataDir);
    const token = store.remember(answer("Welk systeem?"), "telegram");
    for (let press = 0; press < 50; press += 1) expect(await store.record(token, "up", "1001")).toBe(true);
    expect(await lines()).toHaveLength(1);
    expect((await store.summary()).totals).toEqual({ up: 1, down: 0, voters: 1 });
  });

  it("a later press with the other rating replaces the vote", async () => {
    const store = new FeedbackStore(dataDir);
    const token = store.remember(answer("Welk systeem?"), "discord");
    await store.record(token, "up", "7");
    await store.record(token, "down", "7");
    const summary = await store.summary();
    expect(summary.totals).toEqual({ up: 0, down: 1, voters: 1 });
    expect(summary.complaints).toEqual([expect.objectContaining({ question: "Welk systeem?", paragraphs: [3], documents: ["doc"], down: 1, up: 0 })]);
    const stored = parseFeedbackLines((await lines()).join("\n"));
    expect(stored.map((record) => record.rating)).toEqual(["up", "down"]);
    expect(stored[1]).toMatchObject({ answerId: token, paragraphs: [3], language: "nl", platform: "discord" });
  });

  it("counts different users and different answers separately", async () => {
    const store = new FeedbackStore(dataDir);
    const first = store.remember(answer("Eén?"), "telegram");
    const second = store.remember(answer("Twee?"), "telegram");
    await store.record(first, "up", "1");
    await store.record(first, "up", "2");
    await store.record(second, "down", "1");
    expect((await store.summary()).totals).toEqual({ up: 2, down: 1, voters: 2 });
  });

  it("stays bounded: compacted to the newest votes, never more than maxVotes plus a tenth lines", async () => {
    const store = new FeedbackStore(dataDir, { maxVotes: 20 });
    for (let index = 0; index < 100; index += 1) {
      await store.record(store.remember(answer(`vraag ${index}`), "telegram"), "down", `user-${index}`);
      expect((await lines()).length).toBeLessThanOrEqual(22);
    }
    const summary = await store.summary();
    expect(summary.totals.down).toBeGreaterThanOrEqual(20);
    expect(summary.complaints[0]!.question).toBe("vraag 99");
    // The oldest votes were dropped, the newest kept in order.
    const questions = summary.complaints.map((complaint) => Number(complaint.question.split(" ")[1]));
    expect(questions).toEqual([...questions].sort((a, b) => b - a));
    expect(Math.min(...questions)).toBeGreaterThanOrEqual(78);
  });

  it("a press that repeats the vote writes nothing even after another store (process) compacted the log", async () => {
    const one = new FeedbackStore(dataDir, { maxVotes: 5 });
    const other = new FeedbackStore(dataDir, { maxVotes: 5 });
    const token = one.remember(answer("Blijft?"), "telegram");
    await one.record(token, "down", "1");
    for (let index = 0; index < 12; index += 1) await other.record(other.remember(answer(`ander ${index}`), "telegram"), "up", "2");
    const before = await lines();
    await one.record(token, "down", "1");
    // The first vote was compacted away as the oldest, so pressing again stores it again; once.
    await one.record(token, "down", "1");
    expect((await lines()).length).toBeLessThanOrEqual(before.length + 1);
  });

  it("two stores on one file lose no vote", async () => {
    const one = new FeedbackStore(dataDir);
    const other = new FeedbackStore(dataDir);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => [
        one.record(one.remember(answer(`a${index}`), "telegram"), "up", "1"),
        other.record(other.remember(answer(`b${index}`), "discord"), "down", "2"),
      ]).flat(),
    );
    expect(parseFeedbackLines((await lines()).join("\n"))).toHaveLength(80);
  });

  it("closes a line torn by a crash instead of writing onto it", async () => {
    await writeFile(path.join(dataDir, "feedback.jsonl"), '{"at":"2026-01-01T00:00:00.000Z","platform":"tele');
    const store = new FeedbackStore(dataDir);
    await store.record(store.remember(answer("Na de crash?"), "telegram"), "down", "1");
    expect((await store.summary()).complaints.map((complaint) => complaint.question)).toEqual(["Na de crash?"]);
  });

  it("reads votes other processes appended since its last look", async () => {
    const store = new FeedbackStore(dataDir);
    const token = store.remember(answer("Gedeeld?"), "telegram");
    await store.record(token, "up", "1");
    const [line] = await lines();
    // Another process wrote the same user's 👎 on this answer: pressing 👍 again must be stored.
    await appendFile(path.join(dataDir, "feedback.jsonl"), line!.replace('"rating":"up"', '"rating":"down"') + "\n");
    await store.record(token, "up", "1");
    expect(parseFeedbackLines((await lines()).join("\n")).map((record) => record.rating)).toEqual(["up", "down", "up"]);
    expect((await store.summary()).totals).toEqual({ up: 1, down: 0, voters: 1 });
  });
});

describe("the lock file shared by processes", () => {
  it("takes over a lock left by a process that is gone", async () => {
    await writeFile(path.join(dataDir, "feedback.jsonl.lock"), "2147483646");
    const store = new FeedbackStore(dataDir, { lock: { timeoutMs: 500 } });
    await store.record(store.remember(answer("Vrij?"), "telegram"), "up", "1");
    expect(await lines()).toHaveLength(1);
  });

  it("gives up on a lock held by a live process, naming the file to delete", async () => {
    await writeFile(path.join(dataDir, "feedback.jsonl.lock"), String(process.pid));
    const store = new FeedbackStore(dataDir, { lock: { timeoutMs: 100 } });
    await expect(store.record(store.remember(answer("Bezet?"), "telegram"), "up", "1")).rejects.toThrow(/feedback\.jsonl\.lock is held by process \d+/);
  });

  it("processes writing and compacting at the same time lose no vote", async () => {
    const startAt = String(Date.now() + 4000);
    const writers = ["p1", "p2", "p3"].map((name) =>
      runScript("test/feedback/vote-writer.ts", [dataDir, name, "60", "40", startAt], { env: {}, timeoutMs: 60_000 }),
    );
    for (const result of await Promise.all(writers)) expect(result, result.stderr).toMatchObject({ code: 0 });
    const records = parseFeedbackLines((await lines()).join("\n"));
    expect(records.length).toBeGreaterThanOrEqual(40);
    expect(records.length).toBeLessThanOrEqual(44);
    for (const name of ["p1", "p2", "p3"]) {
      // Compaction drops the oldest votes, so what is left of each writer (if anything: a writer that
      // finished early may be dropped whole) is an unbroken run ending with its last vote.
      const kept = records.filter((record) => record.question.startsWith(`${name}-`)).map((record) => Number(record.question.split("-")[1]));
      expect(kept).toEqual(Array.from({ length: kept.length }, (_, index) => 60 - kept.length + index));
    }
  }, 90_000);
});
