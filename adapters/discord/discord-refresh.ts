import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { messagesFor } from "../../src/answer/messages.js";
import { refreshFailureText, refreshProgressText, refreshReportText } from "../../src/answer/refresh-messages.js";
import { SourceError } from "../../src/core/errors.js";
import type { Language, RefreshRequest } from "../../src/core/types.js";
import { ProgressThrottle } from "../shared/progress-throttle.js";
import { replyPrivately, sendPayloads, type BotContext } from "./bot-context.js";
import { refreshOptions } from "./commands.js";
import { isModerator } from "./moderation.js";
import { noPings, renderText } from "./render-discord.js";

/** Uploads larger than this are refused before anything is downloaded (the corpus limit). */
export const maxAttachmentBytes = 2 * 1024 * 1024;

export interface RefreshTiming {
  /** A refresh faster than this shows no progress, only the result. */
  progressDelayMs: number;
  /** Minimum time between two edits of the progress reply. */
  progressIntervalMs: number;
}

/**
 * `/refresh [actie] [url] [bestand]`: moderators only (Manage Server at run time, or a moderator
 * role); others get a private refusal and nothing is downloaded or refreshed. A refresh that takes
 * more than a couple of seconds shows progress by editing the private reply at most once a second.
 */
export async function handleRefresh(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
  language: Language,
  timing: RefreshTiming = { progressDelayMs: 2000, progressIntervalMs: 1000 },
): Promise<void> {
  if (!isModerator(interaction, context.config.moderatorRoleIds)) {
    context.logger.info("refresh refused: not a moderator", { user: interaction.user.id, guild: interaction.guildId });
    return replyPrivately(interaction, messagesFor(language).notAllowed, context.logger);
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const edit = (text: string) => interaction.editReply({ content: text, allowedMentions: noPings });
  const progress = new ProgressThrottle(edit, (error) => context.logger.warn("refresh progress edit failed", { error }), timing.progressIntervalMs);
  let latest: string | undefined;
  let visible = false;
  const reveal = setTimeout(() => {
    visible = true;
    if (latest) progress.update(latest);
  }, timing.progressDelayMs);
  let result: string;
  try {
    const url = interaction.options.getString(refreshOptions.url);
    const attachment = interaction.options.getAttachment(refreshOptions.file);
    const request: RefreshRequest = {
      platform: "discord",
      userId: interaction.user.id,
      action: interaction.options.getString(refreshOptions.action) === "rollback" ? "rollback" : "refresh",
      urls: url ? [url] : [],
      onProgress: (state) => {
        latest = refreshProgressText(state, language);
        if (visible) progress.update(latest);
      },
    };
    if (attachment) request.upload = await download(attachment);
    result = refreshReportText(await context.deps.core.refresh(request), language);
  } catch (error) {
    context.logger.warn("refresh from Discord failed", { error, user: interaction.user.id });
    result = refreshFailureText(error, language);
  } finally {
    clearTimeout(reveal);
    await progress.flush();
  }
  await sendPayloads(interaction, renderText(result), { ephemeral: true });
}

async function download(attachment: { name: string; size: number; url: string }): Promise<{ fileName: string; bytes: Uint8Array }> {
  if (attachment.size > maxAttachmentBytes) {
    throw new SourceError("SOURCE_TOO_LARGE", `${attachment.name} is larger than ${maxAttachmentBytes} bytes.`, attachment.name);
  }
  const response = await fetch(attachment.url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new SourceError("SOURCE_HTTP_ERROR", `Downloading ${attachment.name} failed with HTTP ${response.status}.`, attachment.name);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxAttachmentBytes) throw new SourceError("SOURCE_TOO_LARGE", `${attachment.name} is larger than ${maxAttachmentBytes} bytes.`, attachment.name);
  return { fileName: attachment.name, bytes };
}
