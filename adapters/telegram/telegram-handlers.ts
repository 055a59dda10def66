import type { Composer, Context, Filter } from "grammy";
import type { Rating } from "../../src/feedback/feedback-store.js";
import { askFlow } from "../shared/ask-flow.js";
import { languageFromLocale } from "../shared/locale-language.js";
import type { QuestionRateLimiter } from "../shared/rate-limiter.js";
import { keepTyping } from "../shared/typing-indicator.js";
import { answerKeyboard, feedbackPattern, fullPassagePattern } from "./answer-keyboard.js";
import { questionFromMessage } from "./question-text.js";
import { createFeedbackCommand, createFeedbackPageHandler, feedbackPagePattern } from "./telegram-feedback.js";
import { renderFullPassage, renderTelegramAnswer } from "./render-telegram.js";
import type { TelegramBotOptions } from "./telegram-bot-options.js";
import { createRefreshHandler, isRefreshCommandFor } from "./telegram-refresh.js";
import { createStatusCommand } from "./telegram-status.js";
import { sendMessages, sendText } from "./telegram-send.js";
import { telegramTextsFor } from "./telegram-texts.js";

/** New messages and button presses: the only updates the bot handles. */
export type BotUpdates = Composer<Filter<Context, "message" | "callback_query">>;

/** Answers one question in the chat it came from. */
export type AnswerQuestion = (ctx: Context, question: string) => Promise<void>;

/** Telegram's typing indicator lasts about five seconds; renew it a little sooner while working. */
const typingRenewMs = 4500;

/** The interface language of the user behind an update. */
const userLanguage = (ctx: Context) => languageFromLocale(ctx.from?.language_code);

/** `/start`, `/help`, `/status`, `/ask …`, `/refresh` (also as the caption of a document) and `/feedback [page]`. */
export function handleCommands(updates: BotUpdates, options: TelegramBotOptions, answer: AnswerQuestion): void {
  const { core, logger, config } = options;
  updates.command(["start", "help"], (ctx) => sendText(ctx, telegramTextsFor(userLanguage(ctx)).help(ctx.me.username)));
  updates.command("status", createStatusCommand({ core, feedback: options.feedback, logger, moderatorIds: config.moderatorIds }));
  const refresh = createRefreshHandler({
    core,
    logger,
    moderatorIds: config.moderatorIds,
    apiRoot: options.client?.apiRoot ?? config.apiRoot ?? "https://api.telegram.org",
    token: config.token,
  });
  updates.command("refresh", refresh);
  updates.command("feedback", createFeedbackCommand({ feedback: options.feedback, moderatorIds: config.moderatorIds }));
  // A document whose caption is /refresh (or /refresh@ThisBot, never another bot's) adds that file to the corpus.
  updates.on("message:document").filter((ctx) => isRefreshCommandFor(ctx.message.caption, ctx.me.username), refresh);
  updates.command("ask", (ctx) => answer(ctx, ctx.match));
}

/** 👍 / 👎 store feedback; "show full paragraph" sends the whole passage; ‹ / › page `/feedback`. Every press is answered. */
export function handleButtons(updates: BotUpdates, options: TelegramBotOptions): void {
  const { feedback, logger } = options;
  updates.callbackQuery(feedbackPattern, async (ctx) => {
    const token = ctx.match[2]!;
    const text = telegramTextsFor((await feedback.lookup(token))?.language ?? userLanguage(ctx));
    let reply: string;
    try {
      reply = (await feedback.record(token, ctx.match[1] as Rating, String(ctx.from.id), "telegram")) ? text.feedbackThanks : text.feedbackExpired;
    } catch (error) {
      logger.error("feedback could not be stored", { error });
      reply = text.feedbackFailed;
    }
    await ctx.answerCallbackQuery({ text: reply });
  });
  updates.callbackQuery(fullPassagePattern, async (ctx) => {
    const answer = await feedback.lookup(ctx.match[1]!);
    const citation = answer?.citations[Number(ctx.match[2])];
    if (!answer || !citation) {
      await ctx.answerCallbackQuery({ text: telegramTextsFor(userLanguage(ctx)).fullParagraphExpired });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendMessages(ctx, renderFullPassage(citation, answer.language, options.render), ctx.callbackQuery.message?.message_id);
  });
  updates.callbackQuery(feedbackPagePattern, createFeedbackPageHandler({ feedback, moderatorIds: options.config.moderatorIds }));
  // Buttons of an older version, or forged data: still answered, so the client stops its spinner.
  updates.on("callback_query", (ctx) => ctx.answerCallbackQuery());
}

/** Texts addressed to the bot are questions; an unknown command in a private chat gets the help. */
export function handleQuestions(updates: BotUpdates, answer: AnswerQuestion): void {
  updates.on("message:text", async (ctx) => {
    const question = questionFromMessage(ctx.message, ctx.me);
    if (question !== undefined) return answer(ctx, question);
    // In groups an unknown command may be for another bot.
    if (ctx.chat.type === "private" && ctx.message.text.startsWith("/")) {
      await sendText(ctx, telegramTextsFor(userLanguage(ctx)).help(ctx.me.username));
    }
  });
}

/**
 * The Telegram front end of `askFlow`: "typing…" while the core works, then the answer (or the
 * flow's text) as a reply to the question, with the buttons under its last message.
 */
export function telegramAnswerer(options: TelegramBotOptions, limiter: QuestionRateLimiter): AnswerQuestion {
  const { core, feedback, logger } = options;
  return async (ctx, question) => {
    const { from, chat } = ctx;
    if (!from || !chat) return;
    const request = { question, platform: "telegram" as const, userId: String(from.id), conversationId: String(chat.id), languageHint: from.language_code };
    const onError = (error: unknown) => logger.warn("typing indicator failed", { error });
    const outcome = await askFlow({ core, feedback, logger, limiter }, request, {
      startWorking: () => keepTyping(() => ctx.replyWithChatAction("typing"), typingRenewMs, onError).stop,
    });
    const messageId = ctx.msg?.message_id;
    if (outcome.kind !== "answered") return sendText(ctx, outcome.text, messageId);
    const rendered = renderTelegramAnswer(outcome.answer, options.render);
    logger.debug("answered", { chatId: chat.id, abstained: outcome.answer.abstained, messages: rendered.messages.length });
    await sendMessages(ctx, rendered.messages, messageId, answerKeyboard(outcome.answer, outcome.token, rendered.shortened));
  };
}
