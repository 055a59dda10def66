import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { privateChat, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/** Abuse limits and Bot API failures, end to end against the fake. */
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ limits: { questionsPerWindow: 2, windowSeconds: 60 } });
});

afterAll(async () => {
  await h?.stop();
});

async function ask(from: (typeof users)[keyof typeof users], text: string) {
  const chat = privateChat(from);
  const before = h.fake.sentTo(chat.id).length;
  textMessage(h.fake, chat, from, text);
  const [reply] = await h.fake.waitForMessages(chat.id, 1, before);
  return reply!;
}

describe("limits", () => {
  test("a user over the rate limit gets a friendly reply; other users are unaffected", async () => {
    expect((await ask(users.anna, "Welk luchtafweersysteem levert Duitsland?")).html).toContain("Iris-T");
    expect((await ask(users.anna, "Welk luchtafweersysteem levert Duitsland?")).html).toContain("Iris-T");
    const limited = await ask(users.anna, "Welk luchtafweersysteem levert Duitsland?");
    expect(limited.text).toMatch(/^Even rustig aan: je stelt veel vragen tegelijk\. Probeer het over \d+ seconden opnieuw\.$/);
    expect(limited.params.reply_markup).toBeUndefined();
    expect((await ask(users.bob, "Which air defence system is Germany sending?")).html).toContain("<blockquote>");
  });

  test("a question over the maximum length is refused politely, in the asker's language", async () => {
    const reply = await ask(users.moderator, `Welk luchtafweersysteem levert Duitsland? ${"heel erg lang ".repeat(60)}`);
    expect(reply.text).toBe("Die vraag is te lang. Houd het onder de 500 tekens.");
  });
});

describe("Bot API failures", () => {
  test("a 500 on sendMessage is retried with backoff and the reply still arrives", async () => {
    h.fake.failNext("sendMessage", 1, 500);
    const chat = privateChat(users.impostor);
    textMessage(h.fake, chat, users.impostor, "Welk luchtafweersysteem levert Duitsland?");
    const [answer] = await h.fake.waitForMessages(chat.id, 1, 0, 8000);
    expect(answer!.html).toContain("Iris-T");
    expect(h.fake.callsOf("sendMessage").filter((call) => call.errorCode === 500)).toHaveLength(1);
  });

  test("a reply Telegram keeps refusing is logged, and the bot keeps answering", async () => {
    h.fake.failNext("sendMessage", 1, 429, 120); // retry_after beyond the adapter's 60 s ceiling: not retried
    const chat = privateChat(users.bob);
    const before = h.fake.sentTo(chat.id).length;
    textMessage(h.fake, chat, users.bob, "Which air defence system is Germany sending?");
    await h.fake.waitFor(() => h.logLines.find((line) => line.includes("telegram update failed")), 5000, "the error to be logged");
    expect(h.fake.sentTo(chat.id).length).toBe(before);
    const { message } = textMessage(h.fake, chat, users.bob, "/status");
    const [status] = await h.fake.waitForMessages(chat.id, 1, before);
    expect((status!.params.reply_parameters as { message_id: number }).message_id).toBe(message.message_id);
  });
});
