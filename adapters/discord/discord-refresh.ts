import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import { refreshFailureText, refreshProgressText, refreshReportText } from "../../src/answer/refresh-messages.js";
import type { Language, RefreshRequest } from "../../src/port/types.js";
import { delayedProgress } from "../shared/delayed-progress.js";
import { downloadUpload } from "../shared/download-upload.js";
import { requireModerator } from "../shared/moderator-only.js";
import { sendPayloads, type BotContext } from "./bot-context.js";
import { refreshOptions } from "./commands.js";
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
  const edit = (text: string) => interaction.editReply({ content: text, allowedMentions: noPings });
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
  await sendPayloads(interaction, renderText(result), { ephemeral: true });
}
