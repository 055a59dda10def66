import { afterAll, describe, expect, it } from "vitest";
import { ConversationStore } from "../../src/generative/conversation-store.js";
import { createLogger } from "../../src/logging/logger.js";
import { SharedConversationTurns } from "../../src/shared-state/conversation-turns.js";
import { groundedAnswer, isRewriteCall, promptQuestion, startFakeOpenAi, type FakeLlmServer } from "../fakes/llm-servers.js";
import { openGenerativeCore, type GenerativeCore } from "../generative/generative-fixture.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

const bounds = { turns: 3, maxAgeMs: 60_000, conversations: 100 };

describe.skipIf(!postgresAvailable)("conversation memory in the shared database", () => {
  const db = useTestDatabase();
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  /** One replica's conversation memory, sharing its turns through its own connection pool. */
  const replica = (options: Partial<typeof bounds> & { url?: string; logs?: string[]; budgetMs?: number } = {}) => {
    const { url, logs, budgetMs, ...rest } = options;
    const logger = createLogger({ level: "debug", write: (line) => logs?.push(line) });
    // Unless a test is about the budget, one above the production one: a fresh pool's first query may be slow on a loaded machine.
    const store = new ConversationStore({ ...bounds, ...rest, budgetMs: budgetMs ?? 2000, logger });
    const database = db.open({ connectTimeoutMs: 1000, queryTimeoutMs: 2000, logger }, url);
    store.share(new SharedConversationTurns(database, { maxAgeMs: rest.maxAgeMs ?? bounds.maxAgeMs }));
    return store;
  };

  it("a turn heard by one replica, with its answer, is the conversation on another", async () => {
    const [a, b] = [replica(), replica()];
    await a.record("chat-1", { question: "Welk systeem levert Duitsland?", standalone: "Welk systeem levert Duitsland?" });
    await a.attachAnswer("chat-1", "Welk systeem levert Duitsland?", "Iris-T SLM.");
    expect(b.localSize).toBe(0);
    expect(await b.recent("chat-1")).toMatchObject([
      { question: "Welk systeem levert Duitsland?", standalone: "Welk systeem levert Duitsland?", answer: "Iris-T SLM." },
    ]);
    expect(await b.recent("chat-2")).toEqual([]);
    // B's follow-up lands after A's turn, and A sees it in turn.
    await b.record("chat-1", { question: "En wanneer?", standalone: "Wanneer levert Duitsland Iris-T?" });
    expect((await a.recent("chat-1")).map((turn) => turn.question)).toEqual(["Welk systeem levert Duitsland?", "En wanneer?"]);
  });

  it("keeps the newest turns per conversation, stores no conversation id, and forgets turns past the age limit", async () => {
    const store = replica({ turns: 2 });
    for (const question of ["een?", "twee?", "drie?"]) await store.record("telegram-4242", { question, standalone: question });
    expect((await replica({ turns: 2 }).recent("telegram-4242")).map((turn) => turn.question)).toEqual(["twee?", "drie?"]);
    const rows = await db.admin<{ conversation_hash: string }>("SELECT conversation_hash FROM conversation_turns WHERE question IN ('een?', 'twee?', 'drie?')");
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows[0]!.conversation_hash).not.toContain("4242");

    const shortLived = replica({ maxAgeMs: 300 });
    await shortLived.record("kort", { question: "vluchtig?", standalone: "vluchtig?" });
    expect(await shortLived.recent("kort")).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
    expect(await replica({ maxAgeMs: 300 }).recent("kort")).toEqual([]);
    const turns = new SharedConversationTurns(db.open(), { maxAgeMs: 300 });
    expect(await turns.prune()).toBeGreaterThanOrEqual(1);
    expect((await db.admin("SELECT 1 FROM conversation_turns WHERE question = 'vluchtig?'")).rowCount).toBe(0);
  });

  it("a database that stops answering costs at most the time budget: this process's memory answers, one line when it goes and one when it is back", async () => {
    const proxy = await TcpProxy.start(Number(new URL(db.url).port));
    cleanups.push(() => proxy.close());
    const logs: string[] = [];
    const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
    const store = new ConversationStore({ ...bounds, logger });
    const turns = new SharedConversationTurns(db.open({ connectTimeoutMs: 1000, queryTimeoutMs: 2000, logger }, proxy.through(db.url)), { maxAgeMs: 60_000 });
    // The first turn with a generous budget (a fresh pool connects first), then the budget under test.
    store.share(turns, 5000);
    await store.record("chat-9", { question: "Wie?", standalone: "Wie?" });
    store.share(turns, 150);
    proxy.blackhole();
    const started = Date.now();
    await store.record("chat-9", { question: "En waar?", standalone: "Waar?" });
    const recent = await store.recent("chat-9");
    await store.attachAnswer("chat-9", "En waar?", "In Kyiv.");
    expect(Date.now() - started).toBeLessThan(3 * 150 + 300);
    expect(recent.map((turn) => turn.question)).toEqual(["Wie?", "En waar?"]);
    expect(logs.filter((line) => line.includes("shared turns unavailable"))).toHaveLength(1);

    // The stuck connections are dropped, the link heals: the shared turns answer again.
    proxy.refuse();
    proxy.forward();
    await expectEventually(async () => (await store.recent("chat-9")).length === 1, "shared turns answering again");
    expect(logs.filter((line) => line.includes("shared turns answer again"))).toHaveLength(1);
    expect(logs.filter((line) => line.includes("shared turns unavailable"))).toHaveLength(1);
  });

  describe("through the generative core", () => {
    let server: FakeLlmServer;
    const fixtures: CoreFixture[] = [];
    const cores: GenerativeCore[] = [];
    afterAll(async () => {
      await Promise.all(cores.map(({ core }) => core.close()));
      await Promise.all(fixtures.map((fixture) => fixture.cleanup()));
      await server?.close();
    });

    /** A replica: its own DATA_DIR and core, the conversation memory shared through the database. */
    const open = async () => {
      const fixture = await coreFixture();
      fixtures.push(fixture);
      const generative = await openGenerativeCore(fixture, server);
      // A budget above the production one: a fresh pool's first query (connect, authenticate) may take longer on a loaded test machine.
      generative.parts.memory.share(new SharedConversationTurns(db.open(), { maxAgeMs: 60_000 }), 2000);
      cores.push(generative);
      return generative;
    };

    it("a follow-up asked on replica B is made standalone from the question replica A answered", async () => {
      server = await startFakeOpenAi();
      const [a, b] = [await open(), await open()];
      const chat = { platform: "test", conversationId: "discord-channel-77" } as const;
      const germany = "Welk luchtafweersysteem levert Duitsland?";
      server.script(groundedAnswer("Duitsland levert Iris-T SLM-luchtafweersystemen.", ["Iris-T SLM-luchtafweersystemen"]));
      expect((await a.core.ask(germany, chat)).mode).toBe("generative");

      const standalone = "Wanneer levert Duitsland de Iris-T SLM-luchtafweersystemen?";
      server.script({ json: { standalone, dutch: standalone } }, groundedAnswer("Binnen enkele dagen.", ["Iris-T SLM-luchtafweersystemen"]));
      const followUp = await b.core.ask("En wanneer?", chat);
      expect(followUp).toMatchObject({ mode: "generative", text: "Binnen enkele dagen.", abstained: false });
      const rewrite = server.calls.find(isRewriteCall);
      expect(rewrite?.user).toContain(`User: ${germany}`);
      expect(rewrite?.user).toContain("Bot: Duitsland levert Iris-T SLM-luchtafweersystemen.");
      expect(promptQuestion(rewrite!)).toBe("En wanneer?");
    });
  });
});

async function expectEventually(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
