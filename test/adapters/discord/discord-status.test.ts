import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissions, slashCommand, snowflake, user, type FakeUser } from "../../fakes/discord-payloads.js";
import type { RecordedRequest } from "../../fakes/discord-server.js";
import { inGuild, interact, repoRoot, startHarness, type Harness } from "./discord-harness.js";

/**
 * `/status` through the real discord.js client, the real core and the fake Discord: private
 * always; the short form for members, the full form for moderators (Manage Server or the
 * moderator role) — over a corpus with a hostile title and more documents than one message holds.
 */
let harness: Harness;

const hostileTitle = "**nep** @everyone <@&123456789012345678> `code` [klik](https://evil.example)";
const extraDocuments = 12;

beforeAll(async () => {
  const corpus: Record<string, string> = {
    "2022-10-luchtafweer.md": await readFile(path.join(repoRoot, "corpus", "2022-10-luchtafweer.md"), "utf8"),
    "0-vijandig.md": `---\ntitle: ${JSON.stringify(hostileTitle)}\n---\nDe haven van Antwerpen krijgt een nieuwe sluis.\n`,
  };
  for (let index = 0; index < extraDocuments; index += 1) {
    const title = `Havenbericht ${index}: ${"een lange kop over schepen en sluizen ".repeat(6)}`;
    corpus[`haven-${String(index).padStart(2, "0")}.md`] =
      `---\ntitle: ${JSON.stringify(title)}\nsource: https://nieuws.example/${"rubriek/".repeat(30)}${index}\n---\nBericht ${index} over de haven.\n`;
  }
  harness = await startHarness({ corpus });
});

afterAll(async () => {
  await harness?.stop();
});

const documents = extraDocuments + 2;

/** The first response to `/status`. */
function status(who: FakeUser, extra: { permissions?: string; roles?: string[]; locale?: string } = {}) {
  const interaction = slashCommand("status", {}, inGuild(harness, { user: who, ...extra }));
  return { interaction, callback: interact(harness, interaction) };
}

/** Every message of a deferred reply, in order: the edited original, then the follow-ups, up to the one holding `last`. */
async function deferredMessages(token: string, last: string): Promise<RecordedRequest[]> {
  const mine = (request: RecordedRequest) =>
    (request.method === "PATCH" && request.path.endsWith(`/${token}/messages/@original`)) ||
    (request.method === "POST" && request.path.endsWith(`/webhooks/${harness.fake.applicationId}/${token}`));
  await harness.fake.waitForRequest((request) => mine(request) && String(request.body.content).includes(last), 15_000);
  return harness.fake.find(mine);
}

describe("the short form", () => {
  it("a member gets it privately: version, size, what the corpus is about, how answers are made — escaped, and nobody pinged", async () => {
    const callback = await status(user("lezer")).callback;
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    const content = String(callback.body.data.content);
    const version = harness.core.status().corpusVersion;
    expect(content).toMatch(
      new RegExp(`^\\*\\*Corpus v${version}\\*\\*, gebouwd \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC: ${documents} documenten, \\d+ passages\\.\\n`),
    );
    expect(content).toContain("Over: “\\*\\*nep\\*\\* @everyone <@&123456789012345678> \\`code\\` \\[klik](https://evil.example)”, “Luchtafweer voor Oekraïne");
    expect(content).toContain(` en ${documents - 3} andere.\nAntwoorden: letterlijke zinnen uit het artikel (extractief).`);
    expect(callback.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    for (const moderatorOnly of ["Documenten", "Embedder", "Laatste verversing", "Feedback", "Actief sinds"]) expect(content).not.toContain(moderatorOnly);
  });

  it("in English for an English client, and in a DM (where nobody is a moderator)", async () => {
    const english = await status(user("reader"), { locale: "en-US" }).callback;
    expect(english.body.data.content).toMatch(/^\*\*Corpus v\d+\*\*, built .* UTC: 14 documents, \d+ passages\.\nAbout: /);
    expect(english.body.data.content).toContain("Answers: verbatim sentences from the article (extractive).");
    const dm = slashCommand("status", {}, { applicationId: harness.fake.applicationId, user: user("dm-status"), dmChannelId: snowflake() });
    const reply = await interact(harness, dm);
    expect(reply.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply.body.data.content).not.toContain("Documenten");
  });
});

describe("the full form, for moderators", () => {
  it("Manage Server: deferred privately, every document over several messages of at most 2000 characters, then calibration, last refresh, feedback, uptime", async () => {
    const { interaction, callback } = status(user("beheerder"), { permissions: permissions.manager });
    expect((await callback).body).toMatchObject({ type: 5, data: { flags: 64 } });
    const messages = await deferredMessages(interaction.token, "Actief sinds");
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(String(message.body.content).length).toBeLessThanOrEqual(2000);
      expect(message.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
    // Follow-ups are private too (the edited original is, since the deferral was).
    for (const followUp of messages.slice(1)) expect(followUp.body.flags & 64).toBe(64);
    const content = messages.map((message) => String(message.body.content)).join("\n");
    expect(content).toMatch(/^\*\*Corpus v\d+\*\*, gebouwd .* UTC: 14 documenten, \d+ passages\.\n\n\*\*Documenten\*\*\n1\\\. “\\\*\\\*nep\\\*\\\* @everyone/);
    expect(content).toMatch(/\n {3}0-vijandig\.md · 1 passage · bestand gewijzigd \d{4}-\d\d-\d\d \d\d:\d\d UTC\n/);
    for (let index = 0; index < extraDocuments; index += 1) expect(content).toContain(`${index + 3}\\. “Havenbericht ${index}: een lange kop`);
    expect(content).toContain("**Antwoorden**\nEmbedder: hashing-v2-512 (512 dimensies), woordkennis cldr.");
    expect(content).toMatch(/\*\*Laatste verversing\*\*\n.* UTC · verversen door de bot zelf, bij het opstarten: gelukt, v0 → v1\./);
    expect(content).toContain("Feedback: nog geen 👍 of 👎.");
    expect(content).toMatch(/Actief sinds .* UTC \(\d+ min\)\.$/);
  });

  it("the moderator role: in English, with the role holder's refresh as the last one", async () => {
    const roleHolder = user("rolhouder");
    const refresh = slashCommand("refresh", {}, inGuild(harness, { user: roleHolder, roles: [harness.fake.guild.moderatorRoleId] }));
    await interact(harness, refresh);
    await harness.fake.waitForRequest((request) => request.path.includes(refresh.token) && String(request.body.content).includes("geen wijzigingen"), 15_000);

    const { interaction, callback } = status(roleHolder, { roles: [harness.fake.guild.moderatorRoleId], locale: "en-GB" });
    expect((await callback).body.type).toBe(5);
    const content = (await deferredMessages(interaction.token, "Running since")).map((message) => String(message.body.content)).join("\n");
    const version = harness.core.status().corpusVersion;
    expect(content).toMatch(new RegExp(`\\*\\*Last refresh\\*\\*\\n.* UTC · refresh by Discord user ${roleHolder.id}: no changes, still v${version}\\.`));
    expect(content).toContain("**Documents**");
  });
});
