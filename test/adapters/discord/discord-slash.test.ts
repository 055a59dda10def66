import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonClick, permissions, slashCommand, snowflake, user } from "../../fakes/discord-payloads.js";
import { askSlash, eventually, inGuild, interact, requestsFor, startHarness, type Harness } from "./discord-harness.js";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ limits: { questionsPerWindow: 3, windowSeconds: 60 } });
});

afterAll(async () => {
  await harness?.stop();
});

describe("Discord slash commands against a fake Discord", () => {
  it("registers the commands to the configured guild at start-up", () => {
    const puts = harness.fake.find((request) => request.method === "PUT" && request.path.endsWith("/commands"));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`/applications/${harness.fake.applicationId}/guilds/${harness.fake.guild.id}/commands`);
    const names = (puts[0]!.body as Array<{ name: string }>).map((command) => command.name).sort();
    expect(names).toEqual(["ask", "feedback", "help", "refresh", "status"]);
    const refresh = (puts[0]!.body as Array<{ name: string; default_member_permissions?: string }>).find((command) => command.name === "refresh");
    expect(refresh?.default_member_permissions).toBe("32");
    expect(harness.running.commands).toMatchObject({ scope: "guild", changed: true });
  });

  it("logs the invite URL with both scopes and never the token", () => {
    const invite = harness.logs.find((line) => line.includes("oauth2/authorize"));
    expect(invite).toContain(`client_id=${harness.fake.applicationId}`);
    expect(invite).toContain("scope=bot+applications.commands");
    expect(harness.logs.join("\n")).not.toContain("token-for-tests");
  });

  it("/ask defers, then edits the original with the answer embed and the quoted paragraph 3", async () => {
    const { interaction, callback, edit } = await askSlash(harness, "Welk luchtafweersysteem levert Duitsland?");
    expect(callback.body).toMatchObject({ type: 5 });
    expect(callback.at).toBeLessThan(edit.at);
    const embed = edit.body.embeds[0];
    expect(embed.description).toContain("Iris-T");
    expect(embed.description).toMatch(/^> .*\*\*[^*]*Iris-T[^*]*\*\*/m);
    expect(embed.footer.text).toContain("alinea 3");
    expect(embed.footer.text).toContain("2022-10");
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const buttons = edit.body.components[0].components.map((button: { custom_id?: string }) => button.custom_id);
    expect(buttons[0]).toMatch(/^fb:up:/);
    expect(buttons[1]).toMatch(/^fb:down:/);
    // One deferral and one edit: nothing else was needed for a short answer.
    expect(requestsFor(harness, interaction)).toHaveLength(2);
  });

  it("/ask abstains on a question the article does not answer", async () => {
    const { edit } = await askSlash(harness, "Wie won het WK voetbal in 2022?");
    const embed = edit.body.embeds[0];
    expect(embed.description).toContain("geen antwoord");
    expect(embed.footer).toBeUndefined();
    expect(embed.description).not.toContain(">");
  });

  it("never pings: @everyone, @here, roles and users in a question go out with parse: []", async () => {
    const { edit } = await askSlash(
      harness,
      `@everyone @here <@&${harness.fake.guild.moderatorRoleId}> <@${harness.asker.id}> welk luchtafweersysteem levert Duitsland?`,
    );
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("/ask works in a DM (interaction with a user, no member) and /refresh is refused there", async () => {
    const dm = { applicationId: harness.fake.applicationId, user: user("dm-slash"), dmChannelId: snowflake() };
    const ask = slashCommand("ask", { vraag: "Welk luchtafweersysteem levert Duitsland?" }, dm);
    expect((await interact(harness, ask)).body.type).toBe(5);
    const edit = await harness.fake.waitForRequest((request) => request.method === "PATCH" && request.path.includes(ask.token));
    expect(edit.body.embeds[0].description).toContain("Iris-T");
    const before = harness.core.status().corpusVersion;
    const refresh = await interact(harness, slashCommand("refresh", {}, dm));
    expect(refresh.body.data.content).toContain("alleen moderators");
    expect(harness.core.status().corpusVersion).toBe(before);
  });

  it("/status and /help answer privately", async () => {
    const status = await interact(harness, slashCommand("status", {}, inGuild(harness)));
    expect(status.body.type).toBe(4);
    expect(status.body.data.flags & 64).toBe(64);
    expect(status.body.data.content).toMatch(/^\*\*Corpus v\d+\*\*, gebouwd .* UTC: 1 document, \d+ passages\./);
    expect(status.body.data.content).toContain("Antwoorden: letterlijke zinnen uit het artikel (extractief).");
    const help = await interact(harness, slashCommand("help", {}, inGuild(harness, { locale: "en-US" })));
    expect(help.body.data.content).toContain("/ask");
    expect(help.body.data.content).toContain("always quotes the Dutch passage");
  });

  it("/refresh is refused without Manage Server and nothing is rebuilt", async () => {
    const before = harness.core.status().corpusVersion;
    const refused = await interact(harness, slashCommand("refresh", {}, inGuild(harness, { permissions: permissions.member })));
    expect(refused.body.type).toBe(4);
    expect(refused.body.data.flags & 64).toBe(64);
    expect(refused.body.data.content).toContain("alleen moderators");
    expect(harness.core.status().corpusVersion).toBe(before);
  });

  it("/refresh runs with Manage Server and reports the new corpus version", async () => {
    const before = harness.core.status().corpusVersion;
    await writeFile(path.join(harness.corpusDir, "dijken.md"), "Een nieuwe alinea over de Afsluitdijk en de stijgende zeespiegel.");
    const interaction = slashCommand("refresh", {}, inGuild(harness, { permissions: permissions.manager }));
    const callback = await interact(harness, interaction);
    expect(callback.body).toMatchObject({ type: 5, data: { flags: 64 } });
    const edit = await harness.fake.waitForRequest((request) => request.method === "PATCH" && request.path.includes(interaction.token));
    expect(harness.core.status().corpusVersion).toBe(before + 1);
    expect(edit.body.content).toMatch(
      new RegExp(
        `^Corpus v${before + 1}: 2 documenten \\(1 nieuw\\), \\d+ passages — 1 nieuw, 0 gewijzigd, \\d+ ongewijzigd, 0 verwijderd; 1 embedding berekend \\(\\d+ ms\\)$`,
      ),
    );
  });

  it("/refresh runs for a member with a configured moderator role", async () => {
    const before = harness.core.status().corpusVersion;
    await writeFile(path.join(harness.corpusDir, "dijken.md"), "Een andere alinea over de Afsluitdijk en de stijgende zeespiegel.");
    const interaction = slashCommand("refresh", {}, inGuild(harness, { roles: [harness.fake.guild.moderatorRoleId] }));
    await interact(harness, interaction);
    await harness.fake.waitForRequest((request) => request.method === "PATCH" && request.path.includes(interaction.token));
    expect(harness.core.status().corpusVersion).toBe(before + 1);
  });

  it("👍 stores feedback in feedback.jsonl and acknowledges the click", async () => {
    const fan = user("fan");
    const { edit } = await askSlash(harness, "Welk luchtafweersysteem levert Duitsland?", { user: fan });
    const customId = edit.body.components[0].components[0].custom_id as string;
    const message = harness.fake.messages.get([...harness.fake.messages.keys()].pop()!)!;
    const click = buttonClick(customId, message, inGuild(harness, { user: fan }));
    const callback = await interact(harness, click);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toContain("Bedankt");
    const lines = (await readFile(path.join(harness.dataDir, "feedback.jsonl"), "utf8")).trim().split("\n");
    const record = JSON.parse(lines[lines.length - 1]!);
    expect(record).toMatchObject({ platform: "discord", rating: "up", question: "Welk luchtafweersysteem levert Duitsland?", abstained: false });
    expect(record.userHash).not.toContain(fan.id);
  });

  it("an expired or foreign button is still acknowledged", async () => {
    const message = [...harness.fake.messages.values()].pop()!;
    const stale = await interact(harness, buttonClick("fb:down:doesnotexist", message, inGuild(harness)));
    expect(stale.body.data.content).toContain("te oud");
    const foreign = await interact(harness, buttonClick("something-else", message, inGuild(harness)));
    expect(foreign.body.type).toBe(4);
  });

  it("a 429 on the edit is retried by discord.js and the answer still arrives", async () => {
    harness.fake.rateLimitNext("PATCH", /\/messages\/@original$/, 1, 0.3);
    const { interaction, edit } = await askSlash(harness, "Welk luchtafweersysteem levert Duitsland?", { user: user("geduldig") });
    const patches = requestsFor(harness, interaction).filter((request) => request.method === "PATCH");
    expect(patches.map((request) => request.status)).toEqual([429, 200]);
    expect(patches[1]!.at - patches[0]!.at).toBeGreaterThanOrEqual(250);
    expect(edit.body.embeds[0].description).toContain("Iris-T");
    expect(harness.logs.some((line) => line.includes("rate limit hit"))).toBe(true);
  });

  it("rate-limits a user with a friendly private reply, without asking the core", async () => {
    const hasty = user("haastig");
    for (let index = 0; index < 3; index += 1) await askSlash(harness, "Welk luchtafweersysteem levert Duitsland?", { user: hasty });
    const limited = await interact(harness, slashCommand("ask", { vraag: "Nog een vraag?" }, inGuild(harness, { user: hasty })));
    expect(limited.body.type).toBe(4);
    expect(limited.body.data.flags & 64).toBe(64);
    expect(limited.body.data.content).toMatch(/Even rustig aan.*\d+ seconden/);
  });

  it("a question with no words is answered privately, and the public placeholder removed", async () => {
    const interaction = slashCommand("ask", { vraag: "?!" }, inGuild(harness, { user: user("leeg") }));
    await interact(harness, interaction);
    const followUp = await harness.fake.waitForRequest(
      (request) => request.method === "POST" && request.path === `/webhooks/${harness.fake.applicationId}/${interaction.token}`,
    );
    expect(followUp.body.flags & 64).toBe(64);
    expect(followUp.body.content).toContain("Stel een vraag over het artikel");
    await eventually(() => requestsFor(harness, interaction).some((request) => request.method === "DELETE"), "placeholder deleted");
  });
});
