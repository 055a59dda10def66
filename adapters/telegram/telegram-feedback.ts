import { GrammyError, InlineKeyboard, type Context } from "grammy";
import type { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Language } from "../../src/port/types.js";
import { feedbackReportPages } from "../shared/feedback-report.js";
import { languageFromLocale } from "../shared/locale-language.js";
import { requireModerator } from "../shared/moderator-only.js";
import { errorReply } from "../shared/user-error-reply.js";
import { htmlFormat, telegramMessageLimit } from "./telegram-html.js";
import { sendMessages, sendText } from "./telegram-send.js";
import { telegramTextsFor } from "./telegram-texts.js";

export interface TelegramFeedbackOptions {
  feedback: FeedbackStore;
  moderatorIds: ReadonlySet<number>;
  /** Characters per page (Telegram allows 4096). */
  maxMessageLength?: number;
}

/** Callback data of the page buttons: `fbpage:<page>`. */
export const feedbackPagePattern = /^fbpage:(\d{1,4})$/;

/**
 * `/feedback [page]` for moderators (`TELEGRAM_MODERATOR_IDS`): 👍/👎 counts per corpus version and
 * the latest 👎 answers, one page per message with ‹ / › buttons. Others get `NOT_ALLOWED`. Only in
 * a private chat: the questions in the report may come from other users' private chats, so a
 * moderator asking in a group is told to ask privately instead.
 */
export function createFeedbackCommand(options: TelegramFeedbackOptions): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const { from, chat, message } = ctx;
    // A refusal is thrown (NOT_ALLOWED) and answered by the bot's error handler.
    requireModerator(from !== undefined && options.moderatorIds.has(from.id), "/feedback");
    const language = languageFromLocale(from.language_code);
    if (chat?.type !== "private") return sendText(ctx, telegramTextsFor(language).feedbackPrivateOnly);
    const requested = Number.parseInt((message?.text ?? "").replace(/^\/feedback(@\w+)?/i, "").trim(), 10);
    const page = await reportPage(options, language, requested);
    await sendMessages(ctx, [page.html], message?.message_id, page.keyboard);
  };
}

/** A press on ‹ or ›: the same message shows the other page (the report is read again, so it is current). */
export function createFeedbackPageHandler(options: TelegramFeedbackOptions): (ctx: Context & { match: RegExpMatchArray | string }) => Promise<void> {
  return async (ctx) => {
    const language = languageFromLocale(ctx.from?.language_code);
    try {
      requireModerator(ctx.from !== undefined && options.moderatorIds.has(ctx.from.id), "/feedback");
    } catch (error) {
      await ctx.answerCallbackQuery({ text: errorReply(error, language).text });
      return;
    }
    const page = await reportPage(options, language, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    try {
      await ctx.editMessageText(page.html, { parse_mode: "HTML", link_preview_options: { is_disabled: true }, reply_markup: page.keyboard });
    } catch (error) {
      // Pressing the button of the page already shown: nothing to change.
      if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
    }
  };
}

/** One page of the current report (the nearest one when `requested` is out of range) and its buttons. */
async function reportPage(options: TelegramFeedbackOptions, language: Language, requested: number): Promise<{ html: string; keyboard?: InlineKeyboard }> {
  const pages = feedbackReportPages(await options.feedback.summary(), language, {
    limit: options.maxMessageLength ?? telegramMessageLimit,
    format: htmlFormat,
  });
  const number = Math.min(Math.max(1, Number.isInteger(requested) ? requested : 1), pages.length);
  return { html: pages[number - 1]!, keyboard: pageKeyboard(number, pages.length, language) };
}

/** ‹ and › where there is a page to go to; no buttons for a one-page report. */
function pageKeyboard(page: number, pages: number, language: Language): InlineKeyboard | undefined {
  if (pages <= 1) return undefined;
  const text = telegramTextsFor(language);
  const keyboard = new InlineKeyboard();
  if (page > 1) keyboard.text(text.feedbackPrevious, `fbpage:${page - 1}`);
  if (page < pages) keyboard.text(text.feedbackNext, `fbpage:${page + 1}`);
  return keyboard;
}
