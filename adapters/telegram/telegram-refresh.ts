import type { Context } from "grammy";
import { refreshFailureText, refreshProgressText, refreshReportText } from "../../src/answer/refresh-messages.js";
import type { NieuwsbotCore, RefreshRequest } from "../../src/port/types.js";
import type { Logger } from "../../src/logging/logger.js";
import { delayedProgress } from "../shared/delayed-progress.js";
import { downloadUpload } from "../shared/download-upload.js";
import { languageFromLocale } from "../shared/locale-language.js";
import { requireModerator } from "../shared/moderator-only.js";
import { parseRefreshArguments } from "../shared/refresh-arguments.js";
import { renderPlainText } from "./render-telegram.js";
import { editHtml, editText, plainTextForEdit, sendMessages } from "./telegram-send.js";

export interface TelegramRefreshOptions {
  core: NieuwsbotCore;
  logger: Logger;
  moderatorIds: ReadonlySet<number>;
  /** Bot API root and token, to download an uploaded document (`<root>/file/bot<token>/<path>`). */
  apiRoot: string;
  token: string;
  /** Minimum time between two progress edits (Telegram limits edits). Default 1 s. */
  progressIntervalMs?: number;
  /** A refresh faster than this shows no progress at all, only the result. Default 2 s. */
  progressDelayMs?: number;
}

/**
 * `/refresh` for moderators: `/refresh` re-reads the corpus, `/refresh rollback` goes back one
 * version, `/refresh https://…` adds articles, and a `.txt`/`.md`/`.html` document sent with
 * `/refresh` as its caption is added too. The decision is made on the numeric user id; anyone else
 * gets `NOT_ALLOWED` before anything is downloaded or refreshed. A refresh that takes more than a
 * couple of seconds shows progress in one message, edited at most once a second, which the result
 * then replaces.
 */
export function createRefreshHandler(options: TelegramRefreshOptions): (ctx: Context) => Promise<void> {
  const { core, logger } = options;
  return async (ctx) => {
    const { from, message } = ctx;
    // A refusal is thrown (NOT_ALLOWED) and answered by the bot's error handler.
    requireModerator(from !== undefined && message !== undefined && options.moderatorIds.has(from.id), "/refresh");
    const language = languageFromLocale(from.language_code);
    const commandText = (message.text ?? message.caption ?? "").replace(/^\/refresh(@\w+)?/i, "");
    const args = parseRefreshArguments(commandText);
    // Every text here goes out like answers do: escaped, split under 4096 characters, and an edit
    // (which cannot be split) shortened to one message.
    let statusMessage: { chatId: number; messageId: number } | undefined;
    const showProgress = async (text: string) => {
      if (statusMessage) return editText(ctx, statusMessage, text);
      const [sent] = await sendMessages(ctx, [plainTextForEdit(text)], message.message_id);
      if (sent) statusMessage = { chatId: sent.chat.id, messageId: sent.message_id };
    };
    const progress = delayedProgress(showProgress, {
      delayMs: options.progressDelayMs ?? 2000,
      intervalMs: options.progressIntervalMs ?? 1000,
      onError: (error) => logger.warn("refresh progress message failed", { error }),
    });
    let result: string;
    try {
      const request: RefreshRequest = {
        platform: "telegram",
        userId: String(from.id),
        action: args.rollback ? "rollback" : "refresh",
        urls: args.urls,
        onProgress: (state) => progress.report(refreshProgressText(state, language)),
      };
      if (message.document) request.upload = await download(ctx, options, message.document);
      result = refreshReportText(await core.refresh(request), language);
    } catch (error) {
      logger.warn("refresh requested on Telegram failed", { userId: from.id, error });
      result = refreshFailureText(error, language);
    } finally {
      await progress.finish();
    }
    await sendResult(ctx, result, message.message_id, statusMessage, logger);
  };
}

/**
 * The result replaces the progress message when there is one: its first part goes into that
 * message, any further parts follow as replies. Without progress (or when the edit fails) the whole
 * result is sent as replies.
 */
async function sendResult(
  ctx: Context,
  result: string,
  replyToId: number,
  statusMessage: { chatId: number; messageId: number } | undefined,
  logger: Logger,
): Promise<void> {
  const [first, ...rest] = renderPlainText(result);
  if (!first) return;
  let edited = false;
  if (statusMessage) {
    try {
      await editHtml(ctx, statusMessage, first);
      edited = true;
    } catch (error) {
      logger.warn("could not update the refresh message; sending the result instead", { error });
    }
  }
  await sendMessages(ctx, edited ? rest : [first, ...rest], replyToId);
}

/**
 * Whether a text or caption is this bot's `/refresh`: `/refresh` alone or `/refresh@<username>`
 * naming this bot, command and username compared case-insensitively. `/refresh@other_bot` is for
 * another bot in the group (grammY applies the same rule to text commands; captions need it here).
 */
export function isRefreshCommandFor(text: string | undefined, botUsername: string): boolean {
  const match = /^\/refresh(?:@(\w+))?(?:\s|$)/i.exec(text ?? "");
  return match !== null && (match[1] === undefined || match[1].toLowerCase() === botUsername.toLowerCase());
}

function download(
  ctx: Context,
  options: TelegramRefreshOptions,
  document: { file_name?: string; file_size?: number },
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const url = async () => `${options.apiRoot}/file/bot${options.token}/${(await ctx.getFile()).file_path}`;
  return downloadUpload(url, document.file_name ?? "upload.txt", document.file_size);
}
