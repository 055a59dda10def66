import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { AdapterDeps, RunningAdapter } from "../../../adapters/shared/adapter.js";
import { startTelegram } from "../../../adapters/telegram/start-telegram.js";
import { loadCoreConfig } from "../../../src/config/core-config.js";
import { Core } from "../../../src/app/nieuwsbot-core.js";
import { FeedbackStore } from "../../../src/feedback/feedback-store.js";
import { silentLogger } from "../../../src/logging/logger.js";
import { HashingEmbedder } from "../../../embeddings/hashing-embeddings.js";
import { FakeTelegramBotApi } from "../../fakes/telegram-bot-api.js";
import { repoRoot } from "../../helpers/core-fixture.js";
import { closedPort } from "../../helpers/closed-port.js";
import { listenOnLoopback, roundRobin } from "../../helpers/round-robin.js";
import { privateChat, testToken } from "./telegram-harness.js";

/**
 * Telegram webhook mode scaled out: two workers (each its own core on one DATA_DIR, its own webhook
 * server) behind a round-robin HTTP load balancer on loopback. Every update reaches one worker and
 * gets exactly one reply; both workers take a share.
 */
describe("webhook mode with several workers behind a load balancer", () => {
  test("each update is answered once, by whichever worker received it", async () => {
    const fake = await FakeTelegramBotApi.start({ token: testToken });
    const dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-workers-"));
    const config = loadCoreConfig({
      DATA_DIR: dataDir,
      CORPUS_DIR: path.join(repoRoot, "corpus"),
      EMBEDDINGS_PROVIDER: "hashing",
      LOG_LEVEL: "silent",
      INDEX_WATCH_INTERVAL_MS: "0",
    });
    const cores: Core[] = [];
    const workers: RunningAdapter[] = [];
    const served: number[] = [];
    const workerPorts = [await closedPort(), await closedPort()];
    const balancer = roundRobin(workerPorts, served);
    const balancerPort = await listenOnLoopback(balancer);
    const hookUrl = `http://127.0.0.1:${balancerPort}/telegram/hook`;
    try {
      for (const port of workerPorts) {
        // The second core finds the index the first one built in the shared DATA_DIR.
        const core = await Core.open({ config, embedder: new HashingEmbedder(512) });
        cores.push(core);
        const deps: AdapterDeps = {
          core,
          feedback: new FeedbackStore(dataDir),
          logger: silentLogger,
          limits: { questionsPerWindow: 100, windowSeconds: 60, maxQuestionLength: config.maxQuestionLength },
        };
        const env = {
          TELEGRAM_BOT_TOKEN: testToken,
          TELEGRAM_API_ROOT: fake.url,
          TELEGRAM_WEBHOOK_URL: hookUrl,
          TELEGRAM_WEBHOOK_SECRET: "lb-secret",
          TELEGRAM_WEBHOOK_PORT: String(port),
          TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
        };
        workers.push(await startTelegram(deps, env, { botInfo: fake.getMe(), drainTimeoutMs: 5000 }));
      }
      // Both workers register the same public URL: Telegram keeps one webhook, and that is the balancer.
      expect(fake.callsOf("setWebhook").map((call) => call.params.url)).toEqual([hookUrl, hookUrl]);

      const chats = Array.from({ length: 24 }, (_, index) =>
        privateChat({ id: 7000 + index, is_bot: false, first_name: `Lezer ${index}`, language_code: "nl" }),
      );
      const statuses = await Promise.all(
        chats.map((chat, index) =>
          fetch(hookUrl, {
            method: "POST",
            headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "lb-secret" },
            body: JSON.stringify({
              update_id: 100 + index,
              message: {
                message_id: fake.newMessageId(),
                date: Math.floor(Date.now() / 1000),
                chat,
                from: { id: chat.id, is_bot: false, first_name: "x" },
                text: "Welk luchtafweersysteem levert Duitsland?",
              },
            }),
          }).then((response) => response.status),
        ),
      );
      expect(statuses.every((status) => status === 200)).toBe(true);
      for (const chat of chats) {
        const [reply] = await fake.waitForMessages(chat.id, 1);
        expect(reply!.html).toContain("Iris-T");
      }
      expect(chats.filter((chat) => fake.sentTo(chat.id).length !== 1)).toEqual([]);
      expect(served).toEqual([12, 12]);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
      await Promise.all(cores.map((core) => core.close()));
      await new Promise<void>((resolve) => balancer.close(() => resolve()));
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
