import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Answer } from "../../src/port/types.js";
import { SharedAnswers } from "../../src/shared-state/shared-answers.js";
import { SharedVotes } from "../../src/shared-state/shared-votes.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { runScript } from "../helpers/run-script.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

const answer = (question: string, paragraph: number): Answer => ({
  text: `Volgens het artikel (alinea ${paragraph}): een zin.`,
  abstained: false,
  language: "nl",
  citations: [
    { passageId: `2022-10-luchtafweer#p${paragraph}`, documentId: "2022-10-luchtafweer", quote: "Q.", sentence: "Q.", paragraph, title: "T", score: 1 },
  ],
  corpusVersion: 3,
  mode: "extractive",
  question,
});

/** The feedback store of shared mode: votes and button answers in the database, the outbox while it is away. */
describe.skipIf(!postgresAvailable)("feedback in shared mode", () => {
  const db = useTestDatabase();
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** A replica's store: its own DATA_DIR, the shared database (optionally through `url`). */
  const replica = async (url?: string, pendingMaxAgeMs?: number) => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-shared-feedback-"));
    const database = db.open({ connectTimeoutMs: 1000, queryTimeoutMs: 2000 }, url);
    const answers = new SharedAnswers(database, { outboxFile: path.join(dataDir, "outbox", "answers.jsonl"), retryMs: 200 });
    // Budgets above the production ones: on a loaded test machine a query may take longer than 500 ms.
    const votes = new SharedVotes(database, dataDir, { retryMs: 200, answers, pendingMaxAgeMs, budgetMs: 2000 });
    const store = new FeedbackStore(dataDir, { votes, answers, answersBudgetMs: 2000 });
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    cleanups.push(() => store.close());
    return { store, votes, dataDir };
  };

  it("a press on another replica finds the answer; votes of both are one summary, which npm run feedback prints from the database", async () => {
    const [a, b] = [await replica(), await replica()];
    const token = a.store.remember(answer("Welk luchtafweersysteem levert Duitsland?", 3), "telegram");
    await a.store.shared(token); // as askFlow does before the reply goes out
    expect(await b.store.record(token, "down", "77")).toBe(true);
    expect(await b.store.record(token, "down", "77")).toBe(true);
    expect(await a.store.record(token, "up", "78")).toBe(true);
    expect(await b.store.record("unknown123", "up", "78")).toBe(false);
    const summary = await a.store.summary();
    expect(summary.totals).toMatchObject({ up: 1, down: 1, voters: 2 });
    expect(await b.store.summary()).toEqual(summary);

    const empty = await mkdtemp(path.join(tmpdir(), "nieuwsbot-feedback-cli-"));
    cleanups.push(() => rm(empty, { recursive: true, force: true }));
    const result = await runScript("adapters/cli/feedback.ts", [], { env: { DATA_DIR: empty, DATABASE_URL: db.url, LOG_LEVEL: "silent" }, timeoutMs: 30_000 });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Feedback: 1 👍 en 1 👎 van 2 gebruikers");
    expect(result.stdout).toContain("• v3: 1 👍, 1 👎");
    expect(result.stdout).toContain("“Welk luchtafweersysteem levert Duitsland?”");
  });

  it("votes made while the database is away are queued on disk and written once when it returns; npm run feedback says it cannot reach it", async () => {
    const proxy = await TcpProxy.start(Number(new URL(db.url).port));
    cleanups.push(() => proxy.close());
    const { store, votes } = await replica(proxy.through(db.url));
    const token = store.remember(answer("Hoeveel Nasams-batterijen stuurde Washington?", 4), "discord");
    proxy.refuse();
    const started = Date.now();
    for (const user of ["1", "2", "3"]) expect(await store.record(token, "down", user)).toBe(true);
    expect(await store.record(token, "up", "1")).toBe(true);
    expect(Date.now() - started).toBeLessThan(4 * 1000);
    expect(await votes.outbox.pending()).toBe(4);
    const cli = await runScript("adapters/cli/feedback.ts", [], {
      env: { DATA_DIR: "/nonexistent", DATABASE_URL: proxy.through(db.url), LOG_LEVEL: "silent" },
      timeoutMs: 30_000,
    });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/The shared database postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/test_\w+ cannot be reached/);

    proxy.forward();
    const deadline = Date.now() + 20_000;
    while ((await votes.outbox.pending()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await votes.outbox.pending()).toBe(0);
    const rows = await db.admin<{ rating: string }>(
      "SELECT rating FROM feedback_votes WHERE question = 'Hoeveel Nasams-batterijen stuurde Washington?' ORDER BY vote_order",
    );
    // User 1's 👎 then 👍: the later press stands; users 2 and 3 once each.
    expect(rows.rows.map((row) => row.rating).sort()).toEqual(["down", "down", "up"]);
  });

  it("a press queued for an answer that never reaches the database is dropped after the wait, not retried for ever", async () => {
    const proxy = await TcpProxy.start(Number(new URL(db.url).port));
    cleanups.push(() => proxy.close());
    const { store, votes } = await replica(proxy.through(db.url), 300);
    proxy.refuse();
    // Not this replica's answer, and the database cannot say whose: queued with its token.
    expect(await store.record("elders1234", "up", "9", "telegram")).toBe(true);
    expect(await store.record("elders1234", "up", "9")).toBe(false); // without the press's platform it cannot be queued
    expect(await votes.outbox.pending()).toBe(1);
    proxy.forward();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await votes.outbox.flush().catch(() => undefined);
    expect(await votes.outbox.pending()).toBe(0);
    expect((await db.admin("SELECT 1 FROM feedback_votes WHERE answer_id = 'elders1234'")).rowCount).toBe(0);
  });
});
