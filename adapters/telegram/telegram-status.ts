import type { Context } from "grammy";
import type { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Logger } from "../../src/logging/logger.js";
import type { NieuwsbotCore } from "../../src/port/types.js";
import { languageFromLocale } from "../shared/locale-language.js";
import { feedbackTotals, fullStatusPages, shortStatusText } from "../shared/status-report.js";
import { escapeHtml, htmlFormat, telegramMessageLimit } from "./telegram-html.js";
import { sendMessages } from "./telegram-send.js";
import { telegramTextsFor } from "./telegram-texts.js";

export interface TelegramStatusOptions {
  core: NieuwsbotCore;
  feedback: FeedbackStore;
  logger: Logger;
  moderatorIds: ReadonlySet<number>;
  /** Characters per message (Telegram allows 4096). */
  maxMessageLength?: number;
}

/**
 * `/status`: the short form for everyone; the full form for a moderator (`TELEGRAM_MODERATOR_IDS`)
 * in a private chat — split over messages when the document list is long. In a group a moderator
 * gets the short form and a pointer to the private chat: the full form names users, links and
 * failure reasons that the group need not see.
 */
export function createStatusCommand(options: TelegramStatusOptions): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const language = languageFromLocale(ctx.from?.language_code);
    const moderator = ctx.from !== undefined && options.moderatorIds.has(ctx.from.id);
    const replyToId = ctx.msg?.message_id;
    if (moderator && ctx.chat?.type === "private") {
      const [status, totals] = await Promise.all([options.core.fullStatus(), feedbackTotals(options.feedback, options.logger)]);
      const limit = options.maxMessageLength ?? telegramMessageLimit;
      await sendMessages(ctx, fullStatusPages(status, totals, language, { limit, format: htmlFormat }), replyToId);
      return;
    }
    const short = shortStatusText(options.core.status(), language, htmlFormat);
    const hint = moderator ? `\n\n${escapeHtml(telegramTextsFor(language).statusPrivateOnly)}` : "";
    await sendMessages(ctx, [short + hint], replyToId);
  };
}
