import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { startNewsSite, type NewsSite } from "../../fakes/news-site.js";
import { shippedCorpus } from "../../helpers/core-fixture.js";
import type { FakeUser, SentMessage } from "../../fakes/telegram-bot-api.js";
import { privateChat, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/**
 * `/refresh` with arguments and uploads through the real grammY bot and the fake Bot API. Each test
 * works on its own copy of the corpus, because refreshes write into the corpus folder.
 */
let corpusDir: string;
let site: NewsSite;
let h: Harness | undefined;
beforeEach(async () => {
  corpusDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-tg-corpus-"));
  await cp(shippedCorpus, corpusDir, { recursive: true });
  site = await startNewsSite();
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
  await site.close();
  await rm(corpusDir, { recursive: true, force: true });
});

const moderatorEnv = { TELEGRAM_MODERATOR_IDS: String(users.moderator.id) };

/**
 * The final text of a refresh reply: on a slow (loaded) machine the first message is progress
 * ("Bezig: …") and the result arrives as an edit of that message.
 */
async function settled(harness: Harness, reply: SentMessage): Promise<{ text: string; html: string }> {
  if (!reply.text.startsWith("Bezig")) return reply;
  const edit = await harness.fake.waitFor(
    () =>
      harness.fake
        .callsOf("editMessageText")
        .find((call) => call.ok && call.params.message_id === reply.message_id && !String(call.params.text).startsWith("Bezig")),
    15_000,
    "the refresh result",
  );
  return { text: String(edit.params.text), html: String(edit.params.text) };
}

async function command(harness: Harness, from: FakeUser, text: string) {
  const chat = privateChat(from);
  const before = harness.fake.sentTo(chat.id).length;
  textMessage(harness.fake, chat, from, text);
  const [reply] = await harness.fake.waitForMessages(chat.id, 1, before, 15_000);
  return settled(harness, reply!);
}

function documentMessage(harness: Harness, name: string, content: string, caption = "/refresh") {
  const fileId = harness.fake.addFile(new TextEncoder().encode(content));
  return {
    document: { file_id: fileId, file_unique_id: fileId, file_name: name, file_size: content.length },
    caption,
    caption_entities: [{ type: "bot_command", offset: 0, length: caption.split(" ")[0]!.length }],
  };
}

async function sendDocument(harness: Harness, from: FakeUser, name: string, content: string) {
  const chat = privateChat(from);
  const before = harness.fake.sentTo(chat.id).length;
  const message = { message_id: harness.fake.newMessageId(), date: Math.floor(Date.now() / 1000), chat, from, ...documentMessage(harness, name, content) };
  harness.fake.pushUpdate({ message });
  const [reply] = await harness.fake.waitForMessages(chat.id, 1, before, 15_000);
  return settled(harness, reply!);
}

describe("/refresh with arguments on Telegram", () => {
  test("rollback goes back one version and reports it", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    await writeFile(path.join(corpusDir, "brug.md"), "De nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.");
    await command(h, users.moderator, "/refresh");
    expect(h.core.status().corpusVersion).toBe(2);
    const reply = await command(h, users.moderator, "/refresh rollback");
    expect(reply.text).toMatch(/^Teruggezet naar corpus v1: 1 document \(1 verwijderd\), 4 passages — 0 nieuw, 0 gewijzigd, 4 ongewijzigd, 1 verwijderd/);
    expect(h.core.status().corpusVersion).toBe(1);
  });

  test("a refresh with nothing to change says so and makes no version", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const reply = await command(h, users.moderator, "/refresh");
    expect(reply.text).toMatch(/^Corpus: geen wijzigingen; nog steeds v1 \(1 document, 4 passages, \d+ ms\)$/);
    expect(h.core.status().corpusVersion).toBe(1);
  });

  test("a .md document sent with /refresh as caption is added to the corpus and answerable", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const reply = await sendDocument(
      h,
      users.moderator,
      "brug.md",
      "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.",
    );
    expect(reply.text).toMatch(/^Corpus v2: 2 documenten \(1 nieuw\), 5 passages — 1 nieuw, 0 gewijzigd, 4 ongewijzigd, 0 verwijderd; 1 embedding berekend/);
    expect(await readdir(corpusDir)).toContain("brug.md");
    const answer = await command(h, users.moderator, "Wanneer gaat de brug bij Nijmegen open voor fietsers?");
    expect(answer.html).toContain("maart");
  });

  test("a non-moderator's upload is refused and never downloaded", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const reply = await sendDocument(h, users.anna, "brug.md", "Tekst over een brug in Nijmegen die in maart opengaat.");
    expect(reply.text).toBe("Sorry, alleen moderators mogen dat doen.");
    expect(h.fake.downloads).toEqual([]);
    expect(h.core.status().corpusVersion).toBe(1);
  });

  test("a URL on a private address is refused in plain words; nothing changes", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    const reply = await command(h, users.moderator, `/refresh ${site.url}/artikel/mijnenjagers`);
    expect(reply.text).toContain("intern of lokaal adres");
    expect(reply.text).toContain("Er is niets veranderd");
    expect(site.requests).toEqual([]);
    expect(h.core.status().corpusVersion).toBe(1);
  });

  test("a URL is fetched and added when private networks are allowed (tests only)", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv, coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true" } });
    const reply = await command(h, users.moderator, `/refresh ${site.url}/artikel/mijnenjagers`);
    expect(reply.text).toMatch(/^Corpus v2: 2 documenten/);
    const answer = await command(h, users.moderator, "Hoeveel mijnenjagers stuurt Defensie naar de Oostzee?");
    expect(answer.html).toContain("twee extra mijnenjagers");
  });

  test.each(["file:///etc/passwd", "gopher://example.org/1", "ftp://example.org/artikel.txt"])(
    "/refresh %s says the argument is not an http(s) link instead of refreshing",
    async (url) => {
      h = await startHarness({ corpusDir, env: moderatorEnv, coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true" } });
      await writeFile(path.join(corpusDir, "brug.md"), "De nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.");
      const reply = await command(h, users.moderator, `/refresh ${url}`);
      expect(reply.text).toContain("Dat is geen geldige http- of https-link");
      expect(reply.text).toContain("Er is niets veranderd");
      // Not even the pending change in the folder was taken in: nothing ran.
      expect(h.core.status().corpusVersion).toBe(1);
    },
  );

  test("a URL with a user name and password is refused without repeating them", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv, coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true" } });
    const url = `${site.url.replace("http://", "http://redacteur:geheim@")}/artikel/mijnenjagers`;
    const reply = await command(h, users.moderator, `/refresh ${url}`);
    expect(reply.text).toContain("Dat is geen geldige http- of https-link");
    expect(reply.text).toContain("http://***@127.0.0.1");
    expect(reply.text).not.toMatch(/geheim|redacteur/);
    expect(site.requests).toEqual([]);
  });

  test("a document named sources.txt is refused and the URL list is left alone", async () => {
    h = await startHarness({ corpusDir, env: moderatorEnv });
    await writeFile(path.join(corpusDir, "sources.txt"), "# geen links\n");
    const reply = await sendDocument(h, users.moderator, "sources.txt", "https://example.org/iets-anders\n");
    expect(reply.text).toContain("Die bestandsnaam is gereserveerd");
    expect(await readFile(path.join(corpusDir, "sources.txt"), "utf8")).toBe("# geen links\n");
    expect(h.core.status().corpusVersion).toBe(1);
  });
});
