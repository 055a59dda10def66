import { privateChat, startHarness, textMessage } from "../adapters/telegram/telegram-harness.js";
import { formatMs, median, percentile } from "./stats.js";

/**
 * End-to-end throughput through the real grammY bot (long polling via @grammyjs/runner) against the
 * loopback fake Bot API: questions per second and reply latency, measured from the moment an
 * update is queued in the fake to the moment the matching sendMessage reaches it, at 1, 10 and 100
 * chats asking at the same time (each chat asks its next question when the previous is answered).
 */
const questions = [
  "Welk luchtafweersysteem levert Duitsland?",
  "Wie is de Duitse minister van Defensie?",
  "Met wie sprak Zelenski?",
  "Wanneer had Duitsland de raketten toegezegd?",
];

export async function runAdapterBench(perLevel = Number(process.env.BENCH_ADAPTER_QUESTIONS ?? 600)): Promise<string> {
  const rows: string[] = [];
  for (const chats of [1, 10, 100]) {
    const h = await startHarness({ limits: { questionsPerWindow: 1_000_000, windowSeconds: 1 } });
    try {
      const latencies: number[] = [];
      const perChat = Math.max(1, Math.floor(perLevel / chats));
      const started = performance.now();
      await Promise.all(
        Array.from({ length: chats }, async (_, index) => {
          const user = { id: 50_000 + index, is_bot: false, first_name: `B${index}`, language_code: "nl" };
          const chat = privateChat(user);
          for (let asked = 0; asked < perChat; asked += 1) {
            const before = h.fake.sentTo(chat.id).length;
            const queued = performance.now();
            textMessage(h.fake, chat, user, questions[(index + asked) % questions.length]!);
            await h.fake.waitForMessages(chat.id, 1, before, 30_000);
            latencies.push(performance.now() - queued);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      rows.push(
        `| ${chats} | ${latencies.length} | ${(latencies.length / seconds).toFixed(0)} | ${formatMs(median(latencies))} | ${formatMs(percentile(latencies, 99))} |`,
      );
    } finally {
      await h.stop();
    }
  }
  return [
    "Through the Telegram adapter (real grammY + runner, fake Bot API on loopback, hashing embedder, the article)",
    "",
    "| concurrent chats | questions | questions/s | reply latency p50 | reply latency p99 |",
    "|---|---|---|---|---|",
    ...rows,
  ].join("\n");
}
