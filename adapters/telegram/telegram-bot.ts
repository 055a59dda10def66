import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, type Context, type InlineKeyboard, type Transformer } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { messagesFor } from "../../src/answer/messages.js";
import { userErrorReply } from "../../src/answer/user-error-reply.js";
import { isNieuwsbotError, RefreshError } from "../../src/core/errors.js";
import type { Answer, Language } from "../../src/core/types.js";
import type { Rating } from "../../src/feedback/feedback-store.js";
import type { Logger } from "../../src/logging/logger.js";
import { detectLanguage } from "../../src/text/language.js";
import type { AdapterDeps } from "../shared/adapter.js";
import { QuestionRateLimiter } from "../shared/rate-limiter.js";
import { answerKeyboard, feedbackPattern, fullPassagePattern } from "./answer-keyboard.js";
import { inferEntities } from "./infer-entities.js";
import { questionFromMessage } from "./question-text.js";
import { renderFullPassage, renderPlainText, renderTelegramAnswer, type RenderOptions } from "./render-telegram.js";
import type { TelegramConfig } from "./telegram-config.js";
import { languageOf, telegramMessages, telegramMessagesFor } from "./telegram-messages.js";
import { createRefreshHandler } from "./telegram-refresh.js";
import { UpdateTracker } from "./update-tracker.js";

export interface TelegramBotOptions extends AdapterDeps {
  config: TelegramConfig;
  /** Overrides `config.apiRoot` (tests point this at a fake Bot API server). */
  client?: { apiRoot?: string };
  /** Known bot identity; when absent, `bot.init()` asks Telegram (`getMe`). */
  botInfo?: UserFromGetMe;
  render?: RenderOptions;
}

export interface TelegramBot {
  bot: Bot;
  /** Registers the command menu (Dutch, plus English for English-language clients). */
  registerCommands(): Promise<void>;
  /** Resolves true when no update is being handled any more, false if `timeoutMs` passed first. */
  idle(timeoutMs: number): Promise<boolean>;
}

/** Telegram's typing indicator lasts about five seconds; renew it a little sooner while working. */
const typingRenewMs = 4500;

/**
 * Builds the grammY bot with all Nieuwsbot behaviour, without starting it (see `start-telegram.ts`).
 *
 * Who gets an answer: every text in a private chat; in groups `/ask`, @mentions of the bot and
 * replies to the bot's own messages. Everything else — other group chatter, stickers, photos,
 * edited messages, channel posts — passes through untouched.
 */
export function createTelegramBot(options: TelegramBotOptions): TelegramBot {
  const { core, feedback, logger, config } = options;
  const bot = new Bot(config.token, {
    botInfo: options.botInfo,
    client: { apiRoot: options.client?.apiRoot ?? config.apiRoot },
  });
  // Bounded: a 429 is retried after Telegram's retry_after (at most a minute), a 5xx with backoff,
  // both at most three times. Network errors are not retried here: the runner retries polling and
  // a failed reply is reported to bot.catch instead of being retried for hours.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true }));
  bot.api.config.use(logPollingFailures(logger));

  const limiter = new QuestionRateLimiter(options.limits.questionsPerWindow, options.limits.windowSeconds);
  const tracker = new UpdateTracker();

  bot.catch((error) => {
    logger.error("telegram update failed; the bot keeps running", { updateId: error.ctx.update.update_id, error: error.error });
  });
  bot.use(tracker.middleware(bot));
  // Updates of one chat are handled in order; different chats run concurrently.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));

  // Only new messages and button presses are for us; edited messages, channel posts and the rest stop here.
  const updates = bot.on(["message", "callback_query"]);
  updates.on("message:text", (ctx, next) => {
    if (ctx.message.entities === undefined) {
      const inferred = inferEntities(ctx.message.text);
      if (inferred.length > 0) ctx.message.entities = inferred;
    }
    return next();
  });

  updates.command(["start", "help"], (ctx) => sendText(ctx, telegramMessagesFor(languageOf(ctx.from?.language_code)).help(ctx.me.username)));
  updates.command("status", (ctx) => sendText(ctx, telegramMessagesFor(languageOf(ctx.from?.language_code)).status(core.status())));
  const refresh = createRefreshHandler({
    core,
    logger,
    moderatorIds: config.moderatorIds,
    apiRoot: options.client?.apiRoot ?? config.apiRoot ?? "https://api.telegram.org",
    token: config.token,
  });
  updates.command("refresh", refresh);
  // A document whose caption is /refresh adds that file to the corpus.
  updates.on("message:document").filter((ctx) => /^\/refresh(@\w+)?(\s|$)/i.test(ctx.message.caption ?? ""), refresh);
  updates.command("ask", (ctx) => answerQuestion(ctx, ctx.match));

  updates.callbackQuery(feedbackPattern, async (ctx) => {
    const rating = ctx.match[1] as Rating;
    const token = ctx.match[2]!;
    const text = telegramMessagesFor(feedback.lookup(token)?.language ?? languageOf(ctx.from.language_code));
    let reply: string;
    try {
      reply = (await feedback.record(token, rating, String(ctx.from.id))) ? text.feedbackThanks : text.feedbackExpired;
    } catch (error) {
      logger.error("feedback could not be stored", { error });
      reply = text.feedbackFailed;
    }
    await ctx.answerCallbackQuery({ text: reply });
  });

  updates.callbackQuery(fullPassagePattern, async (ctx) => {
    const answer = feedback.lookup(ctx.match[1]!);
    const citation = answer?.citations[Number(ctx.match[2])];
    if (!answer || !citation) {
      await ctx.answerCallbackQuery({ text: telegramMessagesFor(languageOf(ctx.from.language_code)).fullParagraphExpired });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendMessages(ctx, renderFullPassage(citation, answer.language, options.render), ctx.callbackQuery.message?.message_id);
  });

  // Buttons of an older version, or forged data: still answered, so the client stops its spinner.
  updates.on("callback_query", (ctx) => ctx.answerCallbackQuery());

  updates.on("message:text", async (ctx) => {
    const question = questionFromMessage(ctx.message, ctx.me);
    if (question !== undefined) return answerQuestion(ctx, question);
    // An unknown command in a private chat gets the help text; in groups it may be for another bot.
    if (ctx.chat.type === "private" && ctx.message.text.startsWith("/")) {
      await sendText(ctx, telegramMessagesFor(languageOf(ctx.from.language_code)).help(ctx.me.username));
    }
  });

  async function answerQuestion(ctx: Context, question: string): Promise<void> {
    const from = ctx.from;
    const chat = ctx.chat;
    if (!from || !chat) return;
    const messageId = ctx.msg?.message_id;
    const decision = await limiter.consume(String(from.id));
    if (!decision.allowed) {
      logger.info("question rate-limited", { chatId: chat.id, retryAfterSeconds: decision.retryAfterSeconds });
      await sendText(ctx, messagesFor(detectLanguage(question, from.language_code)).rateLimited(decision.retryAfterSeconds), messageId);
      return;
    }
    const typing = keepTyping(ctx);
    let answer: Answer;
    try {
      answer = await core.ask(question, {
        platform: "telegram",
        userId: String(from.id),
        conversationId: String(chat.id),
        languageHint: from.language_code,
      });
    } catch (error) {
      const language = detectLanguage(question, from.language_code);
      const reply = userErrorReply(error, language);
      if (reply === undefined) logger.error("answering a question failed", { chatId: chat.id, error });
      await typing.stop();
      await sendText(ctx, reply ?? messagesFor(language).failed, messageId);
      return;
    }
    await typing.stop();
    const rendered = renderTelegramAnswer(answer, options.render);
    const token = feedback.remember(answer, "telegram");
    logger.debug("answered", { chatId: chat.id, abstained: answer.abstained, messages: rendered.messages.length });
    await sendMessages(ctx, rendered.messages, messageId, answerKeyboard(answer, token, rendered.shortened));
  }

  /** Shows "typing…" until stopped; a failed indicator is logged and never fails the answer. */
  function keepTyping(ctx: Context): { stop(): Promise<void> } {
    let last: Promise<unknown> = Promise.resolve();
    const send = () => {
      last = ctx.replyWithChatAction("typing").catch((error: unknown) => logger.warn("typing indicator failed", { error }));
    };
    send();
    const timer = setInterval(send, typingRenewMs);
    return {
      stop: async () => {
        clearInterval(timer);
        await last;
      },
    };
  }

  return {
    bot,
    idle: (timeoutMs) => tracker.idle(timeoutMs),
    async registerCommands() {
      const commands = (language: Language) =>
        Object.entries(telegramMessages[language].commands).map(([command, description]) => ({ command, description }));
      await bot.api.setMyCommands(commands("nl"));
      await bot.api.setMyCommands(commands("en"), { language_code: "en" });
    },
  };
}

/** Sends bot text (escaped) as a reply. */
function sendText(ctx: Context, text: string, replyTo = ctx.msg?.message_id): Promise<void> {
  return sendMessages(ctx, renderPlainText(text), replyTo);
}

/**
 * Sends HTML messages in order, each replying to `replyTo`; the keyboard goes on the last one so
 * it sits under the whole answer.
 */
async function sendMessages(ctx: Context, messages: readonly string[], replyTo: number | undefined, keyboard?: InlineKeyboard): Promise<void> {
  for (const [index, html] of messages.entries()) {
    await ctx.reply(html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      // The question may be deleted while we work; the answer is still worth sending.
      reply_parameters: replyTo === undefined ? undefined : { message_id: replyTo, allow_sending_without_reply: true },
      reply_markup: index === messages.length - 1 ? keyboard : undefined,
    });
  }
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
