import { MessageFlags, type ChatInputCommandInteraction } from "discord.js";
import type { Language } from "../../src/port/types.js";
import { feedbackTotals, fullStatusPages, shortStatusText } from "../shared/status-report.js";
import { sendPayloads, type BotContext } from "./bot-context.js";
import { discordLimits, markdownFormat } from "./discord-markdown.js";
import { isModerator } from "./moderation.js";
import { noPings, renderText } from "./render-discord.js";

/**
 * `/status`, always private: the short form for everyone; for moderators (Manage Server or a
 * moderator role) the full form, in messages of at most 2000 characters. Document titles and
 * links are escaped and nobody is pinged, whatever a title says.
 */
export async function handleStatus(context: BotContext, interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
  const { core, feedback } = context.deps;
  if (!isModerator(interaction, context.config.moderatorRoleIds)) {
    return sendPayloads(interaction, renderText(shortStatusText(core.status(), language, markdownFormat)), { ephemeral: true });
  }
  // Reading the audit log and the feedback file may take longer than Discord's first 3 seconds.
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const [status, totals] = await Promise.all([core.fullStatus(), feedbackTotals(feedback, context.logger)]);
  const pages = fullStatusPages(status, totals, language, { limit: discordLimits.content, format: markdownFormat });
  await sendPayloads(
    interaction,
    pages.map((content) => ({ content, embeds: [], components: [], allowedMentions: noPings })),
    { ephemeral: true },
  );
}
