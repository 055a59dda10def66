import type { Context, InlineKeyboard } from "grammy";
import { renderPlainText } from "./render-telegram.js";

/** Reply parameters that still deliver when the question was deleted while the bot worked. */
export function replyTo(messageId: number | undefined) {
  return messageId === undefined ? undefined : { message_id: messageId, allow_sending_without_reply: true };
}

/** Sends bot text (escaped) as a reply. */
export function sendText(ctx: Context, text: string, replyToId = ctx.msg?.message_id): Promise<void> {
  return sendMessages(ctx, renderPlainText(text), replyToId);
}

/**
 * Sends HTML messages in order, each replying to `replyToId`; the keyboard goes on the last one so
 * it sits under the whole answer.
 */
export async function sendMessages(ctx: Context, messages: readonly string[], replyToId: number | undefined, keyboard?: InlineKeyboard): Promise<void> {
  for (const [index, html] of messages.entries()) {
    await ctx.reply(html, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_parameters: replyTo(replyToId),
      reply_markup: index === messages.length - 1 ? keyboard : undefined,
    });
  }
}
