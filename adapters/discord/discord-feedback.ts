import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type APIActionRowComponent,
  type APIButtonComponent,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
} from "discord.js";
import type { Language } from "../../src/port/types.js";
import { feedbackReportPages } from "../shared/feedback-report.js";
import { requireModerator } from "../shared/moderator-only.js";
import type { BotContext } from "./bot-context.js";
import { feedbackPageOption } from "./commands.js";
import { discordLimits, markdownFormat } from "./discord-markdown.js";
import { discordTextsFor } from "./discord-texts.js";
import { isModerator } from "./moderation.js";
import { noPings, type DiscordPayload } from "./render-discord.js";

/** Custom id of the page buttons under the report: `fbpage:<page>`. */
export const feedbackPageButton = /^fbpage:(\d{1,4})$/;

/**
 * `/feedback [pagina]` for moderators (Manage Server, or a moderator role): 👍/👎 counts per corpus
 * version and the latest 👎 answers, as a private reply of at most 2000 characters per page with
 * ‹ / › buttons. Others get `NOT_ALLOWED`, answered privately by `handleInteraction`.
 */
export async function handleFeedback(context: BotContext, interaction: ChatInputCommandInteraction, language: Language): Promise<void> {
  requireModerator(isModerator(interaction, context.config.moderatorRoleIds), "/feedback");
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const { content, components, allowedMentions } = await reportPage(context, language, interaction.options.getInteger(feedbackPageOption) ?? 1);
  await interaction.editReply({ content, components, allowedMentions });
}

/** ‹ or › under the report: the same private message shows the other page, read afresh. */
export async function handleFeedbackPage(context: BotContext, interaction: ButtonInteraction, page: number, language: Language): Promise<void> {
  requireModerator(isModerator(interaction, context.config.moderatorRoleIds), "/feedback");
  const { content, components, allowedMentions } = await reportPage(context, language, page);
  await interaction.update({ content, components, allowedMentions });
}

/** One page of the current report (the nearest one when `requested` is out of range) and its buttons. */
async function reportPage(context: BotContext, language: Language, requested: number): Promise<DiscordPayload & { content: string }> {
  const pages = feedbackReportPages(await context.deps.feedback.summary(), language, { limit: discordLimits.content, format: markdownFormat });
  const page = Math.min(Math.max(1, Number.isInteger(requested) ? requested : 1), pages.length);
  return { content: pages[page - 1]!, embeds: [], components: pageButtons(page, pages.length, language), allowedMentions: noPings };
}

/** ‹ and › where there is a page to go to; no row for a one-page report. */
function pageButtons(page: number, pages: number, language: Language): APIActionRowComponent<APIButtonComponent>[] {
  const text = discordTextsFor(language);
  const buttons: APIButtonComponent[] = [];
  if (page > 1) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: text.feedbackPrevious, custom_id: `fbpage:${page - 1}` });
  if (page < pages) buttons.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: text.feedbackNext, custom_id: `fbpage:${page + 1}` });
  return buttons.length > 0 ? [{ type: ComponentType.ActionRow, components: buttons }] : [];
}
