import type { Message } from "discord.js";
import { messagesFor } from "../../src/answer/messages.js";
import { userErrorReply } from "../../src/answer/user-error-reply.js";
import type { Logger } from "../../src/logging/logger.js";
import { detectLanguage } from "../../src/text/language.js";
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
  return content.replace(new RegExp(`<@[!&]?(?:${ids})>`, "g"), " ").replace(/\s+/g, " ").trim();
}

/** Ids of the bot's own managed role(s) mentioned in the message (users often pick the role). */
function botRoleIds(message: Message, botId: string): string[] {
  return [...message.mentions.roles.values()].filter((role) => role.tags?.botId === botId).map((role) => role.id);
}

/**
 * Answers a mention, DM or follow-up in the same channel, as a reply to the question, with the
 * typing indicator shown while the core works. The core keeps no conversation memory, so a
 * follow-up is answered on its own. Errors are logged and answered with an apology.
 */
export async function handleMessage(context: BotContext, message: Message): Promise<void> {
  const botId = message.client.user.id;
  const trigger = messageTrigger(message, botId);
  if (!trigger) return;
  const question = stripBotMentions(message.content, botId, message.inGuild() ? botRoleIds(message, botId) : []);
  const language = detectLanguage(question);
  try {
    const decision = await context.limiter.consume(message.author.id);
    if (!decision.allowed) {
      await message.reply({ content: messagesFor(language).rateLimited(decision.retryAfterSeconds), allowedMentions: noPings });
      return;
    }
    const stopTyping = keepTyping(message, context.logger);
    let payloads: DiscordPayload[];
    try {
      const answer = await context.deps.core.ask(question, {
        platform: "discord",
        userId: message.author.id,
        conversationId: message.channelId,
      });
      payloads = renderAnswer(answer, { token: context.deps.feedback.remember(answer, "discord") });
    } finally {
      stopTyping();
    }
    await sendReplies(message, payloads);
  } catch (error) {
    const reply = userErrorReply(error, language);
    if (!reply) context.logger.error("discord message failed; the user gets an apology", { error, message: message.id, trigger });
    try {
      await message.reply({ content: reply ?? messagesFor(language).failed, allowedMentions: noPings });
    } catch (replyError) {
      context.logger.error("could not send the reply to a failed question either", { error: replyError, message: message.id });
    }
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

/** Shows "Nieuwsbot is typing…" until the returned function is called. */
function keepTyping(message: Message, logger: Logger): () => void {
  const channel = message.channel;
  if (!channel.isSendable()) return () => undefined;
  const send = () => {
    channel.sendTyping().catch((error: unknown) => logger.warn("typing indicator failed", { error, channel: channel.id }));
  };
  send();
  const timer = setInterval(send, typingRenewMs);
  timer.unref();
  return () => clearInterval(timer);
}
