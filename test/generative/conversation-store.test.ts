import { describe, expect, it } from "vitest";
import type { Turn } from "../../src/generative/conversation-memory.js";
import { ConversationStore, type SharedTurns } from "../../src/generative/conversation-store.js";
import { createLogger } from "../../src/logging/logger.js";
import { SharedStateError } from "../../src/port/errors.js";

/** Shared turns in memory whose next calls can be made to fail or hang. */
class FlakyTurns implements SharedTurns {
  readonly turns = new Map<string, Turn[]>();
  fault: "none" | "down" | "broken" | "hang" = "none";

  async recent(conversationId: string): Promise<Turn[]> {
    await this.check();
    return [...(this.turns.get(conversationId) ?? [])];
  }

  async record(conversationId: string, turn: Pick<Turn, "question" | "standalone">, keep: number): Promise<void> {
    await this.check();
    this.turns.set(conversationId, [...(this.turns.get(conversationId) ?? []), { ...turn, at: Date.now() }].slice(-keep));
  }

  async attachAnswer(conversationId: string, question: string, answer: string): Promise<void> {
    await this.check();
    const last = this.turns.get(conversationId)?.at(-1);
    if (last?.question === question) last.answer = answer;
  }

  private async check(): Promise<void> {
    if (this.fault === "down") throw new SharedStateError("DATABASE_UNAVAILABLE", "cannot be reached");
    if (this.fault === "broken") throw new Error('relation "conversation_turns" does not exist');
    if (this.fault === "hang") await new Promise(() => undefined);
  }
}

function open(budgetMs = 50) {
  const logs: string[] = [];
  const store = new ConversationStore({
    turns: 2,
    maxAgeMs: 60_000,
    conversations: 10,
    budgetMs,
    logger: createLogger({ level: "debug", write: (line) => logs.push(line) }),
  });
  const shared = new FlakyTurns();
  store.share(shared);
  return { store, shared, logs };
}

describe("ConversationStore", () => {
  it("without shared turns is this process's memory", async () => {
    const store = new ConversationStore({ turns: 2, maxAgeMs: 60_000, conversations: 10 });
    await store.record("c", { question: "Wie?", standalone: "Wie?" });
    await store.attachAnswer("c", "Wie?", "Zelenski.");
    expect(await store.recent("c")).toMatchObject([{ question: "Wie?", answer: "Zelenski." }]);
    expect(store.standaloneFor("c", "Wie?")).toBe("Wie?");
  });

  it("reads the shared turns first, so turns another replica recorded count", async () => {
    const { store, shared } = open();
    shared.turns.set("c", [{ question: "Elders gevraagd?", standalone: "Elders gevraagd?", answer: "Ja.", at: Date.now() }]);
    expect((await store.recent("c")).map((turn) => turn.question)).toEqual(["Elders gevraagd?"]);
    await store.record("c", { question: "En nu?", standalone: "Nu?" });
    expect(shared.turns.get("c")!.map((turn) => turn.question)).toEqual(["Elders gevraagd?", "En nu?"]);
  });

  it.each([
    ["hangs", "hang", 1],
    ["fails a statement", "broken", 1],
    ["is down (the database logs that itself)", "down", 0],
  ] as const)("when the shared store %s, the local memory answers within the budget; one line each way", async (_what, fault, lines) => {
    const { store, shared, logs } = open();
    await store.record("c", { question: "Wie?", standalone: "Wie?" });
    shared.fault = fault;
    const started = Date.now();
    await store.record("c", { question: "En waar?", standalone: "Waar?" });
    const recent = await store.recent("c");
    await store.attachAnswer("c", "En waar?", "In Kyiv.");
    expect(Date.now() - started).toBeLessThan(3 * 50 + 200);
    expect(recent.map((turn) => turn.question)).toEqual(["Wie?", "En waar?"]);
    expect(logs.filter((line) => line.includes("shared turns unavailable"))).toHaveLength(lines);
    shared.fault = "none";
    expect((await store.recent("c")).map((turn) => turn.question)).toEqual(["Wie?"]);
    await store.recent("c");
    expect(logs.filter((line) => line.includes("shared turns answer again"))).toHaveLength(lines);
  });
});
