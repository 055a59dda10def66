import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashUserId, type FeedbackRecord } from "../../../src/feedback/feedback-store.js";
import { parseTelegramHtml, type SentMessage } from "../../fakes/telegram-bot-api.js";
import { buttonData, group, pressButton, privateChat, settle, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/**
 * End to end: the real grammY bot and the real core (hashing embedder, shipped corpus) polling a
 * fake Bot API on 127.0.0.1.
 */
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { TELEGRAM_MODERATOR_IDS: `${users.moderator.id},999` } });
});

afterAll(async () => {
  await h?.stop();
});

/** Sends a text and returns the bot's first new message in that chat. */
async function ask(chat: Parameters<typeof textMessage>[1], from: Parameters<typeof textMessage>[2], text: string, extra?: Record<string, unknown>) {
  const before = h.fake.sentTo(chat.id).length;
  const { message } = textMessage(h.fake, chat, from, text, extra);
  const [reply] = await h.fake.waitForMessages(chat.id, 1, before);
  return { question: message, reply: reply! };
}

function replyTo(message: SentMessage): number | undefined {
  return (message.params.reply_parameters as { message_id?: number } | undefined)?.message_id;
}

/**
 * Proves a negative without sleeping: updates of one chat are handled in order, so once a `/status`
 * sent afterwards to the group is answered, everything before it was handled. True when that
 * answer is the only new message in the group.
 */
async function onlyReplyIsSentinel(before: number): Promise<boolean> {
  const { message } = textMessage(h.fake, group, users.anna, "/status@NieuwsTestBot");
  const [first] = await h.fake.waitForMessages(group.id, 1, before);
  return replyTo(first!) === message.message_id && first!.text.startsWith("Corpus v");
}

function expectNoFailedCalls(): void {
  expect(h.fake.calls.filter((call) => !call.ok && call.method !== "getUpdates")).toEqual([]);
}

describe("start-up", () => {
  test("registers the command menu in Dutch and English and drops any webhook", () => {
    const menus = h.fake.callsOf("setMyCommands");
    expect(menus).toHaveLength(2);
    const dutch = menus.find((call) => call.params.language_code === undefined)!;
    expect((dutch.params.commands as Array<{ command: string }>).map((entry) => entry.command)).toEqual(["ask", "help", "status", "refresh", "feedback"]);
    expect(JSON.stringify(dutch.params.commands)).toContain("Stel een vraag over het artikel");
    expect(menus.some((call) => call.params.language_code === "en")).toBe(true);
    expect(h.fake.callsOf("deleteWebhook")).toHaveLength(1);
  });
});

describe("private chat", () => {
  test("a question gets an HTML reply quoting paragraph 3 (Iris-T), replying to the question", async () => {
    const chat = privateChat(users.anna);
    const { question, reply } = await ask(chat, users.anna, "Welk luchtafweersysteem levert Duitsland?");
    expect(reply.params.parse_mode).toBe("HTML");
    expect(reply.params.link_preview_options).toEqual({ is_disabled: true });
    expect(replyTo(reply)).toBe(question.message_id);
    expect(reply.html).toMatch(/^Volgens het artikel \(alinea 3\): .*Iris-T/);
    expect(reply.html).toMatch(/<blockquote>Niet alleen de Amerikanen schieten Kiev te hulp\. <b>[^<]*Iris-T[^<]*<\/b>[^<]*<\/blockquote>/);
    expect(reply.text).toContain("Bron: Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen — alinea 3 — 2022-10");
    expect(buttonData(reply)).toEqual([expect.stringMatching(/^fb:up:/), expect.stringMatching(/^fb:down:/)]);
    // "typing…" was shown in that chat before the answer went out.
    const methods = h.fake.calls.map((call) => `${call.method}:${String(call.params.chat_id ?? "")}`);
    const typing = methods.indexOf(`sendChatAction:${chat.id}`);
    expect(typing).toBeGreaterThanOrEqual(0);
    expect(h.fake.callsOf("sendChatAction").find((call) => call.params.chat_id === chat.id)?.params.action).toBe("typing");
    expect(typing).toBeLessThan(methods.lastIndexOf(`sendMessage:${chat.id}`));
  });

  test("an English question is answered in English, still quoting the Dutch passage", async () => {
    const { reply } = await ask(privateChat(users.bob), users.bob, "Which air defence system is Germany sending?");
    expect(reply.text).toMatch(/^According to the article \(paragraph \d+, quoted in Dutch\):/);
    expect(reply.html).toContain("<blockquote>");
    expect(reply.text).toContain("Source: ");
  });

  test("a question the article does not answer gets a short, friendly abstention", async () => {
    const { reply } = await ask(privateChat(users.anna), users.anna, "Wie won het WK voetbal in 2022?");
    expect(reply.text).toMatch(/^Daar geeft het artikel geen antwoord op, dus ik ga niet gokken\./);
    expect(reply.html).not.toContain("<blockquote>");
    expect(reply.text.length).toBeLessThan(300);
  });

  test("markup in a question is never passed through: Telegram accepts every reply", async () => {
    const chat = privateChat(users.anna);
    for (const text of [
      "<b>x</b> & <script>alert(1)</script> Welk luchtafweersysteem levert Duitsland?",
      "<b>x</b> & <script>",
      '&amp; </blockquote> <a href="x">',
    ]) {
      const { reply } = await ask(chat, users.anna, text);
      expect(parseTelegramHtml(reply.html).ok).toBe(true);
    }
    expectNoFailedCalls();
  });

  test("/start and /help explain the bot in Dutch, or in English for English-language users", async () => {
    const dutch = await ask(privateChat(users.anna), users.anna, "/start");
    expect(dutch.reply.text).toContain("Ik ben Nieuwsbot");
    expect(dutch.reply.text).toContain("@NieuwsTestBot");
    const english = await ask(privateChat(users.bob), users.bob, "/help");
    expect(english.reply.text).toContain("I'm Nieuwsbot");
    expect(english.reply.text).toContain("/ask");
  });

  test("/status shows everyone the short form: corpus version, documents, passages, the article and how answers are made", async () => {
    const { reply } = await ask(privateChat(users.anna), users.anna, "/status");
    const status = h.core.status();
    expect(reply.text).toMatch(new RegExp(`^Corpus v${status.corpusVersion}, gebouwd .* UTC: ${status.documents} document, ${status.passages} passages\\.`));
    expect(reply.text).toContain("Over: “Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen”.");
    expect(reply.text).toContain("Antwoorden: letterlijke zinnen uit het artikel (extractief).");
    // The moderators' part (test/adapters/telegram/telegram-status.test.ts) is not in it.
    expect(reply.text).not.toContain("Embedder");
  });
});

describe("groups", () => {
  test("ordinary group messages are left alone", async () => {
    const before = h.fake.sentTo(group.id).length;
    textMessage(h.fake, group, users.anna, "Welk luchtafweersysteem levert Duitsland?");
    textMessage(h.fake, group, users.anna, "/ask@AnderBot Welk luchtafweersysteem levert Duitsland?");
    textMessage(h.fake, group, users.anna, "Vraag het aan @AnderBot");
    textMessage(h.fake, group, users.bot, "@NieuwsTestBot welk luchtafweersysteem levert Duitsland?");
    expect(await onlyReplyIsSentinel(before)).toBe(true);
  });

  test("an @mention of the bot is answered, without the mention in the question", async () => {
    const { question, reply } = await ask(group, users.anna, "@NieuwsTestBot welk luchtafweersysteem levert Duitsland?");
    expect(replyTo(reply)).toBe(question.message_id);
    expect(reply.html).toContain("Iris-T");
  });

  test("/ask and /ask@BotName are answered", async () => {
    const plain = await ask(group, users.anna, "/ask Welk luchtafweersysteem levert Duitsland?");
    expect(plain.reply.html).toContain("Iris-T");
    const addressed = await ask(group, users.bob, "/ask@NieuwsTestBot Welk luchtafweersysteem levert Duitsland?");
    expect(replyTo(addressed.reply)).toBe(addressed.question.message_id);
    expect(addressed.reply.html).toContain("Iris-T");
  });

  test("commands and mentions are recognised even when the Bot API server sends no entities", async () => {
    const command = await ask(group, users.anna, "/ask@NieuwsTestBot Welk luchtafweersysteem levert Duitsland?", { entities: undefined });
    expect(command.reply.html).toContain("Iris-T");
    const mention = await ask(group, users.bob, "@NieuwsTestBot welk luchtafweersysteem levert Duitsland?", { entities: undefined });
    expect(mention.reply.html).toContain("Iris-T");
  });

  test("/ask without a question gets a friendly hint", async () => {
    const { reply } = await ask(group, users.anna, "/ask@NieuwsTestBot");
    expect(reply.text).toContain("Stel een vraag over het artikel");
  });

  test("a reply to the bot's own message is a question; a reply to someone else is not", async () => {
    const first = await ask(group, users.anna, "@NieuwsTestBot welk luchtafweersysteem levert Duitsland?");
    const followUp = await ask(group, users.bob, "Wie won het WK voetbal in 2022?", { reply_to_message: first.reply.message });
    expect(followUp.reply.text).toMatch(/doesn't answer|geen antwoord/);

    const before = h.fake.sentTo(group.id).length;
    const { message: other } = textMessage(h.fake, group, users.anna, "Gewoon een opmerking");
    textMessage(h.fake, group, users.bob, "Welk luchtafweersysteem levert Duitsland?", { reply_to_message: other });
    expect(await onlyReplyIsSentinel(before)).toBe(true);
  });
});

describe("buttons", () => {
  test("👍 stores feedback with a hashed user id and answers the callback query", async () => {
    const chat = privateChat(users.anna);
    const { reply } = await ask(chat, users.anna, "Welk luchtafweersysteem levert Duitsland?");
    const up = buttonData(reply).find((data) => data.startsWith("fb:up:"))!;
    const queryId = pressButton(h.fake, reply, users.anna, up);
    const answered = await h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === queryId));
    expect(answered.params.text).toBe("Bedankt voor je feedback!");

    const lines = (await readFile(path.join(h.dataDir, "feedback.jsonl"), "utf8")).trim().split("\n");
    const record = JSON.parse(lines.at(-1)!) as FeedbackRecord;
    expect(record).toMatchObject({
      platform: "telegram",
      rating: "up",
      userHash: hashUserId("telegram", String(users.anna.id)),
      question: "Welk luchtafweersysteem levert Duitsland?",
      corpusVersion: h.core.status().corpusVersion,
      abstained: false,
    });
    expect(record.passageIds.length).toBeGreaterThan(0);
    expect(record.answer).toContain("Iris-T");
    expect(lines.at(-1)).not.toContain(`"${users.anna.id}"`);
  });

  test("👎 on an abstention is stored too", async () => {
    const { reply } = await ask(privateChat(users.bob), users.bob, "Wie won het WK voetbal in 2022?");
    const down = buttonData(reply).find((data) => data.startsWith("fb:down:"))!;
    const queryId = pressButton(h.fake, reply, users.bob, down);
    await h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === queryId));
    const lines = (await readFile(path.join(h.dataDir, "feedback.jsonl"), "utf8")).trim().split("\n");
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ rating: "down", abstained: true, passageIds: [] });
  });

  test("unknown, forged or expired button data is still answered", async () => {
    const { reply } = await ask(privateChat(users.anna), users.anna, "Welk luchtafweersysteem levert Duitsland?");
    for (const data of ["bogus", "fb:up:doesnotexist", "full:doesnotexist:0", "fb:sideways:x"]) {
      const queryId = pressButton(h.fake, reply, users.anna, data);
      await h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === queryId), 5000, `answer to ${data}`);
    }
    const expired = h.fake.callsOf("answerCallbackQuery").find((call) => String(call.params.text ?? "").includes("te oud"));
    expect(expired).toBeDefined();
  });
});

describe("moderation", () => {
  test("/refresh from a non-moderator is politely refused and does not refresh", async () => {
    const version = h.core.status().corpusVersion;
    // Same username as the moderator: the decision must be made on the numeric id.
    const { reply } = await ask(privateChat(users.impostor), users.impostor, "/refresh");
    expect(reply.text).toBe("Sorry, alleen moderators mogen dat doen.");
    const inGroup = await ask(group, users.anna, "/refresh@NieuwsTestBot");
    expect(inGroup.reply.text).toBe("Sorry, alleen moderators mogen dat doen.");
    expect(h.core.status().corpusVersion).toBe(version);
  });

  test("/refresh from a moderator re-reads the corpus and reports that nothing changed", async () => {
    const version = h.core.status().corpusVersion;
    const { reply } = await ask(privateChat(users.moderator), users.moderator, "/refresh");
    // The shipped corpus did not change: no new version is made, and the reply says so.
    expect(h.core.status().corpusVersion).toBe(version);
    const { documents, passages } = h.core.status();
    expect(reply.text).toMatch(
      new RegExp(
        `^Corpus: geen wijzigingen; nog steeds v${version} \\(${documents} ${documents === 1 ? "document" : "documenten"}, ${passages} passages, \\d+ ms\\)$`,
      ),
    );
    // Answers keep working.
    const after = await ask(privateChat(users.anna), users.anna, "Welk luchtafweersysteem levert Duitsland?");
    expect(after.reply.html).toContain("Iris-T");
  });
});

describe("robustness", () => {
  test("stickers, photos, edited messages, channel posts and odd updates are ignored without error", async () => {
    const chat = privateChat(users.anna);
    const base = { date: Math.floor(Date.now() / 1000), from: users.anna };
    const sentBefore = h.fake.sent.length;
    const privateBefore = h.fake.sentTo(chat.id).length;
    const ids = [
      h.fake.pushUpdate({
        message: {
          ...base,
          message_id: h.fake.newMessageId(),
          chat,
          sticker: { file_id: "s", file_unique_id: "s", type: "regular", width: 512, height: 512, is_animated: false, is_video: false },
        },
      }),
      h.fake.pushUpdate({
        message: {
          ...base,
          message_id: h.fake.newMessageId(),
          chat: group,
          photo: [{ file_id: "p", file_unique_id: "p", width: 90, height: 90 }],
          caption: "@NieuwsTestBot kijk",
        },
      }),
      h.fake.pushUpdate({
        edited_message: { ...base, message_id: h.fake.newMessageId(), chat, edit_date: base.date, text: "Welk luchtafweersysteem levert Duitsland?" },
      }),
      h.fake.pushUpdate({
        channel_post: {
          message_id: h.fake.newMessageId(),
          date: base.date,
          chat: { id: -100_999, type: "channel", title: "Kanaal" },
          text: "/status",
          entities: [{ type: "bot_command", offset: 0, length: 7 }],
        },
      }),
      h.fake.pushUpdate({ message: { ...base, message_id: h.fake.newMessageId(), chat: group, new_chat_members: [users.bob] } }),
      h.fake.pushUpdate({ message: { ...base, message_id: h.fake.newMessageId(), chat, text: "" } }),
      h.fake.pushUpdate({ my_chat_member: { chat: group, from: users.anna, date: base.date } }),
      h.fake.pushUpdate({ callback_query: { id: "no-message", from: users.anna, chat_instance: "x", data: "fb:up:zzz" } }),
    ];
    await h.fake.waitForReceived(ids.at(-1)!);
    // An empty text in a private chat is a question without words: it gets the friendly hint.
    const [hint] = await h.fake.waitForMessages(chat.id, 1, privateBefore);
    expect(hint!.text).toMatch(/^Stel een vraag over het artikel/);
    // A button press on an inline message (no chat) is still answered.
    await h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === "no-message"), 5000, "callback answer");
    // Updates of one chat are handled in order: once a later /status is answered, the group updates
    // above have been handled. The channel post (another chat) gets a moment more.
    expect(await onlyReplyIsSentinel(h.fake.sentTo(group.id).length)).toBe(true);
    await settle(300);
    expect(h.fake.sent.length).toBe(sentBefore + 2); // the hint and the sentinel's reply, nothing else
    expect(h.logLines.filter((line) => line.includes(" ERROR "))).toEqual([]);
    // And the bot is still answering.
    const { reply } = await ask(chat, users.anna, "Welk luchtafweersysteem levert Duitsland?");
    expect(reply.html).toContain("Iris-T");
  });

  test("a 429 on sendMessage is retried after retry_after and the reply still arrives", async () => {
    const chat = privateChat(users.bob);
    const failedBefore = h.fake.callsOf("sendMessage").filter((call) => call.errorCode === 429).length;
    h.fake.failNext("sendMessage", 1, 429, 1);
    const started = Date.now();
    const { reply } = await ask(chat, users.bob, "Welk luchtafweersysteem levert Duitsland?");
    expect(reply.html).toContain("Iris-T");
    expect(h.fake.callsOf("sendMessage").filter((call) => call.errorCode === 429).length).toBe(failedBefore + 1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test("the token never appears in the log", () => {
    expect(h.logLines.length).toBeGreaterThan(0);
    expect(h.logLines.join("\n")).not.toContain(h.fake.token.split(":")[1]!);
  });
});
