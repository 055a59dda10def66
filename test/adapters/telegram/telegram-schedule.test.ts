import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { articlePageHtml, startNewsSite, type NewsSite } from "../../fakes/news-site.js";
import type { FakeChat, FakeUser, SentMessage } from "../../fakes/telegram-bot-api.js";
import { shippedCorpus } from "../../helpers/core-fixture.js";
import { ManualClock } from "../../helpers/manual-clock.js";
import { privateChat, startHarness, textMessage, users, type Harness } from "./telegram-harness.js";

/**
 * The scheduled re-fetch of URL sources through the real grammY bot, the real core and the fake Bot
 * API: a correction the publisher makes reaches the answers with no moderator involved, a failing
 * publisher leaves them alone, and the moderator's `/status` shows each check. The schedule runs on
 * a manual clock; the news site is the fake one on loopback.
 */
let h: Harness;
let site: NewsSite;
let corpusDir: string;
const clock = new ManualClock();

beforeAll(async () => {
  site = await startNewsSite();
  corpusDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-tg-schedule-"));
  await cp(shippedCorpus, corpusDir, { recursive: true });
  await writeFile(path.join(corpusDir, "sources.txt"), `${site.url}${site.live.path}\n`);
  h = await startHarness({
    corpusDir,
    env: { TELEGRAM_MODERATOR_IDS: String(users.moderator.id) },
    coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true", REFRESH_INTERVAL_MINUTES: "15" },
    coreOptions: { schedule: { run: true, clock } },
  });
});

afterAll(async () => {
  await h?.stop();
  await site?.close();
  await rm(corpusDir, { recursive: true, force: true });
});

const question = "Vanuit welke haven vertrekken de mijnenjagers?";

/** Sends `text` and waits for the bot's reply that contains `expected`. */
async function send(chat: FakeChat, from: FakeUser, text: string, expected: string): Promise<SentMessage[]> {
  const before = h.fake.sentTo(chat.id).length;
  textMessage(h.fake, chat, from, text);
  return h.fake.waitFor(
    () => {
      const sent = h.fake.sentTo(chat.id).slice(before);
      return sent.some((message) => message.text.includes(expected)) ? sent : undefined;
    },
    15_000,
    `a reply containing ${expected}`,
  );
}

const replyText = (messages: SentMessage[]) => messages.map((message) => message.text).join("\n");

function corrected(harbour: string): string {
  return articlePageHtml("Nederland stuurt extra mijnenjagers naar de Oostzee", [
    "Het ministerie van Defensie stuurt volgende week twee extra mijnenjagers naar de Oostzee om de onderzeese infrastructuur te bewaken, zo maakte de minister donderdag bekend.",
    `De schepen vertrekken vanuit de marinehaven in ${harbour} en blijven naar verwachting zes maanden in het gebied, waar ze samenwerken met Duitse en Deense eenheden.`,
    "Aanleiding is de schade aan de gaspijpleidingen eind september, die volgens de NAVO het gevolg was van sabotage. Onderzoekers proberen nog altijd te achterhalen wie erachter zat.",
  ]);
}

describe("sources that keep themselves fresh, on Telegram", () => {
  test("the first check brings the article in; a correction by the publisher changes the answer; /status shows the check", async () => {
    const anna = privateChat(users.anna);
    await clock.advanceMinutes(15);
    expect(h.core.status().corpusVersion).toBe(2);
    expect(replyText(await send(anna, users.anna, question, "Den Helder"))).toContain("marinehaven in Den Helder");

    site.live.set(corrected("Vlissingen"));
    await clock.advanceMinutes(15);
    const after = replyText(await send(anna, users.anna, question, "Vlissingen"));
    expect(after).toContain("marinehaven in Vlissingen");
    expect(after).not.toContain("Den Helder");

    const status = replyText(await send(privateChat(users.moderator), users.moderator, "/status", "Laatste controle"));
    expect(status).toContain("Corpus v3");
    expect(status).toContain("Elke 15 minuten worden de links opnieuw opgehaald.");
    expect(status).toMatch(/Laatste controle [^\n]*: ververst naar v3\./);
  });

  test("a publisher that fails changes nothing the bot answers; /status says how many checks failed in a row", async () => {
    const anna = privateChat(users.anna);
    site.live.failWith(503);
    await clock.advanceMinutes(15);
    expect(h.core.status().schedule).toMatchObject({ consecutiveFailures: 1, lastCheck: { outcome: "failed" } });
    expect(replyText(await send(anna, users.anna, question, "Vlissingen"))).toContain("marinehaven in Vlissingen");

    const status = replyText(await send(privateChat(users.moderator), users.moderator, "/status", "Laatste controle"));
    expect(status).toContain("Corpus v3");
    expect(status).toMatch(/Laatste controle [^\n]*: mislukt \([^\n]*answered HTTP 503\.\)\./);
    expect(status).toContain("1 mislukte controle op rij");
    site.live.failWith(undefined);
  });
});
