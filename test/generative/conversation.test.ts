import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "../../src/util/circuit-breaker.js";
import { ConversationMemory } from "../../src/generative/conversation-memory.js";
import { looksLikeFollowUp } from "../../src/generative/follow-up.js";

describe("ConversationMemory", () => {
  const make = (overrides: Partial<{ turns: number; maxAgeMs: number; conversations: number }> = {}) => {
    let now = 0;
    const memory = new ConversationMemory({ turns: 2, maxAgeMs: 60_000, conversations: 2, ...overrides, now: () => now });
    return { memory, advance: (ms: number) => (now += ms) };
  };

  it("keeps the last few turns per conversation, with the answer attached", () => {
    const { memory } = make();
    for (const question of ["een", "twee", "drie"]) memory.record("c", { question, standalone: question.toUpperCase() });
    memory.attachAnswer("c", "drie", "antwoord ".repeat(100));
    const turns = memory.recent("c");
    expect(turns.map((turn) => turn.question)).toEqual(["twee", "drie"]);
    expect(turns[1]!.answer!.length).toBeLessThanOrEqual(400);
    expect(memory.standaloneFor("c", "drie")).toBe("DRIE");
    expect(memory.standaloneFor("c", "twee")).toBeUndefined();
  });

  it("forgets turns older than the maximum age", () => {
    const { memory, advance } = make();
    memory.record("c", { question: "oud", standalone: "oud" });
    advance(30_000);
    memory.record("c", { question: "nieuw", standalone: "nieuw" });
    advance(40_000);
    expect(memory.recent("c").map((turn) => turn.question)).toEqual(["nieuw"]);
    advance(30_000);
    expect(memory.recent("c")).toEqual([]);
    expect(memory.size).toBe(0);
  });

  it("forgets the least recently used conversation beyond the limit", () => {
    const { memory } = make();
    memory.record("a", { question: "a", standalone: "a" });
    memory.record("b", { question: "b", standalone: "b" });
    memory.recent("a"); // a is now more recent than b
    memory.record("c", { question: "c", standalone: "c" });
    expect(memory.size).toBe(2);
    expect(memory.recent("b")).toEqual([]);
    expect(memory.recent("a")).toHaveLength(1);
  });

  it("remembers nothing with zero turns", () => {
    const { memory } = make({ turns: 0 });
    memory.record("a", { question: "a", standalone: "a" });
    expect(memory.size).toBe(0);
  });
});

describe("looksLikeFollowUp", () => {
  it("recognises short questions, continuations and pointers back", () => {
    for (const question of [
      "En wanneer?",
      "Waarom?",
      "And when?",
      "Maar hoeveel systemen levert Duitsland?",
      "What about Germany and its air defence?",
      "Wat zei hij daarover tegen Biden?",
      "Did they deliver them already?",
    ]) {
      expect(looksLikeFollowUp(question), question).toBe(true);
    }
  });

  it("leaves standalone questions alone", () => {
    for (const question of [
      "Welk luchtafweersysteem levert Duitsland?",
      "Wat is het Nasams-systeem precies?",
      "Hoeveel batterijen heeft Washington geleverd?",
      "Which air defence system is Germany sending?",
    ]) {
      expect(looksLikeFollowUp(question), question).toBe(false);
    }
  });
});

describe("CircuitBreaker", () => {
  it("opens for the cool-down after a failure and closes on success", () => {
    let now = 0;
    const breaker = new CircuitBreaker(1000, () => now);
    breaker.recordFailure();
    expect(breaker.isOpen()).toBe(true);
    now = 1001;
    expect(breaker.isOpen()).toBe(false);
    breaker.recordFailure();
    breaker.recordSuccess();
    expect(breaker.isOpen()).toBe(false);
    const never = new CircuitBreaker(0, () => now);
    never.recordFailure();
    expect(never.isOpen()).toBe(false);
  });

  it("with allow: skips for the cool-down, then lets one probe through at a time; a success closes it", () => {
    let now = 0;
    const breaker = new CircuitBreaker(1000, () => now);
    expect([breaker.allow(), breaker.allow()]).toEqual([true, true]);
    breaker.recordFailure();
    expect(breaker.allow()).toBe(false);
    now = 1000;
    // The probe, and no other call while it is out.
    expect([breaker.allow(), breaker.allow()]).toEqual([true, false]);
    breaker.recordFailure();
    now = 1999;
    expect(breaker.allow()).toBe(false);
    now = 2000;
    expect(breaker.allow()).toBe(true);
    // A probe whose result never comes frees its place after another cool-down.
    now = 2999;
    expect(breaker.allow()).toBe(false);
    now = 3000;
    expect(breaker.allow()).toBe(true);
    breaker.recordSuccess();
    expect([breaker.allow(), breaker.allow()]).toEqual([true, true]);
  });
});
