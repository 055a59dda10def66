import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageCreate, snowflake, user } from "../../fakes/discord-payloads.js";
import type { RecordedRequest } from "../../fakes/discord-server.js";
import { eventually, pause, startHarness, type Harness } from "./discord-harness.js";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

/** The bot's reply to message `id` (a channel message referencing it). */
function replyTo(id: string): (request: RecordedRequest) => boolean {
  return (request) => request.method === "POST" && /^\/channels\/\d+\/messages$/.test(request.path) && request.body?.message_reference?.message_id === id;
}

describe("Discord mentions, DMs and follow-ups", () => {
  it("answers a message that mentions the bot, as a reply, with the typing indicator first", async () => {
    const { fake } = harness;
    const message = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: `<@${fake.bot.id}> Welk luchtafweersysteem levert Duitsland?`,
      mentions: [fake.bot],
    });
    fake.dispatch("MESSAGE_CREATE", message);
    const reply = await fake.waitForRequest(replyTo(message.id as string));
    const typing = fake.find((request) => request.path === `/channels/${fake.guild.channelId}/typing`);
    expect(typing.length).toBeGreaterThan(0);
    expect(typing[0]!.at).toBeLessThanOrEqual(reply.at);
    expect(reply.path).toBe(`/channels/${fake.guild.channelId}/messages`);
    expect(reply.body.embeds[0].description).toContain("Iris-T");
    expect(reply.body.embeds[0].footer.text).toContain("alinea 3");
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("answers a mention of the bot's managed role too", async () => {
    const { fake } = harness;
    const message = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: `<@&${fake.guild.botRoleId}> Welk luchtafweersysteem levert Duitsland?`,
      mentionRoles: [fake.guild.botRoleId],
    });
    fake.dispatch("MESSAGE_CREATE", message);
    const reply = await fake.waitForRequest(replyTo(message.id as string));
    expect(reply.body.embeds[0].description).toContain("Iris-T");
  });

  it("ignores messages that do not mention the bot, including @everyone and bots", async () => {
    const { fake } = harness;
    const plain = messageCreate({ author: harness.asker, guild: fake.guild, content: "Welk luchtafweersysteem levert Duitsland?" });
    const everyone = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: "@everyone welk luchtafweersysteem levert Duitsland?",
      mentionEveryone: true,
    });
    const otherBot = messageCreate({ author: user("anderebot", { bot: true }), guild: fake.guild, content: `<@${fake.bot.id}> hallo`, mentions: [fake.bot] });
    const before = fake.requests.length;
    for (const message of [plain, everyone, otherBot]) fake.dispatch("MESSAGE_CREATE", message);
    await pause(400);
    expect(fake.requests.slice(before)).toEqual([]);
  });

  it("answers any DM (channel_type 1) and abstains when the article has no answer", async () => {
    const { fake } = harness;
    const dmChannelId = snowflake();
    const message = messageCreate({ author: user("dm-lezer"), dmChannelId, content: "Wie won het WK voetbal in 2022?" });
    fake.dispatch("MESSAGE_CREATE", message);
    const reply = await fake.waitForRequest(replyTo(message.id as string));
    expect(reply.path).toBe(`/channels/${dmChannelId}/messages`);
    expect(reply.body.embeds[0].description).toContain("geen antwoord");
    expect(fake.find((request) => request.path === `/channels/${dmChannelId}/typing`).length).toBeGreaterThan(0);
  });

  it("treats a reply to the bot's answer as a follow-up question", async () => {
    const { fake } = harness;
    const first = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: `<@${fake.bot.id}> Wie won het WK voetbal in 2022?`,
      mentions: [fake.bot],
    });
    fake.dispatch("MESSAGE_CREATE", first);
    const answer = await fake.waitForRequest(replyTo(first.id as string));
    const answerMessage = [...fake.messages.values()].find(
      (message) => (message.message_reference as { message_id?: string } | undefined)?.message_id === first.id,
    )!;
    expect(answer.status).toBe(200);
    // Replies without a ping: the bot is not in `mentions`, only the referenced message's author.
    const followUp = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: "En welk luchtafweersysteem levert Duitsland?",
      replyTo: answerMessage,
    });
    fake.dispatch("MESSAGE_CREATE", followUp);
    const reply = await fake.waitForRequest(replyTo(followUp.id as string));
    expect(reply.body.embeds[0].description).toContain("Iris-T");
  });

  it("does not ping anyone when replying to a question full of mentions", async () => {
    const { fake } = harness;
    const message = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: `<@${fake.bot.id}> @everyone @here **welk** luchtafweersysteem levert Duitsland?`,
      mentions: [fake.bot],
      mentionEveryone: true,
    });
    fake.dispatch("MESSAGE_CREATE", message);
    const reply = await fake.waitForRequest(replyTo(message.id as string));
    expect(reply.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("resumes after the gateway drops the connection and still answers", async () => {
    const { fake } = harness;
    const connectionsBefore = fake.gateway.connections;
    fake.gateway.drop({ code: 4000 });
    await eventually(() => fake.gateway.resumes.length > 0 && fake.gateway.connected, "a RESUME");
    expect(fake.gateway.connections).toBe(connectionsBefore + 1);
    expect(fake.gateway.identifies).toHaveLength(1);
    expect(fake.gateway.resumes[0]!.session_id).toBeTruthy();
    const message = messageCreate({
      author: harness.asker,
      guild: fake.guild,
      content: `<@${fake.bot.id}> Welk luchtafweersysteem levert Duitsland?`,
      mentions: [fake.bot],
    });
    fake.dispatch("MESSAGE_CREATE", message);
    const reply = await fake.waitForRequest(replyTo(message.id as string));
    expect(reply.body.embeds[0].description).toContain("Iris-T");
  });

  it("replays an event sent while the connection was down (terminated without a close frame)", async () => {
    const { fake } = harness;
    const resumesBefore = fake.gateway.resumes.length;
    fake.gateway.drop({ terminate: true });
    const message = messageCreate({ author: user("dm-2"), dmChannelId: snowflake(), content: "Welk luchtafweersysteem levert Duitsland?" });
    fake.dispatch("MESSAGE_CREATE", message);
    const reply = await fake.waitForRequest(replyTo(message.id as string), 10_000);
    expect(fake.gateway.resumes.length).toBe(resumesBefore + 1);
    expect(reply.body.embeds[0].description).toContain("Iris-T");
  });

  it("stops cleanly: the client closes the gateway with 1000 and is no longer ready", async () => {
    await harness.running.stop();
    expect(harness.running.client.isReady()).toBe(false);
    await eventually(() => harness.fake.gateway.clientCloses.includes(1000), "a normal close from the client");
  });
});
