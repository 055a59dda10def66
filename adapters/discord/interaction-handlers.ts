import { ApplicationCommandOptionType, type ButtonInteraction, type ChatInputCommandInteraction, type Interaction } from "discord.js";
import { askFlow } from "../shared/ask-flow.js";
import { languageFromLocale } from "../shared/locale-language.js";
import { errorReply } from "../shared/user-error-reply.js";
import { replyPrivately, sendPayloads, type BotContext } from "./bot-context.js";
import { feedbackPageButton, handleFeedback, handleFeedbackPage } from "./discord-feedback.js";
import { handleRefresh } from "./discord-refresh.js";
import { handleStatus } from "./discord-status.js";
import { commandNames, questionOption } from "./commands.js";
import { discordTextsFor } from "./discord-texts.js";
import { parseButtonId, renderAnswer, renderFullPassage, renderText } from "./render-discord.js";

/**
 * Entry point for every interaction. Errors never escape: a user error (a refused moderator command)
 * gets its private reply, anything else is logged and the user gets a private apology, so one
 * failing command cannot take the client down.
 */
export async function handleInteraction(context: BotContext, interaction: Interaction): Promise<void> {
  if (!interaction.isRepliable()) return; // Autocomplete is not used by these commands.
  const language = languageFromLocale(interaction.locale);
  try {
    if (interaction.isChatInputCommand()) await handleCommand(context, interaction);
    else if (interaction.isButton()) await handleButton(context, interaction);
    // Other components and context-menu commands are not registered by this bot; still answer them.
    else await replyPrivately(interaction, discordTextsFor(language).unknownCommand, context.logger);
  } catch (error) {
    const reply = errorReply(error, language);
    if (reply.code) context.logger.info("discord interaction refused", { code: reply.code, interaction: describe(interaction) });
    else context.logger.error("discord interaction failed; the user gets an apology", { error, interaction: describe(interaction) });
    try {
      await replyPrivately(interaction, reply.text, context.logger);
    } catch (replyError) {
      context.logger.error("could not send the reply to a failed interaction either", { error: replyError, interaction: describe(interaction) });
    }
  }
}

async function handleCommand(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const language = languageFromLocale(interaction.locale);
  switch (interaction.commandName) {
    case commandNames.ask:
      return handleAsk(context, interaction);
    case commandNames.status:
      return handleStatus(context, interaction, language);
    case commandNames.help:
      return sendPayloads(interaction, renderText(discordTextsFor(language).help), { ephemeral: true });
    case commandNames.refresh:
      return handleRefresh(context, interaction, language);
    case commandNames.feedback:
      return handleFeedback(context, interaction, language);
    default:
      // A stale registration (e.g. a removed command): say so instead of letting it time out.
      context.logger.warn("unknown slash command", { command: interaction.commandName });
      return replyPrivately(interaction, discordTextsFor(language).unknownCommand, context.logger);
  }
}

/**
 * `/ask`: deferred as soon as the question is within the rate limit (Discord allows 3 seconds for
 * the first response), then the placeholder is replaced by the answer. Refusals and apologies are private.
 */
async function handleAsk(context: BotContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const request = {
    question: questionFrom(interaction),
    platform: "discord" as const,
    userId: interaction.user.id,
    conversationId: interaction.channelId ?? undefined,
    languageHint: interaction.locale,
  };
  const outcome = await askFlow(context.ask, request, {
    startWorking: async () => {
      await interaction.deferReply();
    },
  });
  if (outcome.kind !== "answered") return replyPrivately(interaction, outcome.text, context.logger);
  await sendPayloads(interaction, renderAnswer(outcome.answer, { token: outcome.token }));
}

/** The `vraag` option; any string option if a client sent another name (it should not). */
function questionFrom(interaction: ChatInputCommandInteraction): string {
  const named = interaction.options.get(questionOption)?.value;
  if (typeof named === "string") return named;
  const first = interaction.options.data.find((option) => option.type === ApplicationCommandOptionType.String);
  return typeof first?.value === "string" ? first.value : "";
}

/** 👍 / 👎 store feedback; "show full paragraph" sends the passage privately; ‹ / › page `/feedback`. Every click is answered. */
async function handleButton(context: BotContext, interaction: ButtonInteraction): Promise<void> {
  const feedbackPage = feedbackPageButton.exec(interaction.customId);
  if (feedbackPage) return handleFeedbackPage(context, interaction, Number(feedbackPage[1]), languageFromLocale(interaction.locale));
  const action = parseButtonId(interaction.customId);
  const localeTexts = discordTextsFor(languageFromLocale(interaction.locale));
  if (!action) return replyPrivately(interaction, localeTexts.unknownButton, context.logger);
  const answer = await context.deps.feedback.lookup(action.token);
  const texts = answer ? discordTextsFor(answer.language) : localeTexts;
  if (action.kind === "feedback") {
    const stored = await context.deps.feedback.record(action.token, action.rating, interaction.user.id, "discord");
    return replyPrivately(interaction, stored ? texts.feedbackThanks : texts.feedbackExpired, context.logger);
  }
  const citation = answer?.citations[action.citation];
  if (!answer || !citation) return replyPrivately(interaction, texts.passageExpired, context.logger);
  await sendPayloads(interaction, renderFullPassage(citation, answer.language), { ephemeral: true });
}

/** Enough to find an interaction in the logs; never the token. */
function describe(interaction: Interaction): Record<string, unknown> {
  return {
    id: interaction.id,
    type: interaction.type,
    command: interaction.isChatInputCommand() ? interaction.commandName : undefined,
    customId: interaction.isButton() ? interaction.customId : undefined,
    user: interaction.user.id,
    guild: interaction.guildId,
  };
}
