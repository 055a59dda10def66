import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { maxUploadBytes } from "../../../adapters/shared/download-upload.js";
import type { Core } from "../../../src/app/nieuwsbot-core.js";
import { SourceError } from "../../../src/port/errors.js";
import type { NieuwsbotCore, RefreshRequest } from "../../../src/port/types.js";
import type { FakeChat, FakeFileOptions, FakeUser } from "../../fakes/telegram-bot-api.js";
import { shippedCorpus } from "../../helpers/core-fixture.js";
import { group, privateChat, settle, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/**
 * Moderator-side limits of `/refresh` on Telegram, through the real grammY bot and the fake Bot API
 * (which refuses any text over 4096 characters and any HTML Telegram would not parse).
 */
let corpusDir: string;
let h: Harness | undefined;
beforeEach(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-tg-limits-"));
  await cp(shippedCorpus, corpusDir, { recursive: true });
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await rm(corpusDir, { recursive: true, force: true });
});

const moderatorEnv = { TELEGRAM_MODERATOR_IDS: String(users.moderator.id) };

/** A link far longer than one message, with characters that need escaping. */
const longUrl = `https://nieuws.example/artikel?bron=a&b=<c>&pad=${"lang-pad-".repeat(700)}einde`;

/** A core whose refresh fails on `longUrl` after `delayMs`, reporting progress first (so a progress message can appear). */
function failingWithLongUrl(delayMs: number): (core: Core) => NieuwsbotCore {
  return (core) => ({
    ask: (question, context) => core.ask(question, context),
    status: () => core.status(),
    fullStatus: () => core.fullStatus(),
    refresh: async (request: RefreshRequest) => {
      request.onProgress?.({ phase: "fetching", done: 0, total: 1 });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      throw new SourceError("SOURCE_UNREACHABLE", "unreachable", longUrl);
    },
    close: () => core.close(),
  });
}

/** Visible text of what a chat shows now (edits included), in order. */
function chatTexts(harness: Harness, chat: FakeChat): string[] {
  return harness.fake.sentTo(chat.id).map((message) => message.text);
}

function documentUpdate(harness: Harness, chat: FakeChat, from: FakeUser, content: string, caption: string, file: FakeFileOptions & { name?: string } = {}) {
  const fileId = harness.fake.addFile(new TextEncoder().encode(content), file);
  const message = {
    message_id: harness.fake.newMessageId(),
    date: Math.floor(Date.now() / 1000),
    chat,
    from,
    document: { file_id: fileId, file_unique_id: fileId, file_name: file.name ?? "brug.md", file_size: file.declaredSize ?? content.length },
    caption,
    caption_entities: [{ type: "bot_command", offset: 0, length: caption.split(" ")[0]!.length }],
  };
  harness.fake.pushUpdate({ message });
  return fileId;
}

const article = "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.";

describe("long /refresh replies on Telegram", () => {
  test("a failure reason longer than 4096 characters arrives whole, split over several messages", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv, wrapCore: failingWithLongUrl(0) });
    const chat = privateChat(users.moderator);
    textMessage(h.fake, chat, users.moderator, `/refresh ${longUrl}`);
    const messages = await h.fake.waitForMessages(chat.id, 2, 0, 15_000);
    await settle(300);
    expect(h.fake.sentTo(chat.id)).toHaveLength(messages.length);
    for (const message of messages) {
      expect(message.html.length).toBeLessThanOrEqual(4096);
      expect(message.params.reply_parameters).toMatchObject({ allow_sending_without_reply: true });
    }
    const text = chatTexts(h, chat).join("");
    expect(text).toMatch(/^De website is niet bereikbaar\. \(/);
    expect(text).toContain(longUrl);
    expect(text).toMatch(/Er is niets veranderd; de vorige versie blijft in gebruik\.$/);
    expect(h.fake.calls.filter((call) => !call.ok && call.method !== "getUpdates")).toEqual([]);
  });

  test("after a progress message, its first part replaces the progress and the rest follows", async () => {
    // The handler shows progress only after 2 s; this refresh takes 2.6 s.
    h = await startHarness({ corpusDir, env: moderatorEnv, wrapCore: failingWithLongUrl(2600) });
    const chat = privateChat(users.moderator);
    textMessage(h.fake, chat, users.moderator, `/refresh ${longUrl}`);
    const [progress] = await h.fake.waitForMessages(chat.id, 1, 0, 15_000);
    expect(progress!.text).toBe("Bezig: bronnen ophalen 0 % (0/1)");
    const messages = await h.fake.waitForMessages(chat.id, 2, 0, 15_000);
    await settle(300);
    expect(h.fake.callsOf("editMessageText").filter((call) => call.ok)).toHaveLength(1);
    expect(messages[0]!.message_id).toBe(progress!.message_id);
    const text = chatTexts(h, chat).join("");
    expect(text.startsWith("Bezig")).toBe(false);
    expect(text).toContain(longUrl);
    expect(text).toMatch(/Er is niets veranderd; de vorige versie blijft in gebruik\.$/);
    expect(h.fake.calls.filter((call) => !call.ok && call.method !== "getUpdates")).toEqual([]);
  });
});

describe("uploads that lie about their size", () => {
  test("a 50 MB file declared as 1 kB is refused after reading just past the limit; nothing changes", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const chat = privateChat(users.moderator);
    const served = 50 * 1024 * 1024;
    const fileId = documentUpdate(h, chat, users.moderator, article, "/refresh", { name: "groot.md", declaredSize: 1000, servedBytes: served });
    const [reply] = await h.fake.waitForMessages(chat.id, 1, 0, 15_000);
    expect(reply!.text).toBe("De pagina of het bestand is te groot. (groot.md) Er is niets veranderd; de vorige versie blijft in gebruik.");
    expect(h.fake.downloads).toEqual([fileId]);
    // The limit plus what socket buffers hold: far from the 50 MB the server would have sent.
    const read = await h.fake.waitFor(() => h!.fake.bytesServed.get(fileId), 5000, "the download to start");
    await settle(300);
    expect(read).toBeGreaterThan(maxUploadBytes);
    expect(h.fake.bytesServed.get(fileId)).toBeLessThan(16 * 1024 * 1024);
    expect(h.core.status().corpusVersion).toBe(1);
    expect(await readdir(corpusDir)).not.toContain("groot.md");
  });

  test("a file that is as small as it says is still added", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const chat = privateChat(users.moderator);
    documentUpdate(h, chat, users.moderator, article, "/refresh");
    const [reply] = await h.fake.waitForMessages(chat.id, 1, 0, 15_000);
    const final = reply!.text.startsWith("Bezig")
      ? await h.fake.waitFor(() => h!.fake.sentTo(chat.id).find((message) => !message.text.startsWith("Bezig"))?.text, 15_000, "the result")
      : reply!.text;
    expect(final).toMatch(/^Corpus v2: 2 documenten \(1 nieuw\), 5 passages — 1 nieuw/);
  });
});

describe("a document's /refresh caption", () => {
  test("/refresh@some_other_bot is another bot's command: nothing is downloaded, answered or refreshed", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    documentUpdate(h, group, users.moderator, article, "/refresh@some_other_bot");
    documentUpdate(h, group, users.moderator, article, "/refresh@NieuwsTestBotNot rollback");
    await settle(800);
    expect(h.fake.sentTo(group.id)).toEqual([]);
    expect(h.fake.downloads).toEqual([]);
    expect(h.core.status().corpusVersion).toBe(1);
  });

  test("/refresh@<this bot>, in any case, is this bot's refresh", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const fileId = documentUpdate(h, group, users.moderator, article, "/REFRESH@nieuwstestbot");
    await h.fake.waitForMessages(group.id, 1, 0, 15_000);
    expect(h.fake.downloads).toEqual([fileId]);
    await h.fake.waitFor(() => h!.fake.sentTo(group.id).some((message) => message.text.startsWith("Corpus v2")), 15_000, "the refresh result");
    expect(await readdir(corpusDir)).toContain("brug.md");
  });
});
