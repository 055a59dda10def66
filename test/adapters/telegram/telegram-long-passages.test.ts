import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseTelegramHtml, type SentMessage } from "../../fakes/telegram-bot-api.js";
import { buttonData, pressButton, privateChat, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/**
 * End to end with a corpus built to overflow Telegram's limits: a very long paragraph of normal
 * sentences (shown as an excerpt, full text behind a button) and one enormous run-on sentence
 * (the answer itself is longer than 4096 characters and must be split). The text contains `<`, `>`
 * and `&`, so every message also proves the escaping.
 */
let h: Harness;
let corpusDir: string;

const longSentences = Array.from(
  { length: 120 },
  (_, index) => `In de haven van Rotterdam werd container ${index} <lading> & vracht gecontroleerd door douaniers.`,
);
longSentences.splice(60, 0, "De zeppelinhangaar in Soesterberg werd in 1920 gebouwd voor luchtschepen.");
const longParagraph = longSentences.join(" ");

const runOnSentence = Array.from({ length: 250 }, (_, index) => `kabeljauwquotum regel ${index} <R&D>`).join(" ");

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-telegram-corpus-"));
  await writeFile(
    path.join(corpusDir, "lange-tekst.md"),
    [
      "---",
      "title: Lange teksten <test> & zo",
      "published: 2024-01",
      "source: https://nieuws.example/lang?a=1&b=2",
      "---",
      "Een korte eerste alinea over het weer in Utrecht.",
      "",
      longParagraph,
      "",
      `Het ${runOnSentence}`,
      "",
    ].join("\n"),
  );
  h = await startHarness({ corpusDir });
});

afterAll(async () => {
  await h?.stop();
  if (corpusDir) await rm(corpusDir, { recursive: true, force: true });
});

function expectValid(messages: SentMessage[]): void {
  for (const message of messages) {
    expect(message.html.length).toBeLessThanOrEqual(4096);
    expect(parseTelegramHtml(message.html).ok).toBe(true);
  }
}

/** Waits for the bot's messages since `since` up to and including the first one `isLast` accepts. */
async function until(chatId: number, since: number, isLast: (message: SentMessage) => boolean): Promise<SentMessage[]> {
  return h.fake.waitFor(
    () => {
      const messages = h.fake.sentTo(chatId).slice(since);
      const last = messages.findIndex(isLast);
      return last >= 0 ? messages.slice(0, last + 1) : undefined;
    },
    5000,
    "the bot's last message",
  );
}

describe("long passages", () => {
  test("a long paragraph is quoted as an excerpt around the sentence, with a button for the full paragraph", async () => {
    const chat = privateChat(users.anna);
    const { message: question } = textMessage(h.fake, chat, users.anna, "Wanneer werd de zeppelinhangaar in Soesterberg gebouwd?");
    const [answer] = await h.fake.waitForMessages(chat.id, 1);
    expectValid([answer!]);
    expect((answer!.params.reply_parameters as { message_id: number }).message_id).toBe(question.message_id);
    expect(answer!.html).toContain("<b>De zeppelinhangaar in Soesterberg werd in 1920 gebouwd voor luchtschepen.</b>");
    expect(answer!.html).toContain("&lt;lading&gt; &amp; vracht");
    expect(answer!.html).toContain('<a href="https://nieuws.example/lang?a=1&amp;b=2">Lange teksten &lt;test&gt; &amp; zo</a>');
    expect(answer!.text).toContain("…");
    expect(answer!.text.length).toBeLessThan(longParagraph.length);

    const data = buttonData(answer!);
    const full = data.find((entry) => entry.startsWith("full:"));
    expect(full).toBeDefined();
    const labels = (answer!.params.reply_markup as { inline_keyboard: Array<Array<{ text: string }>> }).inline_keyboard.flat().map((button) => button.text);
    expect(labels).toContain("Toon volledige alinea 2");

    const queryId = pressButton(h.fake, answer!, users.anna, full!);
    await h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === queryId));
    // The full paragraph ends with its source line.
    const parts = await until(chat.id, 1, (message) => message.text.includes("Bron: "));
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expectValid(parts);
    for (const part of parts) {
      expect((part.params.reply_parameters as { message_id: number }).message_id).toBe(answer!.message_id);
      expect(part.html.startsWith("<blockquote>") || part.html.startsWith("<i>")).toBe(true);
    }
    const shown = parts
      .map((part) => part.text)
      .join(" ")
      .replace(/\s+/g, " ");
    expect(shown).toContain(longParagraph);
  });

  test("an answer longer than 4096 characters arrives as several valid messages, buttons on the last", async () => {
    const chat = privateChat(users.bob);
    const { message: question } = textMessage(h.fake, chat, users.bob, "Hoe zit het met het kabeljauwquotum?");
    // The feedback buttons come with the last part.
    const parts = await until(chat.id, 0, (message) => message.params.reply_markup !== undefined);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expectValid(parts);
    expect((parts[0]!.params.reply_parameters as { message_id: number }).message_id).toBe(question.message_id);
    expect(parts.slice(0, -1).every((part) => part.params.reply_markup === undefined)).toBe(true);
    expect(buttonData(parts.at(-1)!)).toEqual([expect.stringMatching(/^fb:up:/), expect.stringMatching(/^fb:down:/)]);
    const shown = parts
      .map((part) => part.text)
      .join(" ")
      .replace(/\s+/g, " ");
    // The run-on sentence appears twice: in the answer and, in bold, in the quote.
    expect(shown.split("kabeljauwquotum regel 249 <R&D>")).toHaveLength(3);
    expect(parts.some((part) => /^<blockquote><b>/.test(part.html))).toBe(true);
  });
});
