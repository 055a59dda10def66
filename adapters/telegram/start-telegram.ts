import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { run } from "@grammyjs/runner";
import { webhookCallback, type Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Logger } from "../../src/logging/logger.js";
import { ConfigError } from "../../src/port/errors.js";
import type { AdapterDeps, RunningAdapter } from "../shared/adapter.js";
import type { RenderOptions } from "./render-telegram.js";
import { createTelegramBot, type TelegramBot } from "./telegram-bot.js";
import { loadTelegramConfig, type TelegramConfig, type TelegramWebhookConfig } from "./telegram-config.js";

export interface StartTelegramOptions {
  /** Skips `getMe` when the identity is known (tests). */
  botInfo?: UserFromGetMe;
  render?: RenderOptions;
  /** Seconds a long poll waits for updates. */
  pollTimeoutSeconds?: number;
  /** How long `stop()` waits for answers still being worked on. */
  drainTimeoutMs?: number;
}

/** Where grammY sends requests when `TELEGRAM_API_ROOT` is not set. */
const defaultApiRoot = "https://api.telegram.org";

type GrammySignal = Parameters<Bot["init"]>[0];

/** Only these update types are asked for; anything else would be ignored anyway. */
const allowedUpdates = ["message", "callback_query"] as const;

/**
 * Starts the Telegram adapter: checks the token (`getMe`), registers the command menu, then
 * receives updates by long polling, or by webhook when `TELEGRAM_WEBHOOK_URL` is set.
 * Resolves once updates are flowing; throws `ConfigError` for a wrong environment, including a Bot
 * API that does not answer within `TELEGRAM_STARTUP_TIMEOUT_MS`.
 */
export async function startTelegram(deps: AdapterDeps, env: NodeJS.ProcessEnv, options: StartTelegramOptions = {}): Promise<RunningAdapter> {
  const config = loadTelegramConfig(env);
  const logger = deps.logger.child("telegram");
  const telegram = createTelegramBot({ ...deps, logger, config, botInfo: options.botInfo, render: options.render });
  const { bot } = telegram;
  // Fails fast with 401 on a revoked token, before anything else is set up.
  await initWithin(bot, config, logger);
  try {
    await telegram.registerCommands();
  } catch (error) {
    // The bot works without its command menu; a broken menu is no reason to stay offline.
    logger.warn("could not register the command menu", { error });
  }
  const drainMs = options.drainTimeoutMs ?? 10_000;
  if (config.webhook) return startWebhook(telegram, config.webhook, deps, drainMs);

  // A webhook left over from an earlier deployment makes getUpdates fail with 409 Conflict.
  try {
    await bot.api.deleteWebhook();
  } catch (error) {
    // Not fatal: without a webhook there is nothing to delete, and with one polling reports 409 loudly.
    logger.warn("could not delete a webhook before polling", { error });
  }
  const runner = run(bot, {
    runner: {
      fetch: { timeout: options.pollTimeoutSeconds ?? 30, allowed_updates: [...allowedUpdates] },
      // Failures are logged by the bot's API transformer, through the redacting logger.
      silent: true,
      // Steady retries: the default doubling would wait hours after a long outage.
      retryInterval: 2000,
    },
  });
  const task = runner.task();
  task?.catch((error: unknown) => logger.error("long polling stopped: Telegram refused the bot (wrong token, or another instance is polling)", { error }));
  logger.info(`telegram bot @${bot.botInfo.username} is polling for updates`);
  return {
    name: "telegram",
    stop: once(async () => {
      if (runner.isRunning()) await runner.stop();
      if (!(await telegram.idle(drainMs))) logger.warn("stopped while answers were still being sent");
      logger.info("telegram polling stopped");
    }),
  };
}

/** Webhook mode: a local HTTP server behind `TELEGRAM_WEBHOOK_URL`, checking Telegram's secret header. */
async function startWebhook(telegram: TelegramBot, webhook: TelegramWebhookConfig, deps: AdapterDeps, drainMs: number): Promise<RunningAdapter> {
  const { bot } = telegram;
  const logger = deps.logger.child("telegram");
  // Without a configured secret, a fresh one per start still keeps strangers from posting updates.
  const secret = webhook.secret ?? randomBytes(32).toString("base64url");
  // Telegram resends an update that is not acknowledged in time, so answer the request after 9 s
  // even when the work (a long refresh) is still going; the tracker reports its errors.
  const handle = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 9000 });
  const path = new URL(webhook.url).pathname;
  const server = createServer((request, response) => {
    if (request.method !== "POST" || new URL(request.url ?? "/", "http://localhost").pathname !== path) {
      response.writeHead(404).end();
      return;
    }
    handle(request, response).catch((error: unknown) => {
      // Unparseable bodies and similar; handler errors already went to bot.catch.
      logger.warn("webhook request rejected", { error });
      if (!response.headersSent) response.writeHead(400);
      response.end();
    });
  });
  await listen(server, webhook.port, webhook.host);
  await bot.api.setWebhook(webhook.url, { secret_token: secret, allowed_updates: [...allowedUpdates] });
  logger.info(`telegram bot @${bot.botInfo.username} receives updates by webhook on port ${webhook.port}`);
  return {
    name: "telegram",
    stop: once(async () => {
      const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      server.closeIdleConnections();
      if (!(await telegram.idle(drainMs))) logger.warn("stopped while answers were still being sent");
      server.closeAllConnections();
      await closed;
      logger.info("telegram webhook server stopped");
    }),
  };
}

/**
 * `bot.init()` (getMe) with a bound: grammY retries network failures forever, so an unreachable or
 * silent Bot API would hang start-up without a word. Says once what it waits for (the host, never
 * the token) and gives up after `startupTimeoutMs` with a `ConfigError` naming `TELEGRAM_API_ROOT`.
 * A refused token (401) still fails at once with grammY's own error.
 */
async function initWithin(bot: Bot, config: TelegramConfig, logger: Logger): Promise<void> {
  if (bot.isInited()) return;
  const host = new URL(config.apiRoot ?? defaultApiRoot).host;
  logger.info(`waiting for the Telegram Bot API at ${host} …`);
  const controller = new AbortController();
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(unreachable(host, config)), { once: true });
  });
  const timer = setTimeout(() => controller.abort(), config.startupTimeoutMs);
  // grammY types its signal with the abort-controller shim; at run time it takes any AbortSignal.
  const init = bot.init(controller.signal as unknown as GrammySignal);
  // After the time-out grammY's own rejection (an aborted request) is of no further interest.
  init.catch(() => undefined);
  try {
    await Promise.race([init, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function unreachable(host: string, config: TelegramConfig): ConfigError {
  const where = config.apiRoot ? `TELEGRAM_API_ROOT (${host})` : `the official Bot API (${host}; TELEGRAM_API_ROOT is not set)`;
  return new ConfigError(
    `The Telegram Bot API did not answer within ${config.startupTimeoutMs} ms: ${where} is unreachable or silent. ` +
      "Check TELEGRAM_API_ROOT, and the network, firewall or proxy between this host and it; " +
      "TELEGRAM_STARTUP_TIMEOUT_MS sets how long to wait.",
    ["TELEGRAM_API_ROOT"],
  );
}

/** A second `stop()` (say SIGINT then SIGTERM) waits for the first instead of stopping twice. */
function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= action());
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
