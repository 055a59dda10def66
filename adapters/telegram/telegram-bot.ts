import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type Transformer } from "grammy";
import type { Language } from "../../src/port/types.js";
import type { Logger } from "../../src/logging/logger.js";
import { languageFromLocale } from "../shared/locale-language.js";
import { questionRateLimiter } from "../shared/rate-limiter.js";
import { errorReply } from "../shared/user-error-reply.js";
import { inferEntities } from "./infer-entities.js";
import type { TelegramBotOptions } from "./telegram-bot-options.js";
import { handleButtons, handleCommands, handleQuestions, telegramAnswerer } from "./telegram-handlers.js";
import { sendText } from "./telegram-send.js";
import { telegramTexts } from "./telegram-texts.js";
import { UpdateTracker } from "./update-tracker.js";

export type { TelegramBotOptions };

export interface TelegramBot {
  bot: Bot;
  /** Registers the command menu (Dutch, plus English for English-language clients). */
  registerCommands(): Promise<void>;
  /** Resolves true when no update is being handled any more, false if `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean>;
}

/**
 * Builds the grammY bot with all Nieuwsbot behaviour, without starting it (see `start-telegram.ts`).
 *
 * Who gets an answer: every text in a private chat; in groups `/ask`, @mentions of the bot and
 * replies to the bot's own messages. Everything else — other group chatter, stickers, photos,
 * edited messages, channel posts — passes through untouched.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const bot = createBotClient(options);
  const tracker = new UpdateTracker();
  installMiddleware(bot, tracker, options.logger);
  // Only new messages and button presses are for us; edited messages, channel posts and the rest stop here.
  const updates = bot.on(["message", "callback_query"]);
  updates.on("message:text", (ctx, next) => {
    if (ctx.message.entities === undefined) {
      const inferred = inferEntities(ctx.message.text);
      if (inferred.length > 0) ctx.message.entities = inferred;
    }
    return next();
  });
  const limiter = questionRateLimiter(options.limits);
  const answer = telegramAnswerer(options, limiter);
  handleCommands(updates, options, answer);
  handleButtons(updates, options);
  handleQuestions(updates, answer);
  return { bot, idle: (timeoutMs) => tracker.idle(timeoutMs), registerCommands: () => registerCommandMenu(bot) };
}

/** The grammY client with bounded retries and polling failures in our own log. */
function createBotClient(options: TelegramBotOptions): Bot {
  const { config } = options;
  const bot = new Bot(config.token, { botInfo: options.botInfo, client: { apiRoot: options.client?.apiRoot ?? config.apiRoot } });
  // Bounded: a 429 is retried after Telegram's retry_after (at most a minute), a 5xx with backoff,
  // both at most three times. Network errors are not retried here: the runner retries polling and
  // a failed reply is reported to bot.catch instead of being retried for hours.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  bot.api.config.use(logPollingFailures(options.logger));
  return bot;
}

/**
 * Middleware every update passes: the tracker (for a clean stop), one update at a time per chat,
 * and the error handler. A user error a handler throws (a non-moderator's `/refresh`) is answered
 * with its text; anything else is logged and the bot keeps running.
 */
function installMiddleware(bot: Bot, tracker: UpdateTracker, logger: Logger): void {
  bot.catch(async ({ ctx, error }) => {
    const reply = errorReply(error, languageFromLocale(ctx.from?.language_code));
    if (reply.code === undefined) {
      logger.error("telegram update failed; the bot keeps running", { updateId: ctx.update.update_id, error });
      return;
    }
    logger.info("telegram command refused", { code: reply.code, userId: ctx.from?.id });
    await sendText(ctx, reply.text).catch((sendError: unknown) => logger.warn("could not send a refusal", { error: sendError }));
  });
  bot.use(tracker.middleware(bot));
  // Updates of one chat are handled in order; different chats run concurrently.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
}

async function registerCommandMenu(bot: Bot): Promise<void> {
  const commands = (language: Language) => Object.entries(telegramTexts[language].commands).map(([command, description]) => ({ command, description }));
  await bot.api.setMyCommands(commands("nl"));
  await bot.api.setMyCommands(commands("en"), { language_code: "en" });
}

/**
 * The runner retries failed polling quietly; this makes each failure visible in our own (redacting)
 * log instead. Aborted polls are the normal way polling stops and are not logged.
 */
function logPollingFailures(logger: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    try {
      const result = await prev(method, payload, signal);
      if (!result.ok && method === "getUpdates") {
        logger.warn("polling for updates failed", { code: result.error_code, description: result.description });
      }
      return result;
    } catch (error) {
      if (method === "getUpdates" && !signal?.aborted) logger.warn("polling for updates failed", { error });
      throw error;
    }
  };
}
