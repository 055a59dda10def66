import type { MessageEntity } from "grammy/types";

/**
 * The `bot_command` and `mention` entities Telegram would attach to a text. Telegram always sends
 * entities, and grammY's command matching relies on them; a self-hosted or test Bot API server
 * that leaves them out would otherwise make `/ask` and @mentions invisible. Only used for messages
 * that arrive with no entities at all, so real Telegram data is never second-guessed.
 */
export function inferEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)/.exec(text);
  if (command) entities.push({ type: "bot_command", offset: 0, length: command[0].length });
  // Usernames are 5–32 characters; an @ inside a word (an e-mail address) is not a mention.
  for (const match of text.matchAll(/(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{4,31}(?![\w@])/g)) {
    entities.push({ type: "mention", offset: match.index, length: match[0].length });
  }
  return entities;
}
