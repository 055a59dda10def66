import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FeedbackRecord } from "../../../src/feedback/feedback-store.js";
import type { FakeChat, FakeUser, SentMessage } from "../../fakes/telegram-bot-api.js";
import { buttonData, group, pressButton, privateChat, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/** `/feedback` and the 👍/👎 buttons through the real grammY bot, the real core and the fake Bot API. */
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { TELEGRAM_MODERATOR_IDS: String(users.moderator.id) } });
});

afterAll(async () => {
  await h?.stop();
});

async function send(chat: FakeChat, from: FakeUser, text: string): Promise<SentMessage> {
  const before = h.fake.sentTo(chat.id).length;
  textMessage(h.fake, chat, from, text);
  const [reply] = await h.fake.waitForMessages(chat.id, 1, before, 10_000);
  return reply!;
}

/** Presses a button and waits until the bot has answered that press. */
async function press(on: SentMessage, from: FakeUser, data: string) {
  const id = pressButton(h.fake, on, from, data);
  return h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === id), 10_000, `answer to ${data}`);
}

async function feedbackLines(): Promise<string[]> {
  return (await readFile(path.join(h.dataDir, "feedback.jsonl"), "utf8")).split("\n").filter((line) => line !== "");
}

const moderatorChat = privateChat(users.moderator);

describe("votes", () => {
  test("50 presses of 👎 by one user are one line; a changed press replaces the vote", async () => {
    const anna = await send(privateChat(users.anna), users.anna, "Welk luchtafweersysteem levert Duitsland?");
    const down = buttonData(anna).find((data) => data.startsWith("fb:down:"))!;
    for (let count = 0; count < 50; count += 1) expect((await press(anna, users.anna, down)).params.text).toBe("Bedankt voor je feedback!");
    expect(await feedbackLines()).toHaveLength(1);

    const bob = await send(privateChat(users.bob), users.bob, "Wie won het WK voetbal in 2022?");
    await press(
      bob,
      users.bob,
      buttonData(bob).find((data) => data.startsWith("fb:up:"))!,
    );
    await press(
      bob,
      users.bob,
      buttonData(bob).find((data) => data.startsWith("fb:down:"))!,
    );
    const ratings = (await feedbackLines()).map((line) => (JSON.parse(line) as FeedbackRecord).rating);
    expect(ratings).toEqual(["down", "up", "down"]);
  });

  test("a moderator's /feedback shows counts per corpus version and the latest 👎 answers", async () => {
    const reply = await send(moderatorChat, users.moderator, "/feedback");
    const version = h.core.status().corpusVersion;
    expect(reply.text).toContain("Feedback: 0 👍 en 2 👎 van 2 gebruikers (één stem per gebruiker per antwoord).");
    expect(reply.text).toContain(`Per corpusversie:\n• v${version}: 0 👍, 2 👎`);
    expect(reply.text).toContain("Laatste 👎 (2):");
    // Newest first: Bob's abstention, then Anna's answer citing paragraph 3.
    const bob = reply.text.indexOf("1. “Wie won het WK voetbal in 2022?”");
    const anna = reply.text.indexOf("2. “Welk luchtafweersysteem levert Duitsland?”");
    expect(bob).toBeGreaterThan(0);
    expect(anna).toBeGreaterThan(bob);
    expect(reply.text).toContain("Geciteerd: niets (de bot gaf geen antwoord)");
    expect(reply.text).toMatch(/Antwoord: Volgens het artikel \(alinea 3\): .*Iris-T/);
    expect(reply.text).toContain("Geciteerd: alinea 3 van 2022-10-luchtafweer");
    expect(reply.text).toMatch(new RegExp(`\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC · telegram · corpus v${version} · 👎 1 · 👍 0`));
    expect(reply.html).toContain("<b>Per corpusversie:</b>");
    expect(reply.params.reply_markup).toBeUndefined();
  });
});

describe("refusals", () => {
  test("a non-moderator (also one with the moderator's username) gets the NOT_ALLOWED text", async () => {
    expect((await send(privateChat(users.anna), users.anna, "/feedback")).text).toBe("Sorry, alleen moderators mogen dat doen.");
    expect((await send(privateChat(users.impostor), users.impostor, "/feedback")).text).toBe("Sorry, alleen moderators mogen dat doen.");
  });

  test("in a group a moderator is asked to use a private chat, and nothing of the report is shown", async () => {
    const reply = await send(group, users.moderator, "/feedback");
    expect(reply.text).toMatch(/^Stuur \/feedback in een privégesprek met mij/);
    expect(reply.text).not.toContain("luchtafweersysteem");
  });
});

describe("paging", () => {
  /** 60 more 👎 answers with long questions full of characters HTML must escape. */
  async function manyComplaints(): Promise<void> {
    const records: FeedbackRecord[] = Array.from({ length: 60 }, (_, index) => ({
      at: new Date(Date.UTC(2026, 10, 30, 12, index)).toISOString(),
      platform: index % 2 === 0 ? "telegram" : "discord",
      userHash: `hash-${index}`,
      rating: "down",
      question: `Vraag ${index}: ${"<b>&amp; ".repeat(40)}`,
      answer: `Volgens het artikel (alinea 2): ${"lang antwoord ".repeat(30)}`,
      passageIds: ["2022-10-luchtafweer#abc"],
      corpusVersion: 1,
      abstained: false,
      answerId: `seed${index}`,
      paragraphs: [2],
      language: "nl",
    }));
    await appendFile(path.join(h.dataDir, "feedback.jsonl"), records.map((record) => JSON.stringify(record) + "\n").join(""));
  }

  test("a long report is split into pages under 4096 characters, with ‹ / › buttons and /feedback <page>", async () => {
    await manyComplaints();
    const first = await send(moderatorChat, users.moderator, "/feedback");
    expect(first.html.length).toBeLessThanOrEqual(4096);
    const pages = Number(/Pagina 1\/(\d+)$/.exec(first.text)?.[1]);
    expect(pages).toBeGreaterThan(2);
    // Only the latest 50 are listed; user text is escaped.
    expect(first.text).toContain("Laatste 👎 (50 van 62):");
    expect(first.text).toContain("1. “Vraag 59: <b>&amp;");
    expect(first.html).toContain("Vraag 59: &lt;b&gt;&amp;amp;");
    expect(buttonData(first)).toEqual(["fbpage:2"]);

    await press(first, users.moderator, "fbpage:2");
    const edit = await h.fake.waitFor(() => h.fake.callsOf("editMessageText").find((call) => call.ok && call.params.message_id === first.message_id));
    expect(String(edit.params.text).length).toBeLessThanOrEqual(4096);
    expect(h.fake.sentTo(moderatorChat.id).find((message) => message.message_id === first.message_id)!.text).toMatch(new RegExp(`Pagina 2/${pages}$`));
    const keyboard = edit.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data: string }>> };
    expect(keyboard.inline_keyboard.flat().map((button) => button.callback_data)).toEqual(["fbpage:1", "fbpage:3"]);

    const last = await send(moderatorChat, users.moderator, `/feedback ${pages + 5}`);
    expect(last.text).toMatch(new RegExp(`Pagina ${pages}/${pages}$`));
    // The oldest of the 50 listed is last; Anna's and Bob's older answers are past the list (still in the file and the export).
    expect(last.text).toContain("50. “Vraag 10:");
    expect(last.text).not.toContain("luchtafweersysteem");
    expect(buttonData(last)).toEqual([`fbpage:${pages - 1}`]);
    const seen: number[] = [];
    for (let page = 1; page <= pages; page += 1) {
      const reply = await send(moderatorChat, users.moderator, `/feedback ${page}`);
      expect(reply.html.length).toBeLessThanOrEqual(4096);
      for (const match of reply.text.matchAll(/^\d+\. “Vraag (\d+):/gm)) seen.push(Number(match[1]));
    }
    // Every listed answer is on exactly one page: the newest 50 of the seeded ones.
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, index) => index + 10));
  });

  test("a non-moderator pressing a page button is refused and nothing changes", async () => {
    const report = await send(moderatorChat, users.moderator, "/feedback");
    const edits = h.fake.callsOf("editMessageText").length;
    const answered = await press(report, users.anna, "fbpage:2");
    expect(answered.params.text).toBe("Sorry, alleen moderators mogen dat doen.");
    expect(h.fake.callsOf("editMessageText")).toHaveLength(edits);
  });
});
