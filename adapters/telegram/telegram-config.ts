import { z } from "zod";
import { ConfigError } from "../../src/port/errors.js";
import { envField, parseEnv } from "../../src/config/parse-env.js";

/** Environment variables of the Telegram adapter. `TELEGRAM_BOT_TOKEN` being set is what turns it on. */
export const telegramEnvShape = {
  TELEGRAM_BOT_TOKEN: z
    .string({ required_error: "required: the bot token from @BotFather" })
    .regex(
      /^\d+:[A-Za-z0-9_-]{30,}$/,
      "expected the token @BotFather gave you, shaped like 123456789:AAE… (digits, a colon, then 30 or more letters, digits, - or _)",
    ),
  TELEGRAM_API_ROOT: envField.url(),
  TELEGRAM_MODERATOR_IDS: envField.idList(/^\d+$/, "numeric Telegram user ids such as 12345678,87654321 (usernames are not accepted)"),
  TELEGRAM_WEBHOOK_URL: envField.url(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, "expected 1 to 256 letters, digits, - or _ (Telegram's rule for secret tokens)")
    .optional(),
  TELEGRAM_WEBHOOK_PORT: envField.integer(1, 65_535, 8443),
  TELEGRAM_WEBHOOK_HOST: z.string().default("0.0.0.0"),
  TELEGRAM_STARTUP_TIMEOUT_MS: envField.integer(1000, 600_000, 30_000),
};

export interface TelegramWebhookConfig {
  /** Public HTTPS URL Telegram posts updates to; its path is the path the local server answers on. */
  url: string;
  /** Secret Telegram sends back in a header; when unset, a random one is made at start-up. */
  secret?: string;
  port: number;
  host: string;
}

export interface TelegramConfig {
  token: string;
  /** A self-hosted Bot API server; undefined means the official one. */
  apiRoot?: string;
  /** Numeric user ids allowed to run `/refresh`. Never usernames: those can change hands. */
  moderatorIds: ReadonlySet<number>;
  /** Set when updates arrive by webhook instead of long polling. */
  webhook?: TelegramWebhookConfig;
  /** How long start-up waits for the Bot API to answer `getMe` before giving up with a `ConfigError`. */
  startupTimeoutMs: number;
}

/**
 * Parses and validates the Telegram variables. Throws `ConfigError` naming every wrong variable;
 * the token itself never appears in that message, even when it is malformed.
 */
export function loadTelegramConfig(env: NodeJS.ProcessEnv): TelegramConfig {
  let parsed;
  try {
    parsed = parseEnv(telegramEnvShape, env);
  } catch (error) {
    const token = env.TELEGRAM_BOT_TOKEN?.trim();
    if (error instanceof ConfigError && token) throw new ConfigError(scrub(error.message, token), error.variables);
    throw error;
  }
  return {
    token: parsed.TELEGRAM_BOT_TOKEN,
    apiRoot: parsed.TELEGRAM_API_ROOT?.replace(/\/+$/, ""),
    moderatorIds: new Set((parsed.TELEGRAM_MODERATOR_IDS ?? []).map(Number)),
    webhook: parsed.TELEGRAM_WEBHOOK_URL
      ? {
          url: parsed.TELEGRAM_WEBHOOK_URL,
          secret: parsed.TELEGRAM_WEBHOOK_SECRET,
          port: parsed.TELEGRAM_WEBHOOK_PORT,
          host: parsed.TELEGRAM_WEBHOOK_HOST,
        }
      : undefined,
    startupTimeoutMs: parsed.TELEGRAM_STARTUP_TIMEOUT_MS,
  };
}

/** parseEnv quotes the offending value as JSON; a near-miss token is still a secret. */
function scrub(message: string, token: string): string {
  return message.split(JSON.stringify(token)).join('"[redacted]"');
}
