import { describe, expect, it } from "vitest";
import { UserInputError } from "../../../src/port/errors.js";
import type { Answer, AskContext, NieuwsbotCore } from "../../../src/port/types.js";
import { FeedbackStore } from "../../../src/feedback/feedback-store.js";
import { createLogger } from "../../../src/logging/logger.js";
import { askFlow } from "../../../adapters/shared/ask-flow.js";
import { QuestionRateLimiter } from "../../../adapters/shared/rate-limiter.js";
import { requireModerator } from "../../../adapters/shared/moderator-only.js";
import { errorReply } from "../../../adapters/shared/user-error-reply.js";

const answer: Answer = {
  text: "Volgens het artikel (alinea 3): Duitsland levert Iris-T.",
  abstained: false,
  language: "nl",
  citations: [],
  corpusVersion: 1,
  mode: "extractive",
  question: "Welk systeem levert Duitsland?",
};

/** A core that answers, or fails the way `fail` says, and records what it was asked. */
function fakeCore(fail?: (question: string) => Error | undefined): NieuwsbotCore & { asked: Array<{ question: string; context: AskContext }> } {
  const asked: Array<{ question: string; context: AskContext }> = [];
  return {
    asked,
    ask: async (question, context) => {
      asked.push({ question, context });
      const error = fail?.(question);
      if (error) throw error;
      return answer;
    },
    status: () => {
      throw new Error("not used");
    },
    fullStatus: () => Promise.reject(new Error("not used")),
    refresh: () => Promise.reject(new Error("not used")),
    close: async () => undefined,
  };
}

function recordingLogger(): { logger: ReturnType<typeof createLogger>; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: "debug", write: (line) => lines.push(line) }), lines };
}

const request = { question: "Welk systeem levert Duitsland?", platform: "telegram" as const, userId: "7", conversationId: "chat-1", languageHint: "nl" };

describe("askFlow", () => {
  it("answers with a feedback token that finds the answer again, passing the context to the core", async () => {
    const core = fakeCore();
    const feedback = new FeedbackStore("/nonexistent-never-written");
    const { logger } = recordingLogger();
    const outcome = await askFlow({ core, logger, feedback }, request);
    expect(outcome.kind).toBe("answered");
    if (outcome.kind !== "answered") return;
    expect(outcome.answer).toBe(answer);
    expect(outcome.token).toMatch(/^[\w-]{10}$/);
    expect(await feedback.lookup(outcome.token)).toBe(answer);
    expect(core.asked).toEqual([{ question: request.question, context: { platform: "telegram", userId: "7", conversationId: "chat-1", languageHint: "nl" } }]);
  });

  it("makes no token without a feedback store (console, CLI)", async () => {
    const outcome = await askFlow({ core: fakeCore(), logger: recordingLogger().logger }, { question: "Wat?", platform: "cli" });
    expect(outcome).toMatchObject({ kind: "answered", token: undefined });
  });

  it("turns a spent rate limit into RATE_LIMITED with the user's text, before the core or the typing indicator", async () => {
    const core = fakeCore();
    const limiter = new QuestionRateLimiter(1, 60);
    const { logger, lines } = recordingLogger();
    let working = 0;
    const hooks = { startWorking: () => void (working += 1) };
    expect((await askFlow({ core, logger, limiter }, request, hooks)).kind).toBe("answered");
    const limited = await askFlow({ core, logger, limiter }, request, hooks);
    expect(limited).toMatchObject({ kind: "refused", code: "RATE_LIMITED" });
    if (limited.kind !== "refused") return;
    expect(limited.text).toMatch(/^Even rustig aan: je stelt veel vragen tegelijk\. Probeer het over \d+ seconden opnieuw\.$/);
    expect(core.asked).toHaveLength(1);
    expect(working).toBe(1);
    expect(lines.some((line) => line.includes("question rate-limited"))).toBe(true);
    // Another user has a budget of their own.
    expect((await askFlow({ core, logger, limiter }, { ...request, userId: "8" })).kind).toBe("answered");
  });

  it("words a refusal in the question's language", async () => {
    const core = fakeCore(() => new UserInputError("QUESTION_TOO_LONG", "too long", { max: 500 }));
    const outcome = await askFlow({ core, logger: recordingLogger().logger }, { question: "Which system is Germany sending and why?", platform: "discord" });
    expect(outcome).toEqual({ kind: "refused", code: "QUESTION_TOO_LONG", text: "That question is too long. Please keep it under 500 characters." });
  });

  it("answers any other core error with the generic apology, logs it, and stops the typing indicator", async () => {
    const failure = new Error("boom: simulated core failure");
    const core = fakeCore(() => failure);
    const { logger, lines } = recordingLogger();
    const events: string[] = [];
    const outcome = await askFlow({ core, logger }, request, {
      startWorking: () => {
        events.push("start");
        return () => void events.push("stop");
      },
    });
    expect(outcome).toEqual({ kind: "failed", error: failure, text: "Er ging iets mis bij het beantwoorden. Probeer het later nog eens." });
    expect(events).toEqual(["start", "stop"]);
    expect(lines.some((line) => line.includes("ERROR") && line.includes("simulated core failure"))).toBe(true);
  });
});

describe("the one error mapping", () => {
  it("maps every user error code to its text, and anything else to the apology without a code", () => {
    expect(errorReply(new UserInputError("EMPTY_QUESTION", "x"), "en").text).toMatch(/^Ask a question about the article/);
    expect(errorReply(new UserInputError("RATE_LIMITED", "x", { retryAfterSeconds: 9 }), "en").text).toContain("9 seconds");
    expect(errorReply(new UserInputError("NOT_ALLOWED", "x"), "nl")).toEqual({ text: "Sorry, alleen moderators mogen dat doen.", code: "NOT_ALLOWED" });
    expect(errorReply(new TypeError("bug"), "en")).toEqual({ text: "Something went wrong while answering. Please try again later." });
  });

  it("throws NOT_ALLOWED from the moderator check", () => {
    expect(() => requireModerator(true, "/refresh")).not.toThrow();
    expect(() => requireModerator(false, "/refresh")).toThrow(expect.objectContaining({ code: "NOT_ALLOWED" }));
  });
});
