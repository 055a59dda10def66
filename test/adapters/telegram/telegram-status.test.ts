import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { FakeChat, FakeUser, SentMessage } from "../../fakes/telegram-bot-api.js";
import { buttonData, group, pressButton, privateChat, repoRoot, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/**
 * `/status` through the real grammY bot, the real core and the fake Bot API: the short form for
 * everyone, the full form for moderators in a private chat — over a corpus with a hostile title and
 * enough documents to need more than one message.
 */
let h: Harness;
let corpusDir: string;

/** Sorts first, so it is the first document listed. */
const hostileTitle = "<b>Vet</b> & <a href='https://evil.example'>klik</a> @everyone";
const extraDocuments = 40;

beforeAll(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-status-corpus-"));
  await copyFile(path.join(repoRoot, "corpus", "2022-10-luchtafweer.md"), path.join(corpusDir, "2022-10-luchtafweer.md"));
  await writeFile(path.join(corpusDir, "0-vijandig.md"), `---\ntitle: ${JSON.stringify(hostileTitle)}\n---\nDe haven van Antwerpen krijgt een nieuwe sluis.\n`);
  for (let index = 0; index < extraDocuments; index += 1) {
    const source = `https://nieuws.example/${"rubriek/".repeat(30)}${index}`;
    const title = `Havenbericht ${index}: ${"een lange kop over schepen en sluizen ".repeat(6)}`;
    await writeFile(
      path.join(corpusDir, `haven-${String(index).padStart(2, "0")}.md`),
      `---\ntitle: ${JSON.stringify(title)}\nsource: ${source}\n---\nBericht ${index} over de haven.\n`,
    );
  }
  h = await startHarness({ corpusDir, env: { TELEGRAM_MODERATOR_IDS: String(users.moderator.id) } });
});

afterAll(async () => {
  await h?.stop();
  await rm(corpusDir, { recursive: true, force: true });
});

/** Sends `text` and waits until the bot's reply is complete: the message holding `last`. */
async function send(chat: FakeChat, from: FakeUser, text: string, last: string): Promise<SentMessage[]> {
  const before = h.fake.sentTo(chat.id).length;
  textMessage(h.fake, chat, from, text);
  return h.fake.waitFor(
    () => {
      const sent = h.fake.sentTo(chat.id).slice(before);
      return sent.some((message) => message.text.includes(last)) ? sent : undefined;
    },
    15_000,
    `a reply containing ${last}`,
  );
}

const shortLast = "Antwoorden: letterlijke zinnen uit het artikel (extractief).";
const documents = extraDocuments + 2;

describe("the short form", () => {
  test("a user who is not a moderator gets version, size, what the corpus is about and how answers are made — nothing more", async () => {
    const [reply, ...more] = await send(privateChat(users.anna), users.anna, "/status", shortLast);
    expect(more).toEqual([]);
    const version = h.core.status().corpusVersion;
    expect(reply!.text).toMatch(
      new RegExp(`^Corpus v${version}, gebouwd \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: ${documents} documenten, \\d+ passages\\.\\n`),
    );
    expect(reply!.text).toContain(`Over: “${hostileTitle}”, “Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen”, “Havenbericht 0:`);
    expect(reply!.text).toContain(` en ${documents - 3} andere.`);
    expect(reply!.html).toMatch(/^<b>Corpus v\d+<\/b>, gebouwd/);
    // The hostile title is text, not markup: escaped in the HTML, shown literally.
    expect(reply!.html).toContain("&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;a href='https://evil.example'&gt;klik&lt;/a&gt; @everyone");
    for (const moderatorOnly of ["Documenten", "Embedder", "Laatste verversing", "Feedback", "Actief sinds", "volledige overzicht"]) {
      expect(reply!.text).not.toContain(moderatorOnly);
    }
  });

  test("in English for an English-speaking user, and the same for someone with the moderator's username but not their id", async () => {
    const [english] = await send(privateChat(users.bob), users.bob, "/status", "Answers:");
    expect(english!.text).toMatch(/^Corpus v\d+, built .* UTC: 42 documents, \d+ passages\.\nAbout: /);
    expect(english!.text).toContain("Answers: verbatim sentences from the article (extractive).");
    const [impostor] = await send(privateChat(users.impostor), users.impostor, "/status", shortLast);
    expect(impostor!.text).not.toContain("Documenten");
  });

  test("a moderator in a group gets the short form and is pointed to a private chat", async () => {
    const [reply] = await send(group, users.moderator, "/status", "privégesprek");
    expect(reply!.text).toContain(shortLast);
    expect(reply!.text).toMatch(
      /\n\nHet volledige overzicht \(documenten, laatste verversing, feedback\) krijg je als je mij \/status stuurt in een privégesprek\.$/,
    );
    expect(reply!.text).not.toContain("Laatste verversing\n");
  });
});

describe("the full form, for moderators in a private chat", () => {
  const moderatorChat = privateChat(users.moderator);

  test("lists every document with its source over several messages under 4096 characters, then calibration, last refresh, feedback and uptime", async () => {
    const messages = await send(moderatorChat, users.moderator, "/status", "Actief sinds");
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message.html.length).toBeLessThanOrEqual(4096);
    const text = messages.map((message) => message.text).join("\n");
    const version = h.core.status().corpusVersion;
    expect(text).toMatch(new RegExp(`^Corpus v${version}, gebouwd .* UTC: ${documents} documenten, \\d+ passages\\.\\n\\nDocumenten\\n1\\. “`));
    expect(messages[0]!.html).toContain("<b>Documenten</b>\n1. “&lt;b&gt;Vet&lt;/b&gt; &amp; &lt;a href=");
    expect(text).toMatch(/\n {3}0-vijandig\.md · 1 passage · bestand gewijzigd \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    expect(text).toMatch(
      /2\. “Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen” \(2022-10\)\n {3}2022-10-luchtafweer\.md · 4 passages · bestand gewijzigd /,
    );
    for (let index = 0; index < extraDocuments; index += 1) expect(text).toContain(`${index + 3}. “Havenbericht ${index}: een lange kop`);
    // Long titles and links are shortened so one document never outgrows a message.
    expect(text).toMatch(/ {3}https:\/\/nieuws\.example\/(rubriek\/)+[a-z]*… · 1 passage · /);
    expect(text).toContain("Antwoorden\nEmbedder: hashing-v2-512 (512 dimensies), woordkennis cldr.\nDrempel om te antwoorden: ");
    expect(text).toContain("Taalmodel: geen; antwoorden zijn letterlijke zinnen uit het artikel.");
    expect(text).toMatch(/Laatste verversing\n\d{4}-\d\d-\d\d \d\d:\d\d UTC · verversen door de bot zelf, bij het opstarten: gelukt, v0 → v1\./);
    expect(text).toContain("Feedback: nog geen 👍 of 👎.");
    expect(text).toMatch(/Actief sinds \d{4}-\d\d-\d\d \d\d:\d\d UTC \(\d+ min\)\.$/);
    expect(text).not.toContain("Automatisch verversen");
  });

  test("shows the moderator's own refresh and the feedback totals as they change", async () => {
    await send(moderatorChat, users.moderator, "/refresh", "geen wijzigingen");
    const [answer] = await send(privateChat(users.anna), users.anna, "Welk luchtafweersysteem levert Duitsland?", "Iris-T");
    const id = pressButton(
      h.fake,
      answer!,
      users.anna,
      buttonData(answer!).find((data) => data.startsWith("fb:down:"))!,
    );
    await h.fake.waitFor(() => h.fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === id));

    const text = (await send(moderatorChat, users.moderator, "/status", "Actief sinds")).map((message) => message.text).join("\n");
    const version = h.core.status().corpusVersion;
    expect(text).toMatch(
      new RegExp(`Laatste verversing\\n.* UTC · verversen door Telegram-gebruiker ${users.moderator.id}: geen wijzigingen, nog steeds v${version}\\.`),
    );
    expect(text).toContain("Feedback: 0 👍 en 1 👎 van 1 gebruiker; /feedback toont de 👎-antwoorden.");
  });
});
