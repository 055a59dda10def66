import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { FollowUpQueries } from "../../src/answer/follow-up-queries.js";
import { ConversationMemory } from "../../src/generative/conversation-memory.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";

let fixture: CoreFixture;
let core: Core;
beforeAll(async () => {
  fixture = await coreFixture();
  const memory = new ConversationMemory({ turns: 3, maxAgeMs: 15 * 60_000, conversations: 100 });
  core = await fixture.open(undefined, { rewriter: new FollowUpQueries(memory) });
});
afterAll(() => fixture.cleanup());

const inChat = (conversationId: string) => ({ platform: "test" as const, conversationId });

describe("follow-ups without a language model", () => {
  it("'en wanneer?' after a question about the German systems is answered about them", async () => {
    expect((await core.ask("en wanneer?", inChat("fresh"))).abstained).toBe(true);
    await core.ask("Welk luchtafweersysteem levert Duitsland?", inChat("a"));
    const when = await core.ask("en wanneer?", inChat("a"));
    expect(when.abstained).toBe(false);
    expect(when.citations[0]?.paragraph).toBe(3);
    expect(when.citations[0]?.sentence).toContain("binnen enkele dagen");
    expect(when.question).toBe("en wanneer?");
  });

  it("each conversation has its own previous turn; a standalone question is answered on its own", async () => {
    await core.ask("Welk luchtafweersysteem levert Duitsland?", inChat("b"));
    expect((await core.ask("en wanneer?", inChat("c"))).abstained).toBe(true);
    const standalone = await core.ask("Wat beschermt Nasams?", inChat("b"));
    expect(standalone.citations[0]?.paragraph).toBe(2);
  });

  it("without a conversation id (the CLI) every question stands alone", async () => {
    await core.ask("Welk luchtafweersysteem levert Duitsland?", { platform: "cli" });
    expect((await core.ask("en wanneer?", { platform: "cli" })).abstained).toBe(true);
  });
});
