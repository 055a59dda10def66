import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTelegram, type StartTelegramOptions } from "../../../adapters/telegram/start-telegram.js";
import type { AdapterDeps, RunningAdapter } from "../../../adapters/shared/adapter.js";
import { loadCoreConfig } from "../../../src/config/core-config.js";
import { Core, type CoreOptions } from "../../../src/app/nieuwsbot-core.js";
import type { NieuwsbotCore } from "../../../src/port/types.js";
import { FeedbackStore } from "../../../src/feedback/feedback-store.js";
import { createLogger, type Logger } from "../../../src/logging/logger.js";
import { HashingEmbedder } from "../../../embeddings/hashing-embeddings.js";
import { FakeTelegramBotApi, type FakeChat, type FakeUser, type SentMessage } from "../../fakes/telegram-bot-api.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const testToken = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl";

export interface Harness {
  fake: FakeTelegramBotApi;
  core: Core;
  adapter: RunningAdapter;
  dataDir: string;
  logLines: string[];
  stop(): Promise<void>;
}

export interface HarnessOptions {
  corpusDir?: string;
  env?: Record<string, string>;
  limits?: Partial<AdapterDeps["limits"]>;
  start?: StartTelegramOptions;
  /** Use `getMe` against the fake instead of a known identity. */
  realGetMe?: boolean;
  /** Extra core variables (e.g. FETCH_ALLOW_PRIVATE_NETWORKS). */
  coreEnv?: Record<string, string>;
  /** Wraps the real core, e.g. to make it fail on purpose. */
  wrapCore?: (core: Core) => NieuwsbotCore;
  /** Extra core options (e.g. the source schedule with a manual clock). */
  coreOptions?: Partial<CoreOptions>;
}

/**
 * The real adapter (real grammY, real core with the offline hashing embedder, temp DATA_DIR)
 * polling a fake Bot API on loopback. `stop()` tears everything down in order.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-telegram-"));
  const fake = await FakeTelegramBotApi.start({ token: testToken });
  const config = loadCoreConfig({
    DATA_DIR: dataDir,
    CORPUS_DIR: options.corpusDir ?? path.join(repoRoot, "corpus"),
    EMBEDDINGS_PROVIDER: "hashing",
    LOG_LEVEL: "silent",
    INDEX_WATCH_INTERVAL_MS: "0",
    ...options.coreEnv,
  });
  const core = await Core.open({ config, embedder: new HashingEmbedder(512), ...options.coreOptions });
  const logLines: string[] = [];
  const logger: Logger = createLogger({ level: "debug", write: (line) => logLines.push(line) });
  const deps: AdapterDeps = {
    core: options.wrapCore ? options.wrapCore(core) : core,
    feedback: new FeedbackStore(dataDir),
    logger,
    limits: { questionsPerWindow: 100, windowSeconds: 60, maxQuestionLength: config.maxQuestionLength, ...options.limits },
  };
  const botInfo = fake.getMe();
  const adapter = await startTelegram(
    deps,
    { TELEGRAM_BOT_TOKEN: testToken, TELEGRAM_API_ROOT: fake.url, ...options.env },
    { pollTimeoutSeconds: 5, drainTimeoutMs: 5000, ...(options.realGetMe ? {} : { botInfo }), ...options.start },
  );
  let stopped = false;
  return {
    fake,
    core,
    adapter,
    dataDir,
    logLines,
    async stop() {
      if (stopped) return;
      stopped = true;
      await adapter.stop();
      await core.close();
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const users = {
  anna: { id: 1001, is_bot: false, first_name: "Anna", language_code: "nl" },
  bob: { id: 1002, is_bot: false, first_name: "Bob", language_code: "en" },
  moderator: { id: 4242, is_bot: false, first_name: "Mod", username: "mod", language_code: "nl" },
  /** Another bot in the group: never answered, so two bots cannot talk each other into a loop. */
  bot: { id: 5005, is_bot: true, first_name: "AnderBot", username: "AnderBot" },
  /** Same username as the moderator, different id: must NOT be trusted. */
  impostor: { id: 6666, is_bot: false, first_name: "Mod", username: "mod", language_code: "nl" },
} satisfies Record<string, FakeUser>;

export function privateChat(user: FakeUser): FakeChat {
  return { id: user.id, type: "private", first_name: user.first_name };
}

export const group: FakeChat = { id: -100_123, type: "supergroup", title: "Nieuwsgroep" };

/** A text message update; bot commands and @mentions get their entities like Telegram sets them. */
export function textMessage(fake: FakeTelegramBotApi, chat: FakeChat, from: FakeUser, text: string, extra: Record<string, unknown> = {}) {
  const message = { message_id: fake.newMessageId(), date: Math.floor(Date.now() / 1000), chat, from, text, entities: entitiesOf(text), ...extra };
  return { message, updateId: fake.pushUpdate({ message }) };
}

function entitiesOf(text: string) {
  const entities: Array<{ type: string; offset: number; length: number }> = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  for (const match of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{5,32}/g)) entities.push({ type: "mention", offset: match.index, length: match[0].length });
  return entities.length > 0 ? entities : undefined;
}

/** A button press on a message the bot sent. */
export function pressButton(fake: FakeTelegramBotApi, on: SentMessage, from: FakeUser, data: string): string {
  const id = `cbq-${fake.newMessageId()}`;
  fake.pushUpdate({ callback_query: { id, from, message: on.message, chat_instance: "ci-1", data } });
  return id;
}

/** The callback_data of every button on a sent message. */
export function buttonData(message: SentMessage): string[] {
  const markup = message.params.reply_markup as { inline_keyboard: Array<Array<{ callback_data?: string }>> } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((button) => button.callback_data ?? "");
}

/** Gives grammY time to (not) react; used only to prove that nothing happens. */
export function settle(ms = 400): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
