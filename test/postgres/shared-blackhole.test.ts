import { afterEach, describe, expect, it, vi } from "vitest";
import { buttonData, privateChat } from "../adapters/telegram/telegram-harness.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { startWorkers, type Workers } from "./telegram-workers.js";

/**
 * The database goes silent (connections stay open, nothing answers: the proxy's blackhole) during a
 * run of questions and 👍/👎 presses on two Telegram webhook workers. After one call of a worker has
 * waited out its budget, the database's breaker skips it for a cool-down: the questions after it do
 * not each wait again, and nothing is lost (votes and answers wait in the outbox).
 */
describe.skipIf(!postgresAvailable)("a silent shared database is skipped, not waited for on every question", () => {
  const db = useTestDatabase();
  let started: Workers | undefined;
  let proxy: TcpProxy | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    await started?.stop();
    await proxy?.close();
  });

  it("12 questions and presses while it is silent: a few attempts per worker, every question answered, every vote lands once after", async () => {
    proxy = await TcpProxy.start(Number(new URL(db.url).port));
    const workers = (started = await startWorkers(db, 2, { urlFor: () => proxy!.through(db.url) }));
    const readers = Array.from({ length: 14 }, (_, index) => ({ id: 9000 + index, is_bot: false, first_name: `Lezer ${index}`, language_code: "nl" }));
    const askAndVote = async (reader: (typeof readers)[number]): Promise<[string, string]> => {
      const reply = await workers.ask(privateChat(reader), reader, "Welk luchtafweersysteem levert Duitsland?");
      const data = buttonData(reply).find((button) => button.startsWith(reader.id % 2 === 0 ? "fb:up:" : "fb:down:"));
      return [reply.text ?? "", data === undefined ? "no button" : await workers.press(reply, reader, data)];
    };

    // Pooled connections open and the database answering, as before an outage.
    const before = [await askAndVote(readers[0]!), await askAndVote(readers[1]!)];

    // Every query and checkout a worker's stores ask of the database (the rate limiter uses the pool directly).
    const attempts = workers.workers.map((worker) => {
      const query = vi.spyOn(worker.shared.pool, "query");
      const connect = vi.spyOn(worker.shared.pool, "connect");
      return () => query.mock.calls.length + connect.mock.calls.length;
    });
    proxy.blackhole();
    // One after another: without the breaker each would wait out its budgets (rate limit, answer, vote).
    const during: Array<[string, string]> = [];
    for (const reader of readers.slice(2)) during.push(await askAndVote(reader));
    const seen = attempts.map((count) => count());
    proxy.forward();

    for (const [text, pressed] of [...before, ...during]) {
      expect(text).toContain("Iris-T");
      expect(pressed).toBe("Bedankt voor je feedback!");
    }
    // The first call waits out its budget and opens the breaker; after that at most a probe and the
    // outboxes' retries (each once per 5 s cool-down) reach the database. Without it: 12 or more each.
    console.info(`attempts on the silent database per worker: ${seen.join(", ")}`);
    for (const count of seen) {
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(6);
    }

    // Queued votes (and the answers behind them) land once the database answers again.
    await eventually(async () => (await db.admin("SELECT 1 FROM feedback_votes")).rowCount === 14, "all 14 votes in the database", 30_000);
    const rows = await db.admin<{ user_hash: string; answer_key: string }>("SELECT user_hash, answer_key FROM feedback_votes");
    expect(new Set(rows.rows.map((row) => `${row.user_hash} ${row.answer_key}`)).size).toBe(14);

    for (const worker of workers.workers) {
      // No flood: at most one line when the database went and one when it came back.
      const down = worker.logs.filter((line) => line.includes("unreachable"));
      const back = worker.logs.filter((line) => line.includes("reachable again"));
      expect(down.length).toBeLessThanOrEqual(1);
      expect(back.length).toBe(down.length);
      expect(worker.logs.filter((line) => /\b(warn|error)\b/i.test(line.slice(0, 40)))).toEqual(down);
    }
  }, 90_000);
});

async function eventually(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
