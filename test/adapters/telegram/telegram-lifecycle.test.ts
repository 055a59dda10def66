import { describe, expect, test } from "vitest";
import { startTelegram } from "../../../adapters/telegram/start-telegram.js";
import { RefreshError } from "../../../src/port/errors.js";
import type { NieuwsbotCore } from "../../../src/port/types.js";
import { FeedbackStore } from "../../../src/feedback/feedback-store.js";
import { createLogger, silentLogger } from "../../../src/logging/logger.js";
import { FakeTelegramBotApi } from "../../fakes/telegram-bot-api.js";
import { closedPort } from "../../helpers/closed-port.js";
import { privateChat, settle, startHarness, testToken, textMessage, users } from "./telegram-harness.js";

/** Resources that keep a process alive, by type (sockets, servers, timers). */
function liveResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

describe("long polling lifecycle", () => {
  test("asks getMe, and stop() ends polling, waits for the answer in flight and leaves no handles behind", async () => {
    const before = liveResources();
    const h = await startHarness({ realGetMe: true });
    try {
      expect(h.fake.callsOf("getMe")).toHaveLength(1);
      await h.fake.waitFor(() => h.fake.pendingPolls === 1, 5000, "a held poll");

      // An answer whose delivery is delayed by a 429 (retry after 1 s) is in flight when stop() is called.
      const chat = privateChat(users.anna);
      h.fake.failNext("sendMessage", 1, 429, 1);
      const { updateId } = textMessage(h.fake, chat, users.anna, "Welk luchtafweersysteem levert Duitsland?");
      await h.fake.waitFor(() => h.fake.callsOf("sendMessage").some((call) => call.errorCode === 429), 5000, "the first (refused) reply");
      await h.adapter.stop();
      expect(h.fake.sentTo(chat.id)).toHaveLength(1); // delivered before stop() resolved
      expect(h.fake.confirmedOffset).toBeLessThanOrEqual(updateId + 1);

      await h.fake.waitFor(() => h.fake.pendingPolls === 0, 2000, "the poll to be abandoned");
      const polls = h.fake.callsOf("getUpdates").length;
      textMessage(h.fake, chat, users.anna, "Nog een vraag na het stoppen?");
      await settle(500);
      expect(h.fake.callsOf("getUpdates")).toHaveLength(polls);
      expect(h.fake.sentTo(chat.id)).toHaveLength(1);
    } finally {
      await h.stop();
    }
    await settle(50); // closed sockets are released on the next turn of the event loop
    const after = liveResources();
    for (const type of ["TCPSocketWrap", "TCPServerWrap", "Timeout"]) expect(after[type] ?? 0, type).toBeLessThanOrEqual(before[type] ?? 0);
  });

  test("a token Telegram rejects fails start-up, without the token in the error", async () => {
    const fake = await FakeTelegramBotApi.start({ token: testToken });
    const otherToken = "987654321:AAOtherTokenThatTheFakeDoesNotKnow_xyz";
    try {
      const deps = {
        core: {
          ask: () => Promise.reject(new Error("unused")),
          status: () => {
            throw new Error("unused");
          },
          fullStatus: () => Promise.reject(new Error("unused")),
          refresh: () => Promise.reject(new Error("unused")),
          close: async () => {},
        },
        feedback: new FeedbackStore("/nonexistent"),
        logger: silentLogger,
        limits: { questionsPerWindow: 5, windowSeconds: 60, maxQuestionLength: 500 },
      };
      const error = await startTelegram(deps, { TELEGRAM_BOT_TOKEN: otherToken, TELEGRAM_API_ROOT: fake.url }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(String((error as Error).message)).toContain("401");
      expect(String((error as Error).message)).not.toContain(otherToken.split(":")[1]!);
    } finally {
      await fake.close();
    }
  });
});

describe("webhook mode", () => {
  test("registers the webhook with its secret, answers authentic updates and refuses others", async () => {
    const port = await closedPort();
    const hookUrl = `http://127.0.0.1:${port}/telegram/hook`;
    const h = await startHarness({
      env: { TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_WEBHOOK_SECRET: "test-secret_1", TELEGRAM_WEBHOOK_PORT: String(port), TELEGRAM_WEBHOOK_HOST: "127.0.0.1" },
    });
    try {
      const [registered] = h.fake.callsOf("setWebhook");
      expect(registered?.params).toMatchObject({ url: hookUrl, secret_token: "test-secret_1", allowed_updates: ["message", "callback_query"] });
      expect(h.fake.callsOf("getUpdates")).toHaveLength(0);

      const chat = privateChat(users.anna);
      const update = (text: string) => ({
        update_id: 1,
        message: { message_id: h.fake.newMessageId(), date: Math.floor(Date.now() / 1000), chat, from: users.anna, text },
      });
      const post = (body: string, secret?: string, target = hookUrl) =>
        fetch(target, {
          method: "POST",
          headers: { "content-type": "application/json", ...(secret ? { "x-telegram-bot-api-secret-token": secret } : {}) },
          body,
        });

      const forged = await post(JSON.stringify(update("Welk luchtafweersysteem levert Duitsland?")), "wrong-secret");
      expect(forged.status).toBe(401);
      expect((await post(JSON.stringify(update("Welk luchtafweersysteem levert Duitsland?")))).status).toBe(401);
      expect((await fetch(hookUrl)).status).toBe(404);
      expect((await post("{}", "test-secret_1", `http://127.0.0.1:${port}/elsewhere`)).status).toBe(404);
      expect((await post("not json", "test-secret_1")).status).toBe(400);

      const authentic = await post(JSON.stringify(update("Welk luchtafweersysteem levert Duitsland?")), "test-secret_1");
      expect(authentic.status).toBe(200);
      const [reply] = await h.fake.waitForMessages(chat.id, 1);
      expect(reply!.html).toContain("<blockquote>");
      expect(reply!.html).toContain("Iris-T");
      expect(h.fake.sentTo(chat.id)).toHaveLength(1); // the forged posts produced nothing

      await h.adapter.stop();
      await expect(fetch(hookUrl, { method: "POST", body: "{}" })).rejects.toThrow();
    } finally {
      await h.stop();
    }
  });
});

const stubCalibration = {
  threshold: 0.3,
  overridden: false,
  lexicon: "cldr",
  nullQuestions: { version: 1, count: 100 },
  similarity: { mean: 0.07, sd: 0.04, p95: 0.14, max: 0.16 },
  nullRelevance: { p95: 0.25, max: 0.3 },
};

describe("core failures", () => {
  test("a refresh already running and an unexpected core error get friendly replies; the error is logged", async () => {
    const fake = await FakeTelegramBotApi.start({ token: testToken });
    const logLines: string[] = [];
    const status = {
      corpusVersion: 1,
      documents: 1,
      passages: 4,
      embedder: { id: "stub", dimensions: 1 },
      builtAt: "now",
      answerMode: "extractive" as const,
      calibration: stubCalibration,
      documentList: [],
      startedAt: "now",
    };
    const core: NieuwsbotCore = {
      ask: () => Promise.reject(new Error("index exploded")),
      status: () => status,
      fullStatus: () => Promise.resolve(status),
      refresh: () => Promise.reject(new RefreshError("REFRESH_RUNNING", "A refresh is already running.")),
      close: async () => {},
    };
    const adapter = await startTelegram(
      {
        core,
        feedback: new FeedbackStore("/nonexistent"),
        logger: createLogger({ level: "debug", write: (line) => logLines.push(line) }),
        limits: { questionsPerWindow: 5, windowSeconds: 60, maxQuestionLength: 500 },
      },
      { TELEGRAM_BOT_TOKEN: testToken, TELEGRAM_API_ROOT: fake.url, TELEGRAM_MODERATOR_IDS: String(users.moderator.id) },
      { botInfo: fake.getMe(), pollTimeoutSeconds: 5 },
    );
    try {
      const chat = privateChat(users.moderator);
      textMessage(fake, chat, users.moderator, "/refresh");
      const [running] = await fake.waitForMessages(chat.id, 1);
      expect(running!.text).toBe("Er loopt al een verversing; probeer het zo opnieuw.");
      textMessage(fake, chat, users.moderator, "Welk luchtafweersysteem levert Duitsland?");
      const [failed] = await fake.waitForMessages(chat.id, 1, 1);
      expect(failed!.text).toBe("Er ging iets mis bij het beantwoorden. Probeer het later nog eens.");
      expect(logLines.some((line) => line.includes("ERROR") && line.includes("index exploded"))).toBe(true);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});
