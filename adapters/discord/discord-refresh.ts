import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { refreshFailureText, refreshProgressText, refreshReportText } from "../../src/answer/refresh-messages.js";
import type { Language, RefreshRequest } from "../../src/port/types.js";
import { delayedProgress } from "../shared/delayed-progress.js";
import { downloadUpload } from "../shared/download-upload.js";
import { requireModerator } from "../shared/moderator-only.js";
import type { BotContext } from "./bot-context.js";
import { refreshOptions } from "./commands.js";
import { discordLimits, renderChunks } from "./discord-markdown.js";
import { isModerator } from "./moderation.js";
import { noPings, renderText } from "./render-discord.js";

export interface RefreshTiming {
  /** A refresh faster than this shows no progress, only the result. */
  progressDelayMs: number;
  /** Minimum time between two edits of the progress reply. */
  progressIntervalMs: number;
}

/**
 * `/refresh [actie] [url] [bestand]`: moderators only (Manage Server at run time, or a moderator
 * role); for others it throws `NOT_ALLOWED` before anything is downloaded or refreshed. A refresh
 * that takes more than a couple of seconds shows progress by editing the private reply at most
 * once a second.
 */
export async function handleRefresh(
  context: BotContext,
  interaction: ChatInputCommandInteraction,
  language: Language,
  timing: RefreshTiming = { progressDelayMs: 2000, progressIntervalMs: 1000 },
): Promise<void> {
  // A refusal is thrown (NOT_ALLOWED) and answered privately by `handleInteraction`.
  requireModerator(isModerator(interaction, context.config.moderatorRoleIds), "/refresh");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const edit = (text: string) => interaction.editReply({ content: oneMessageContent(text), allowedMentions: noPings });
  const progress = delayedProgress(edit, {
    delayMs: timing.progressDelayMs,
    intervalMs: timing.progressIntervalMs,
    onError: (error) => context.logger.warn("refresh progress edit failed", { error }),
  });
  let result: string;
  try {
    const url = interaction.options.getString(refreshOptions.url);
    const attachment = interaction.options.getAttachment(refreshOptions.file);
    const request: RefreshRequest = {
      platform: "discord",
      userId: interaction.user.id,
      action: interaction.options.getString(refreshOptions.action) === "rollback" ? "rollback" : "refresh",
      urls: url ? [url] : [],
      onProgress: (state) => progress.report(refreshProgressText(state, language)),
    };
    if (attachment) request.upload = await downloadUpload(attachment.url, attachment.name, attachment.size);
    result = refreshReportText(await context.deps.core.refresh(request), language);
  } catch (error) {
    context.logger.warn("refresh from Discord failed", { error, user: interaction.user.id });
    result = refreshFailureText(error, language);
  } finally {
    await progress.finish();
  }
  // The result replaces the private reply (the placeholder or the progress shown in it; discord.js
  // counts a progress edit as "replied", so sendPayloads would post it below instead). A result
  // longer than one message (a long URL in a reason) continues in private follow-ups: split, never cut.
  const [first, ...rest] = renderText(result);
  if (first) await interaction.editReply(first);
  for (const payload of rest) await interaction.followUp({ ...payload, flags: MessageFlags.Ephemeral });
}

/**
 * Bot text as the content of exactly one message, for a progress edit (which cannot be split):
 * the text when it fits in 2000 characters, otherwise its first part cut at a word and "…".
 */
export function oneMessageContent(text: string): string {
  const [whole = "", ...more] = renderChunks([{ text }], discordLimits.content, { escape: false });
  if (more.length === 0) return whole;
  return `${renderChunks([{ text }], discordLimits.content - 1, { escape: false })[0]!}…`;
}
