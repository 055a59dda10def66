import type { Message, MessageEntity, UserFromGetMe } from "grammy/types";

/**
 * Decides whether a text message is addressed to the bot and, if so, what the question is.
 * Pure, so the group etiquette (answer only when spoken to) is tested without a network.
 *
 * - Private chat: every text message that is not a command is a question.
 * - Group: a message that @mentions the bot (the mention is removed) or replies to one of the bot's
 *   own messages. `/ask` is handled as a command elsewhere.
 * - Anything else, including messages from other bots, is not for us: undefined.
 */
export function questionFromMessage(message: Message, me: UserFromGetMe): string | undefined {
  const text = message.text;
  // Never answer other bots (two bots could talk each other into a loop). Anonymous group admins
  // also arrive as a bot ("GroupAnonymousBot"), but with sender_chat set: those are people.
  if (text === undefined || (message.from?.is_bot && message.sender_chat === undefined)) return undefined;
  const entities = message.entities ?? [];
  if (startsWithCommand(entities)) return undefined;
  if (message.chat.type === "private") return stripMentions(text, entities, me);
  const mentioned = entities.some((entity) => mentionsMe(text, entity, me));
  const repliesToMe = message.reply_to_message?.from?.id === me.id;
  return mentioned || repliesToMe ? stripMentions(text, entities, me) : undefined;
}

function startsWithCommand(entities: readonly MessageEntity[]): boolean {
  return entities.some((entity) => entity.type === "bot_command" && entity.offset === 0);
}

function mentionsMe(text: string, entity: MessageEntity, me: UserFromGetMe): boolean {
  if (entity.type === "text_mention") return entity.user.id === me.id;
  if (entity.type !== "mention") return false;
  // Entity offsets count UTF-16 code units, exactly like JavaScript string indices.
  return text.slice(entity.offset, entity.offset + entity.length).toLowerCase() === `@${me.username.toLowerCase()}`;
}

/** The text without the bot's own @mentions, whitespace collapsed. Other users' mentions stay. */
export function stripMentions(text: string, entities: readonly MessageEntity[], me: UserFromGetMe): string {
  let result = text;
  const mine = entities.filter((entity) => mentionsMe(text, entity, me)).sort((a, b) => b.offset - a.offset);
  for (const entity of mine) result = result.slice(0, entity.offset) + " " + result.slice(entity.offset + entity.length);
  return result.replace(/\s+/g, " ").trim();
}
