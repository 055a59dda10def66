import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buttonData, privateChat } from "../adapters/telegram/telegram-harness.js";
import type { SentMessage } from "../fakes/telegram-bot-api.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { startWorkers, type Workers } from "./telegram-workers.js";

/**
 * The database goes away in the middle of a burst of questions and 👍/👎 presses on two Telegram
 * webhook workers (the loopback proxy between them and PostgreSQL drops every connection and
 * refuses new ones, as a stopped server does), then comes back.
 */
describe.skipIf(!postgresAvailable)("the shared database stopped and restarted during a burst", () => {
  const db = useTestDatabase();
  let started: Workers | undefined;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    await started?.stop();
    await proxy?.close();
  });

  it("every question is answered, every vote lands exactly once after it returns, one log line each way per worker", async () => {
    proxy = await TcpProxy.start(Number(new URL(db.url).port));
    // Round robin: a reader's press reaches the worker that did not answer, which must find the answer through the database.
    const workers = (started = await startWorkers(db, 2, { urlFor: () => proxy!.through(db.url) }));
    const readers = Array.from({ length: 12 }, (_, index) => ({ id: 8000 + index, is_bot: false, first_name: `Lezer ${index}`, language_code: "nl" }));
    const expected = new Map<number, Array<"up" | "down">>();

    /** One reader asks and votes (even readers 👍, odd 👎); returns the reply and what the press was told. */
    const askAndVote = async (reader: (typeof readers)[number]): Promise<[SentMessage, string]> => {
      const reply = await workers.ask(privateChat(reader), reader, "Welk luchtafweersysteem levert Duitsland?");
      const rating = reader.id % 2 === 0 ? "up" : "down";
      const data = buttonData(reply).find((button) => button.startsWith(`fb:${rating}:`));
      expected.set(reader.id, [...(expected.get(reader.id) ?? []), rating]);
      return [reply, data === undefined ? "no button" : await workers.press(reply, reader, data)];
    };

    const before = await Promise.all(readers.slice(0, 4).map(askAndVote));
    proxy.refuse();
    const during = await Promise.all(readers.slice(4).map(askAndVote));
    const queued = await Promise.all(
      workers.workers.map((worker) =>
        worker.deps.feedback.summary().then(
          () => "read",
          (error: Error) => error.name,
        ),
      ),
    );
    // The presses of the outage wait on each worker's disk, and so do the answers they were given meanwhile.
    for (const worker of workers.workers) expect(await queuedFiles(worker.dataDir)).toEqual(["answers.jsonl", "feedback.jsonl"]);
    proxy.forward();
    const after = await Promise.all(readers.slice(0, 2).map(askAndVote));

    for (const [phase, results] of Object.entries({ before, during, after })) {
      for (const [reply, pressed] of results) {
        expect(reply.text, phase).toContain("Iris-T");
        expect(pressed, phase).toBe("Bedankt voor je feedback!");
      }
    }
    expect(queued).toEqual(["SharedStateError", "SharedStateError"]);
    expect(workers.served.every((count) => count > 0)).toBe(true);

    // The queued votes are flushed once the database answers (the outbox retries every 5 s).
    await eventually(async () => (await db.admin("SELECT 1 FROM feedback_votes")).rowCount === 14, "all 14 votes in the database", 20_000);
    const rows = await db.admin<{ user_hash: string; rating: string; answer_key: string }>("SELECT user_hash, rating, answer_key FROM feedback_votes");
    expect(new Set(rows.rows.map((row) => `${row.user_hash} ${row.answer_key}`)).size).toBe(14);
    const ratings = rows.rows.map((row) => row.rating).sort();
    expect(ratings).toEqual([...expected.values()].flat().sort());
    // A flush that delivered the last item may still be removing its batch file.
    await eventually(
      async () => (await Promise.all(workers.workers.map((worker) => queuedFiles(worker.dataDir)))).flat().length === 0,
      "empty outboxes",
      10_000,
    );
    // Replays of the flushed votes (a second flush, a restart) change nothing.
    expect((await db.admin("SELECT 1 FROM feedback_votes")).rowCount).toBe(14);

    for (const [index, worker] of workers.workers.entries()) {
      const down = worker.logs.filter((line) => line.includes("unreachable"));
      const back = worker.logs.filter((line) => line.includes("reachable again"));
      expect({ worker: index, down: down.length, back: back.length }).toEqual({ worker: index, down: 1, back: 1 });
      // No flood: the line saying the database went is the only warning or error.
      expect(worker.logs.filter((line) => /\b(warn|error)\b/i.test(line.slice(0, 40)))).toEqual(down);
    }
  }, 60_000);
});

/** Outbox files (answers, votes) still waiting in a worker's DATA_DIR. */
async function queuedFiles(dataDir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dataDir, "outbox"))).filter((name) => /^(answers|feedback)\.jsonl/.test(name)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
