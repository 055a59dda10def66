import type { Message } from "discord.js";
import { askFlow, type AskOutcome } from "../shared/ask-flow.js";
import { keepTyping } from "../shared/typing-indicator.js";
import { errorReply } from "../shared/user-error-reply.js";
import type { BotContext } from "./bot-context.js";
import { noPings, renderAnswer, type DiscordPayload } from "./render-discord.js";

/** Why a message is treated as a question; undefined means it is not for the bot. */
export type MessageTrigger = "dm" | "mention" | "follow-up";

/** How often the typing indicator is renewed; Discord shows it for about 10 seconds. */
const typingRenewMs = 8_000;

/**
 * Decides whether a message is a question: any DM, a message that mentions the bot (the user or
 * its managed role — `@everyone` does not count), or a reply to one of the bot's messages (a
 * follow-up). Bots, including this one, are ignored so two bots cannot talk in a loop.
 */
export function messageTrigger(message: Message, botId: string): MessageTrigger | undefined {
  if (message.author.bot || message.system) return undefined;
  if (!message.inGuild()) return "dm";
  if (message.mentions.users.has(botId) && message.mentions.repliedUser?.id !== botId) return "mention";
  if (botRoleIds(message, botId).length > 0) return "mention";
  if (message.mentions.repliedUser?.id === botId) return "follow-up";
  return undefined;
}

/** The question without the bot's mentions. */
export function stripBotMentions(content: string, botId: string, roleIds: readonly string[] = []): string {
  const ids = [botId, ...roleIds].join("|");
  return content
    .replace(new RegExp(`<@[!&]?(?:${ids})>`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Ids of the bot's own managed role(s) mentioned in the message (users often pick the role). */
function botRoleIds(message: Message, botId: string): string[] {
  return [...message.mentions.roles.values()].filter((role) => role.tags?.botId === botId).map((role) => role.id);
}

/**
 * Answers a mention, DM or follow-up in the same channel, as a reply to the question, with the
 * typing indicator shown while the core works. The core keeps no conversation memory, so a
 * follow-up is answered on its own.
 */
export async function handleMessage(context: BotContext, message: Message): Promise<void> {
  const botId = message.client.user.id;
  const trigger = messageTrigger(message, botId);
  if (!trigger) return;
  const question = stripBotMentions(message.content, botId, message.inGuild() ? botRoleIds(message, botId) : []);
  const channel = message.channel;
  const outcome = await askFlow(
    context.ask,
    { question, platform: "discord", userId: message.author.id, conversationId: message.channelId },
    {
      startWorking: () => {
        if (!channel.isSendable()) return;
        const onError = (error: unknown) => context.logger.warn("typing indicator failed", { error, channel: channel.id });
        return keepTyping(() => channel.sendTyping(), typingRenewMs, onError).stop;
      },
    },
  );
  await sendOutcome(context, message, outcome);
}

/** Sends the answer or the flow's text; an answer that cannot be sent is followed by an apology. */
async function sendOutcome(context: BotContext, message: Message, outcome: AskOutcome<string>): Promise<void> {
  const logError = (text: string, error: unknown) => context.logger.error(text, { error, message: message.id });
  if (outcome.kind !== "answered") {
    await message
      .reply({ content: outcome.text, allowedMentions: noPings })
      .catch((error: unknown) => logError("could not send the reply to a question", error));
    return;
  }
  try {
    await sendReplies(message, renderAnswer(outcome.answer, { token: outcome.token }));
  } catch (error) {
    logError("discord answer could not be sent; the user gets an apology", error);
    const apology = errorReply(error, outcome.answer.language).text;
    await message
      .reply({ content: apology, allowedMentions: noPings })
      .catch((apologyError: unknown) => logError("could not send the apology either", apologyError));
  }
}

/** The first payload replies to the question; the rest of a split answer follows in the channel. */
async function sendReplies(message: Message, payloads: DiscordPayload[]): Promise<void> {
  const [first, ...rest] = payloads;
  if (!first) return;
  await message.reply(first);
  for (const payload of rest) {
    if (message.channel.isSendable()) await message.channel.send(payload);
    else await message.reply(payload);
  }
}
