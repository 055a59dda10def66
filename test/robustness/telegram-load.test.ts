import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type FakeUser } from "../fakes/telegram-bot-api.js";
import { privateChat, startHarness, textMessage, type Harness } from "../adapters/telegram/telegram-harness.js";
import { coreFixture } from "../helpers/core-fixture.js";
import { writeSyntheticCorpus } from "../bench/synthetic-corpus.js";

type Sent = { chatId: number; messageId: number; user: number };

const questions = [
  "Welk luchtafweersysteem levert Duitsland?",
  "Wie is de Duitse minister van Defensie?",
  "Met wie sprak Zelenski?",
  "How many Nasams batteries did Washington deliver?",
  "Wie won het WK voetbal?",
];

function user(id: number): FakeUser {
  return { id, is_bot: false, first_name: `U${id}`, language_code: "nl" };
}

/** Queues `perUser` questions for each user id; returns the messages sent. */
function burst(h: Harness, userIds: number[], perUser: number): Sent[] {
  const sent: Sent[] = [];
  for (let round = 0; round < perUser; round += 1) {
    for (const id of userIds) {
      const chat = privateChat(user(id));
      const { message } = textMessage(h.fake, chat, user(id), questions[(id + round) % questions.length]!);
      sent.push({ chatId: chat.id, messageId: message.message_id, user: id });
    }
  }
  return sent;
}

function repliesTo(h: Harness, messageId: number) {
  return h.fake.sent.filter((message) => (message.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
}

async function everyOneAnswered(h: Harness, sent: Sent[], timeoutMs: number): Promise<void> {
  await h.fake.waitFor(() => (sent.every(({ messageId }) => repliesTo(h, messageId).length > 0) ? true : undefined), timeoutMs, "a reply to every question");
}

describe("load through the Telegram adapter", () => {
  it("1,000 questions in flight: none lost, none answered twice, rate limits per user, memory back to baseline", async () => {
    const h = await startHarness({ limits: { questionsPerWindow: 5, windowSeconds: 600 } });
    try {
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      // 100 users within their budget (5 each) and 50 users over it (10 each): 1,000 questions.
      const polite = Array.from({ length: 100 }, (_, index) => 30_000 + index);
      const eager = Array.from({ length: 50 }, (_, index) => 31_000 + index);
      const sent = [...burst(h, polite, 5), ...burst(h, eager, 10)];
      expect(sent).toHaveLength(1000);
      const started = performance.now();
      await everyOneAnswered(h, sent, 90_000);
      const seconds = (performance.now() - started) / 1000;
      for (const { messageId } of sent) expect(repliesTo(h, messageId).filter((reply) => reply.html.length > 0).length).toBeGreaterThanOrEqual(1);
      // Exactly one reply per question (long answers may be split, but these are short).
      const duplicates = sent.filter(({ messageId }) => repliesTo(h, messageId).length !== 1);
      expect(duplicates).toEqual([]);
      const limited = (id: number) =>
        sent.filter((entry) => entry.user === id && /^(Even rustig aan|Easy there)/.test(repliesTo(h, entry.messageId)[0]!.html)).length;
      for (const id of polite) expect(limited(id)).toBe(0);
      for (const id of eager) expect(limited(id)).toBe(5);
      await new Promise((resolve) => setTimeout(resolve, 200));
      gc?.();
      const heapAfter = process.memoryUsage().heapUsed;
      console.log(
        `load: 1,000 questions answered in ${seconds.toFixed(1)} s (${(1000 / seconds).toFixed(0)}/s); heap ${(heapBefore / 1e6).toFixed(0)} → ${(heapAfter / 1e6).toFixed(0)} MB`,
      );
      // vitest runs workers with --expose-gc (vitest.config.ts), so both figures are after a full GC.
      // What stays is bounded state: rate-limit counters and the FeedbackStore's recent answers
      // (at most 5,000), not a copy of every update.
      expect(gc).toBeDefined();
      expect(heapAfter - heapBefore).toBeLessThan(30e6);
    } finally {
      await h.stop();
    }
  }, 120_000);

  it("faults under load: 429s and 500s from the Bot API and a refresh at the same time — every question answered once", async () => {
    const corpus = await coreFixture();
    await writeSyntheticCorpus(path.join(corpus.corpusDir), 3000, { seed: 9 });
    const h = await startHarness({ corpusDir: corpus.corpusDir, limits: { questionsPerWindow: 1000 } });
    try {
      h.fake.failNext("sendMessage", 8, 429, 1);
      h.fake.failNext("sendMessage", 6, 500);
      const versionBefore = h.core.status().corpusVersion;
      await writeFile(path.join(corpus.corpusDir, "nieuw.md"), "Een nieuw bericht over de Afsluitdijk en de stijgende zeespiegel.");
      const refresh = h.core.refresh({ platform: "test" });
      const sent = burst(
        h,
        Array.from({ length: 40 }, (_, index) => 32_000 + index),
        3,
      );
      const report = await refresh;
      await everyOneAnswered(h, sent, 90_000);
      expect(sent.filter(({ messageId }) => repliesTo(h, messageId).length !== 1)).toEqual([]);
      expect(report.newVersion).toBe(versionBefore + 1);
      expect(h.fake.callsOf("sendMessage").some((call) => call.errorCode === 429)).toBe(true);
      expect(h.fake.callsOf("sendMessage").some((call) => call.errorCode === 500)).toBe(true);
    } finally {
      await h.stop();
      await corpus.cleanup();
    }
  }, 180_000);
});
