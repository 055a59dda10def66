import { MessageFlags, type RepliableInteraction } from "discord.js";
import type { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Logger } from "../../src/logging/logger.js";
import type { AdapterDeps } from "../shared/adapter.js";
import type { AskFlowDeps } from "../shared/ask-flow.js";
import type { DiscordConfig } from "./discord-config.js";
import { noPings, renderText, type DiscordPayload } from "./render-discord.js";

/** What every Discord handler needs; built once per client by `DiscordBot`. */
export interface BotContext {
  deps: AdapterDeps;
  config: DiscordConfig;
  /** What `askFlow` needs, with the per-user question budget keyed by Discord user id. */
  ask: AskFlowDeps & { feedback: FeedbackStore };
  logger: Logger;
}

/**
 * Sends text only the interacting user sees, whatever state the interaction is in. A public
 * "is thinking…" placeholder cannot become private, so it is deleted and followed up privately.
 */
export async function replyPrivately(interaction: RepliableInteraction, text: string, logger: Logger): Promise<void> {
  const [first, ...rest] = renderText(text);
  const ephemeral = (payload: DiscordPayload) => ({ ...payload, flags: MessageFlags.Ephemeral as const });
  if (interaction.deferred && !interaction.replied && interaction.ephemeral) {
    await interaction.editReply({ content: first!.content, allowedMentions: noPings });
  } else if (interaction.deferred || interaction.replied) {
    if (interaction.isChatInputCommand() && interaction.deferred && !interaction.replied) {
      try {
        await interaction.deleteReply();
      } catch (error) {
        // The placeholder stays visible; the private follow-up below still reaches the user.
        logger.warn("could not delete the public placeholder before a private reply", { error });
      }
    }
    await interaction.followUp(ephemeral(first!));
  } else {
    await interaction.reply(ephemeral(first!));
  }
  for (const payload of rest) await interaction.followUp(ephemeral(payload));
}

/** Sends rendered payloads as the interaction's reply: the first replaces the deferred placeholder, the rest follow up. */
export async function sendPayloads(interaction: RepliableInteraction, payloads: DiscordPayload[], options: { ephemeral?: boolean } = {}): Promise<void> {
  const flags = options.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
  const [first, ...rest] = payloads;
  if (!first) return;
  if (interaction.deferred && !interaction.replied) await interaction.editReply(first);
  else if (interaction.replied) await interaction.followUp({ ...first, ...flags });
  else await interaction.reply({ ...first, ...flags });
  for (const payload of rest) await interaction.followUp({ ...payload, ...flags });
}
