import { afterEach, describe, expect, it } from "vitest";
import { hashUserId } from "../../src/feedback/feedback-record.js";
import { buttonData, privateChat } from "../adapters/telegram/telegram-harness.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { startWorkers, type Workers } from "./telegram-workers.js";

/**
 * Telegram webhook workers on two hosts behind the operator's load balancer share the question
 * limit and the votes through the database (`adapterDeps` with `App.shared`).
 */
describe.skipIf(!postgresAvailable)("Telegram webhook workers on two hosts, one database", () => {
  const db = useTestDatabase();
  let started: Workers | undefined;
  afterEach(async () => {
    await started?.stop();
    started = undefined;
  });

  it("a user's 6th question within the window is refused whichever worker gets it (limit 5); another user is not", async () => {
    started = await startWorkers(db, 2);
    const anna = { id: 5001, is_bot: false, first_name: "Anna", language_code: "nl" };
    const replies: string[] = [];
    for (let question = 0; question < 6; question += 1)
      replies.push((await started.ask(privateChat(anna), anna, "Welk luchtafweersysteem levert Duitsland?")).text);
    expect(started.served).toEqual([3, 3]);
    expect(replies.slice(0, 5).every((reply) => reply.includes("Iris-T"))).toBe(true);
    expect(replies[5]).toMatch(/^Even rustig aan: je stelt veel vragen tegelijk\. Probeer het over \d+ seconden opnieuw\.$/);
    // The 7th goes to the other worker than the 6th did, and is refused there too.
    expect((await started.ask(privateChat(anna), anna, "Wie is Zelenski?")).text).toMatch(/^Even rustig aan/);
    const bram = { id: 5002, is_bot: false, first_name: "Bram", language_code: "nl" };
    expect((await started.ask(privateChat(bram), bram, "Welk luchtafweersysteem levert Duitsland?")).text).toContain("Iris-T");
    // Counted under a hash of platform and user, as votes are: the table holds no user ids.
    const counted = await db.admin<{ key: string; points: number }>("SELECT key, points FROM rate_limits");
    expect(counted.rows).toContainEqual({ key: `questions:${hashUserId("telegram", "5001")}`, points: 7 });
    expect(counted.rows.filter((row) => row.key.includes("5001"))).toEqual([]);
  });

  it("votes pressed on either worker are one table: the same press twice is one vote, /feedback-style summaries agree on both", async () => {
    started = await startWorkers(db, 2);
    const users = [1, 2, 3].map((n) => ({ id: 6000 + n, is_bot: false, first_name: `Lezer ${n}`, language_code: "nl" }));
    for (const user of users) {
      const reply = await started.ask(privateChat(user), user, "Welk luchtafweersysteem levert Duitsland?");
      const up = buttonData(reply).find((data) => data.startsWith("fb:up:"))!;
      // The press goes to a worker; the same press again lands on the other one.
      expect(await started.press(reply, user, up)).toBe("Bedankt voor je feedback!");
      expect(await started.press(reply, user, up)).toBe("Bedankt voor je feedback!");
    }
    // Round robin: each first press reaches the worker that did not answer, which finds the answer in the database.
    expect(started.served).toEqual([5, 4]);
    const [a, b] = started.workers.map((worker) => worker.deps.feedback);
    const [fromA, fromB] = [await a!.summary(), await b!.summary()];
    expect(fromA.totals).toMatchObject({ up: 3, down: 0, voters: 3 });
    expect(fromB).toEqual(fromA);
    expect((await db.admin("SELECT 1 FROM feedback_votes")).rowCount).toBe(3);
  });
});
