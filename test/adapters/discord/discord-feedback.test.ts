import { appendFile, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackRecord } from "../../../src/feedback/feedback-store.js";
import { buttonClick, permissions, slashCommand, user, type FakeUser } from "../../fakes/discord-payloads.js";
import type { RecordedRequest } from "../../fakes/discord-server.js";
import { askSlash, inGuild, interact, startHarness, type Harness } from "./discord-harness.js";

/** `/feedback` and the 👍/👎 buttons through the real discord.js client, the real core and the fake Discord. */
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

const moderator = user("moderator");

/** The newest message the bot sent with a button of this custom id (what a click on it carries). */
function messageWith(customId: string): Record<string, unknown> {
  const messages = [...harness.fake.messages.values()].reverse();
  const found = messages.find((message) => buttonIds(message as Parameters<typeof buttonIds>[0]).includes(customId));
  if (!found) throw new Error(`no message with a ${customId} button`);
  return found;
}

/** `/feedback` (optionally `pagina:`) and the private reply that replaces the deferral. */
async function feedback(
  who: FakeUser,
  page?: number,
  extra: { permissions?: string; roles?: string[]; locale?: string } = { permissions: permissions.manager },
) {
  const interaction = slashCommand("feedback", {}, inGuild(harness, { user: who, ...extra }));
  if (page !== undefined) (interaction.payload.data as { options: unknown[] }).options.push({ name: "pagina", type: 4, value: page });
  const callback = await interact(harness, interaction);
  if (callback.body.type !== 5) return { interaction, callback, edit: undefined };
  const edit = await harness.fake.waitForRequest(
    (request) => request.method === "PATCH" && request.path.endsWith(`/${interaction.token}/messages/@original`) && request.status === 200,
  );
  return { interaction, callback, edit };
}

function buttonIds(body: { components?: Array<{ components: Array<{ custom_id?: string }> }> }): string[] {
  return (body.components ?? []).flatMap((row) => row.components.map((button) => button.custom_id ?? ""));
}

async function click(customId: string, message: Record<string, unknown>, who: FakeUser, extra: { permissions?: string } = {}): Promise<RecordedRequest> {
  return interact(harness, buttonClick(customId, message, inGuild(harness, { user: who, ...extra })));
}

describe("votes from Discord", () => {
  it("50 clicks on 👎 by one user are one vote; a changed click replaces it", async () => {
    const fan = user("fan");
    const first = await askSlash(harness, "Welk luchtafweersysteem levert Duitsland?", { user: fan });
    const down = buttonIds(first.edit.body).find((id) => id.startsWith("fb:down:"))!;
    const message = messageWith(down);
    for (let count = 0; count < 50; count += 1) expect((await click(down, message, fan)).body.data.content).toContain("Bedankt");

    const doubter = user("twijfelaar");
    const second = await askSlash(harness, "Wie won het WK voetbal in 2022?", { user: doubter });
    const ids = buttonIds(second.edit.body);
    await click(ids[0]!, messageWith(ids[0]!), doubter);
    await click(ids[1]!, messageWith(ids[1]!), doubter);

    const lines = (await readFile(path.join(harness.dataDir, "feedback.jsonl"), "utf8")).trim().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as FeedbackRecord).rating)).toEqual(["down", "up", "down"]);
  });

  it("a moderator's /feedback is private and shows counts per version and the latest 👎 answers", async () => {
    const { callback, edit } = await feedback(moderator);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const content = String(edit!.body.content);
    const version = harness.core.status().corpusVersion;
    expect(content).toContain("Feedback: 0 👍 en 2 👎 van 2 gebruikers");
    expect(content).toContain(`**Per corpusversie:**\n• v${version}: 0 👍, 2 👎`);
    expect(content).toMatch(
      /\*\*1\. “Wie won het WK voetbal in 2022\?”\*\*\nAntwoord: .*\nGeciteerd: niets \(de bot gaf geen antwoord\)\n.* UTC · discord · corpus v\d+ · 👎 1 · 👍 0/,
    );
    expect(content).toMatch(
      /\*\*2\. “Welk luchtafweersysteem levert Duitsland\?”\*\*\nAntwoord: Volgens het artikel \(alinea 3\):.*\nGeciteerd: alinea 3 van 2022-10-luchtafweer/,
    );
    expect(edit!.body.components).toEqual([]);
    expect(edit!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("a member with the moderator role may use it, in English for an English client", async () => {
    const { edit } = await feedback(user("rolhouder"), undefined, { roles: [harness.fake.guild.moderatorRoleId], locale: "en-US" });
    expect(String(edit!.body.content)).toContain("Feedback: 0 👍 and 2 👎 from 2 users");
  });
});

describe("refusals", () => {
  it("a member without Manage Server or the role gets the NOT_ALLOWED text, privately, and no report", async () => {
    const { callback, edit } = await feedback(user("nieuwsgierig"), undefined, { permissions: permissions.member });
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toBe("Sorry, alleen moderators mogen dat doen.");
    expect(edit).toBeUndefined();
  });

  it("is registered for servers only, hidden from members without Manage Server", () => {
    const put = harness.fake.find((request) => request.method === "PUT" && request.path.endsWith("/commands"))[0]!;
    const definition = (put.body as Array<Record<string, unknown>>).find((command) => command.name === "feedback");
    expect(definition).toMatchObject({ default_member_permissions: "32", contexts: [0] });
  });
});

describe("paging", () => {
  it("splits a long report into pages of at most 2000 characters with ‹ / › buttons and pagina:", async () => {
    const records: FeedbackRecord[] = Array.from({ length: 60 }, (_, index) => ({
      at: new Date(Date.UTC(2026, 10, 30, 12, index)).toISOString(),
      platform: "discord",
      userHash: `hash-${index}`,
      rating: "down",
      question: `Vraag ${index}: **vet** @everyone ${"lange vraag ".repeat(20)}`,
      answer: `Volgens het artikel (alinea 2): ${"lang antwoord ".repeat(30)}`,
      passageIds: ["2022-10-luchtafweer#abc"],
      corpusVersion: 1,
      abstained: false,
      answerId: `seed${index}`,
      paragraphs: [2],
      language: "nl",
    }));
    await appendFile(path.join(harness.dataDir, "feedback.jsonl"), records.map((record) => JSON.stringify(record) + "\n").join(""));

    const { edit } = await feedback(moderator);
    const content = String(edit!.body.content);
    expect(content.length).toBeLessThanOrEqual(2000);
    const pages = Number(/Pagina 1\/(\d+)$/.exec(content)?.[1]);
    expect(pages).toBeGreaterThan(2);
    // User text is escaped: no bold, no ping.
    expect(content).toContain("Vraag 59: \\*\\*vet\\*\\* @everyone");
    expect(buttonIds(edit!.body)).toEqual(["fbpage:2"]);

    const report = messageWith("fbpage:2");
    const next = await click("fbpage:2", report, moderator, { permissions: permissions.manager });
    expect(next.body.type).toBe(7);
    expect(String(next.body.data.content)).toMatch(new RegExp(`Pagina 2/${pages}$`));
    expect(String(next.body.data.content).length).toBeLessThanOrEqual(2000);
    expect(buttonIds(next.body.data)).toEqual(["fbpage:1", "fbpage:3"]);

    const last = await feedback(moderator, pages);
    expect(String(last.edit!.body.content)).toMatch(new RegExp(`50\\. “Vraag 10:[\\s\\S]*Pagina ${pages}/${pages}$`));
    expect(buttonIds(last.edit!.body)).toEqual([`fbpage:${pages - 1}`]);

    const refused = await click("fbpage:2", report, user("meelezer"), { permissions: permissions.member });
    expect(refused.body).toMatchObject({ type: 4, data: { content: "Sorry, alleen moderators mogen dat doen.", flags: 64 } });
  });
});
