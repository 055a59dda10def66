import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { AdapterDeps, RunningAdapter } from "../../adapters/shared/adapter.js";
import { adapterDeps, loadSharedAdapterEnv } from "../../adapters/shared/process-runtime.js";
import { startTelegram } from "../../adapters/telegram/start-telegram.js";
import type { App } from "../../src/app/bootstrap.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { createLogger } from "../../src/logging/logger.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { FakeTelegramBotApi, type FakeChat, type FakeUser, type SentMessage } from "../fakes/telegram-bot-api.js";
import { repoRoot } from "../helpers/core-fixture.js";
import { closedPort } from "../helpers/closed-port.js";
import { listenOnLoopback, roundRobin } from "../helpers/round-robin.js";
import type { TestDatabase } from "../helpers/postgres.js";
import type { SharedDatabase } from "../../src/shared-state/database.js";

/**
 * Telegram webhook workers on "different hosts": each its own DATA_DIR, core and webhook server,
 * wired by the production `adapterDeps` with `App.shared` on one database (shared rate limit, votes
 * in the database with their outbox), behind a round-robin load balancer on loopback.
 */
export const testToken = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl";
const secret = "lb-secret";

export interface Worker {
  deps: AdapterDeps;
  dataDir: string;
  logs: string[];
  core: Core;
  /** The worker's shared database (`App.shared`). */
  shared: SharedDatabase;
}

export interface Workers {
  fake: FakeTelegramBotApi;
  workers: Worker[];
  /** How many updates the balancer sent to each worker. */
  served: number[];
  /** A message from `from` in `chat`; resolves with the bot's reply to it. */
  ask(chat: FakeChat, from: FakeUser, text: string): Promise<SentMessage>;
  /** A button press on `on`; resolves with the text of the bot's answer to the press. */
  press(on: SentMessage, from: FakeUser, data: string): Promise<string>;
  stop(): Promise<void>;
}

export interface WorkersOptions {
  /** The database URL worker `index` uses (e.g. through a proxy); default the test database. */
  urlFor?: (index: number) => string;
}

/** `count` workers behind one balancer. */
export async function startWorkers(db: TestDatabase, count: number, options: WorkersOptions = {}): Promise<Workers> {
  const urlFor = options.urlFor ?? (() => db.url);
  const fake = await FakeTelegramBotApi.start({ token: testToken });
  const ports = await Promise.all(Array.from({ length: count }, () => closedPort()));
  const served: number[] = ports.map(() => 0);
  const balancer = roundRobin(ports, served);
  const hookUrl = `http://127.0.0.1:${await listenOnLoopback(balancer)}/telegram/hook`;
  const workers: Worker[] = [];
  const running: RunningAdapter[] = [];
  const stop = async () => {
    await Promise.all(running.map((adapter) => adapter.stop()));
    for (const worker of workers) {
      await worker.deps.feedback.close();
      await worker.core.close();
      await rm(path.dirname(worker.dataDir), { recursive: true, force: true });
    }
    await new Promise<void>((resolve) => balancer.close(() => resolve()));
    await fake.close();
  };
  try {
    for (const [index, port] of ports.entries()) {
      const worker = await openWorker(db, urlFor(index), index);
      workers.push(worker);
      const env = {
        TELEGRAM_BOT_TOKEN: testToken,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_WEBHOOK_URL: hookUrl,
        TELEGRAM_WEBHOOK_SECRET: secret,
        TELEGRAM_WEBHOOK_PORT: String(port),
        TELEGRAM_WEBHOOK_HOST: "127.0.0.1",
      };
      running.push(await startTelegram(worker.deps, env, { botInfo: fake.getMe(), drainTimeoutMs: 5000 }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { fake, workers, served, ...updatesTo(fake, hookUrl), stop };
}

/** Sends updates to the balancer as Telegram would, and waits for what the bot does with them. */
function updatesTo(fake: FakeTelegramBotApi, hookUrl: string): Pick<Workers, "ask" | "press"> {
  const post = (update: Record<string, unknown>) => postUpdate(hookUrl, { ...update, update_id: fake.newMessageId() });
  return {
    async ask(chat, from, text) {
      const before = fake.sentTo(chat.id).length;
      await post({ message: { message_id: fake.newMessageId(), date: Math.floor(Date.now() / 1000), chat, from, text } });
      const [reply] = await fake.waitForMessages(chat.id, 1, before, 10_000);
      return reply!;
    },
    async press(on, from, data) {
      const id = `cbq-${fake.newMessageId()}`;
      await post({ callback_query: { id, from, message: on.message, chat_instance: "ci-1", data } });
      const answer = await fake.waitFor(
        () => fake.callsOf("answerCallbackQuery").find((call) => call.params.callback_query_id === id),
        10_000,
        `answer to ${data}`,
      );
      return String(answer.params.text ?? "");
    },
  };
}

/** One worker: its own DATA_DIR and core (file mode for the index), the shared database as `App.shared`. */
async function openWorker(db: TestDatabase, url: string, index: number): Promise<Worker> {
  const root = await mkdtemp(path.join(tmpdir(), `nieuwsbot-worker-${index}-`));
  const dataDir = path.join(root, "data");
  const config = loadCoreConfig({
    DATA_DIR: dataDir,
    CORPUS_DIR: path.join(repoRoot, "corpus"),
    EMBEDDINGS_PROVIDER: "hashing",
    LOG_LEVEL: "silent",
    INDEX_WATCH_INTERVAL_MS: "0",
  });
  const logs: string[] = [];
  const logger = createLogger({ level: "info", write: (line) => logs.push(line) });
  const core = await Core.open({ config, embedder: new HashingEmbedder(512) });
  const shared = db.open({ connectTimeoutMs: 1000, queryTimeoutMs: 2000, logger: logger.child("db"), applicationName: `worker-${index}` }, url);
  const app: App = { config, logger, core, shared };
  // Budgets above the production ones: on a loaded test machine a query may take longer than 250 ms, and
  // these tests are about sharing, not timing (the budgets' fallbacks have tests of their own).
  const deps = adapterDeps(app, loadSharedAdapterEnv({ RATE_LIMIT_QUESTIONS: "5", RATE_LIMIT_WINDOW_SECONDS: "60" }), { questionMs: 2000, pressMs: 2000 });
  return { deps, dataDir, logs, core, shared };
}

async function postUpdate(url: string, update: Record<string, unknown>): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
    body: JSON.stringify(update),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
}
