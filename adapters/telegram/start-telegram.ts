import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { run } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { AdapterDeps, RunningAdapter } from "../shared/adapter.js";
import type { RenderOptions } from "./render-telegram.js";
import { createTelegramBot, type TelegramBot } from "./telegram-bot.js";
import { loadTelegramConfig, type TelegramWebhookConfig } from "./telegram-config.js";

export interface StartTelegramOptions {
  /** Skips `getMe` when the identity is known (tests). */
  botInfo?: UserFromGetMe;
  render?: RenderOptions;
  /** Seconds a long poll waits for updates. */
  pollTimeoutSeconds?: number;
  /** How long `stop()` waits for answers still being worked on. */
  drainTimeoutMs?: number;
}

/** Only these update types are asked for; anything else would be ignored anyway. */
const allowedUpdates = ["message", "callback_query"] as const;

/**
 * Starts the Telegram adapter: checks the token (`getMe`), registers the command menu, then
 * receives updates by long polling, or by webhook when `TELEGRAM_WEBHOOK_URL` is set.
 * Resolves once updates are flowing; throws `ConfigError` for a wrong environment.
 */
export async function startTelegram(deps: AdapterDeps, env: NodeJS.ProcessEnv, options: StartTelegramOptions = {}): Promise<RunningAdapter> {
  const config = loadTelegramConfig(env);
  const logger = deps.logger.child("telegram");
  const telegram = createTelegramBot({ ...deps, logger, config, botInfo: options.botInfo, render: options.render });
  const { bot } = telegram;
  // Fails fast with 401 on a revoked token, before anything else is set up.
  await bot.init();
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
