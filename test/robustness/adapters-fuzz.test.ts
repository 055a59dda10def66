import { describe, expect, it } from "vitest";
import { parseTelegramHtml } from "../fakes/telegram-bot-api.js";
import { slashCommand } from "../fakes/discord-payloads.js";
import { askSlash, inGuild, startHarness as startDiscordHarness } from "../adapters/discord/discord-harness.js";
import { privateChat, startHarness as startTelegramHarness, textMessage } from "../adapters/telegram/telegram-harness.js";
import { fuzzQuestions } from "./question-fuzzer.js";

const seed = Number(process.env.FUZZ_SEED ?? 20_221_011);

describe(`fuzzed questions through the real adapters (seed ${seed})`, () => {
  it("Telegram: every fuzzed message gets exactly one valid reply and the bot keeps answering", async () => {
    const h = await startTelegramHarness({ limits: { questionsPerWindow: 1000 } });
    try {
      const questions = fuzzQuestions(300, seed + 1);
      const sent: Array<{ chatId: number; messageId: number; question: string }> = [];
      questions.forEach((question, index) => {
        const user = { id: 20_000 + (index % 30), is_bot: false, first_name: `F${index % 30}`, language_code: "nl" };
        const chat = privateChat(user);
        const { message } = textMessage(h.fake, chat, user, question);
        sent.push({ chatId: chat.id, messageId: message.message_id, question });
      });
      const repliesTo = (messageId: number) =>
        h.fake
          .callsOf("sendMessage")
          .filter((call) => call.ok && (call.params.reply_parameters as { message_id?: number } | undefined)?.message_id === messageId);
      await h.fake.waitFor(
        () => (sent.every(({ messageId }) => repliesTo(messageId).length > 0) ? true : undefined),
        60_000,
        "a reply to every fuzzed message",
      );
      const rejected = h.fake.callsOf("sendMessage").filter((call) => !call.ok);
      expect(rejected.map((call) => call.description)).toEqual([]);
      for (const { messageId, question } of sent) {
        const replies = repliesTo(messageId);
        for (const call of replies) {
          const text = String(call.params.text);
          expect(text.length, JSON.stringify(question.slice(0, 80))).toBeLessThanOrEqual(4096);
          expect(parseTelegramHtml(text).ok).toBe(true);
        }
      }
      const check = privateChat({ id: 29_999, is_bot: false, first_name: "Na", language_code: "nl" });
      const before = h.fake.sentTo(check.id).length;
      textMessage(h.fake, check, { id: 29_999, is_bot: false, first_name: "Na", language_code: "nl" }, "Welk luchtafweersysteem levert Duitsland?");
      const [after] = await h.fake.waitForMessages(check.id, 1, before);
      expect(after!.html).toContain("Iris-T");
    } finally {
      await h.stop();
    }
  }, 120_000);

  it("Discord: fuzzed /ask questions never ping anyone and stay within Discord's limits", async () => {
    const h = await startDiscordHarness({ limits: { questionsPerWindow: 1000 } });
    try {
      // Discord's client rejects empty and over-long required options before they reach a bot.
      const questions = fuzzQuestions(120, seed + 2)
        .filter((question) => question.trim().length > 0 && question.length <= 500)
        .slice(0, 60);
      for (const question of questions) {
        const interaction = slashCommand("ask", { vraag: question }, inGuild(h, {}));
        h.fake.dispatch("INTERACTION_CREATE", interaction.payload);
        // An answer edits the deferred reply; a refusal (empty after cleaning, too fast) follows up privately.
        const answer = await h.fake.waitForRequest(
          (request) =>
            request.path.includes(`/webhooks/`) && request.path.includes(interaction.token) && (request.method === "PATCH" || request.method === "POST"),
          15_000,
        );
        const body = answer.body as {
          content?: string;
          embeds?: Array<{ description?: string; fields?: Array<{ value: string }> }>;
          allowed_mentions?: { parse?: string[] };
        };
        expect(body.allowed_mentions?.parse, JSON.stringify(question)).toEqual([]);
        expect((body.content ?? "").length).toBeLessThanOrEqual(2000);
        for (const embed of body.embeds ?? []) {
          expect((embed.description ?? "").length).toBeLessThanOrEqual(4096);
          for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
        }
      }
      const { edit } = await askSlash(h, "Welk luchtafweersysteem levert Duitsland?");
      expect(JSON.stringify(edit.body)).toContain("Iris-T");
    } finally {
      await h.stop();
    }
  }, 120_000);
});
