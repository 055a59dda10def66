import type { Context, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { renderPlainText } from "./render-telegram.js";
import { telegramMessageLimit } from "./telegram-html.js";

/** Reply parameters that still deliver when the question was deleted while the bot worked. */
export function replyTo(messageId: number | undefined) {
  return messageId === undefined ? undefined : { message_id: messageId, allow_sending_without_reply: true };
}

/** Sends bot text (escaped, split under Telegram's limit) as replies. */
export async function sendText(ctx: Context, text: string, replyToId = ctx.msg?.message_id): Promise<void> {
  await sendMessages(ctx, renderPlainText(text), replyToId);
}

/**
 * Sends HTML messages in order, each replying to `replyToId`; the keyboard goes on the last one so
 * it sits under the whole answer. Resolves with the messages sent.
 */
export async function sendMessages(
  ctx: Context,
  messages: readonly string[],
  replyToId: number | undefined,
  keyboard?: InlineKeyboard,
): Promise<Message.TextMessage[]> {
  const sent: Message.TextMessage[] = [];
  for (const [index, html] of messages.entries()) {
    sent.push(
      await ctx.reply(html, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        reply_parameters: replyTo(replyToId),
        reply_markup: index === messages.length - 1 ? keyboard : undefined,
      }),
    );
  }
  return sent;
}

/**
 * Bot text as exactly one HTML message, for an edit (which cannot be split): the text as
 * `renderPlainText` renders it when it fits, otherwise its first part, cut where a split would cut
 * (never inside an entity or a surrogate pair), followed by "…".
 */
export function plainTextForEdit(text: string, limit = telegramMessageLimit): string {
  if (text.length <= limit) {
    const whole = renderPlainText(text, { maxMessageLength: limit });
    if (whole.length <= 1) return whole[0] ?? "";
  }
  // Escaping only lengthens text, so nothing past the first `limit` characters can be in the message.
  return `${renderPlainText(text.slice(0, limit), { maxMessageLength: limit - 1 })[0]!}…`;
}

/** Replaces the text of a message the bot sent with bot text, shortened to one message if need be. */
export async function editText(ctx: Context, message: { chatId: number; messageId: number }, text: string): Promise<void> {
  await editHtml(ctx, message, plainTextForEdit(text));
}

/** Replaces the text of a message the bot sent with one HTML message (at most the limit; see `plainTextForEdit`). */
export async function editHtml(ctx: Context, message: { chatId: number; messageId: number }, html: string): Promise<void> {
  await ctx.api.editMessageText(message.chatId, message.messageId, html, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
}
