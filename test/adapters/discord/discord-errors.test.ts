import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../../src/app/nieuwsbot-core.js";
import type { NieuwsbotCore } from "../../../src/port/types.js";
import { messageCreate, slashCommand, snowflake, user } from "../../fakes/discord-payloads.js";
import { askSlash, eventually, inGuild, interact, requestsFor, startHarness, type Harness } from "./discord-harness.js";

/** A core that fails on questions about "ontploffen", like a bug or an outage would. */
function failingOn(core: Core): NieuwsbotCore {
  return {
    ask: (question, context) => (/ontplof/i.test(question) ? Promise.reject(new Error("boom: simulated core failure")) : core.ask(question, context)),
    status: () => core.status(),
    fullStatus: () => core.fullStatus(),
    refresh: (request) => core.refresh(request),
    close: () => core.close(),
  };
}

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ wrapCore: failingOn });
});

afterAll(async () => {
  await harness?.stop();
});

describe("Discord handler errors", () => {
  it("a failing /ask gets a private apology, is logged, and the bot keeps answering", async () => {
    const interaction = slashCommand("ask", { vraag: "Wat ontploft er?" }, inGuild(harness));
    const callback = await interact(harness, interaction);
    expect(callback.body.type).toBe(5);
    const apology = await harness.fake.waitForRequest((request) => request.method === "POST" && request.path.endsWith(`/${interaction.token}`));
    expect(apology.body.flags & 64).toBe(64);
    expect(apology.body.content).toContain("Er ging iets mis");
    await eventually(() => requestsFor(harness, interaction).some((request) => request.method === "DELETE"), "the public placeholder removed");
    expect(harness.logs.some((line) => line.includes("ERROR") && line.includes("simulated core failure"))).toBe(true);
    const { edit } = await askSlash(harness, "Welk luchtafweersysteem levert Duitsland?", { user: user("daarna") });
    expect(edit.body.embeds[0].description).toContain("Iris-T");
  });

  it("a failing DM question gets an apology reply and the next one is answered", async () => {
    const dmChannelId = snowflake();
    const asker = user("dm-fout");
    const failing = messageCreate({ author: asker, dmChannelId, content: "Wat ontploft er?" });
    harness.fake.dispatch("MESSAGE_CREATE", failing);
    const apology = await harness.fake.waitForRequest((request) => request.body?.message_reference?.message_id === failing.id);
    expect(apology.body.content).toContain("Er ging iets mis");
    expect(apology.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const next = messageCreate({ author: asker, dmChannelId, content: "Welk luchtafweersysteem levert Duitsland?" });
    harness.fake.dispatch("MESSAGE_CREATE", next);
    const reply = await harness.fake.waitForRequest((request) => request.body?.message_reference?.message_id === next.id);
    expect(reply.body.embeds[0].description).toContain("Iris-T");
  });

  it("an unknown command is acknowledged privately instead of timing out", async () => {
    const callback = await interact(harness, slashCommand("bestaatniet", {}, inGuild(harness)));
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    expect(callback.body.data.content).toContain("/help");
  });
});
