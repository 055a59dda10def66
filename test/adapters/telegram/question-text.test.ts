import { describe, expect, test } from "vitest";
import type { Message, UserFromGetMe } from "grammy/types";
import { inferEntities } from "../../../adapters/telegram/infer-entities.js";
import { questionFromMessage, stripMentions } from "../../../adapters/telegram/question-text.js";

const me = { id: 99, is_bot: true, first_name: "Nieuwsbot", username: "NieuwsTestBot" } as UserFromGetMe;
const user = { id: 1, is_bot: false, first_name: "Anna" };

function message(text: string, chatType: "private" | "supergroup", extra: Partial<Message> = {}): Message {
  const entities = [...text.matchAll(/@\w+/g)].map((match) => ({ type: "mention" as const, offset: match.index, length: match[0].length }));
  const command = /^\/\w+(@\w+)?/.exec(text);
  if (command) entities.unshift({ type: "bot_command" as never, offset: 0, length: command[0].length });
  return {
    message_id: 1,
    date: 0,
    chat: chatType === "private" ? { id: 1, type: "private", first_name: "Anna" } : { id: -5, type: "supergroup", title: "G" },
    from: user,
    text,
    entities,
    ...extra,
  } as Message;
}

describe("questionFromMessage", () => {
  test("in a private chat every text is a question", () => {
    expect(questionFromMessage(message("  Wie levert Iris-T?  ", "private"), me)).toBe("Wie levert Iris-T?");
  });

  test("commands are not questions (they have their own handlers)", () => {
    expect(questionFromMessage(message("/status", "private"), me)).toBeUndefined();
  });

  test("in a group, plain chatter is ignored", () => {
    expect(questionFromMessage(message("Wie levert Iris-T?", "supergroup"), me)).toBeUndefined();
    expect(questionFromMessage(message("Vraag het @AnderBot", "supergroup"), me)).toBeUndefined();
  });

  test("in a group, an @mention of the bot is a question without the mention (any case)", () => {
    expect(questionFromMessage(message("@nieuwstestbot wie levert Iris-T?", "supergroup"), me)).toBe("wie levert Iris-T?");
    expect(questionFromMessage(message("Wie levert Iris-T, @NieuwsTestBot ?", "supergroup"), me)).toBe("Wie levert Iris-T, ?");
  });

  test("in a group, a reply to the bot is a question; a reply to someone else is not", () => {
    const toBot = { reply_to_message: { message_id: 7, date: 0, chat: { id: -5, type: "supergroup", title: "G" }, from: me } } as unknown as Partial<Message>;
    const toUser = {
      reply_to_message: { message_id: 7, date: 0, chat: { id: -5, type: "supergroup", title: "G" }, from: user },
    } as unknown as Partial<Message>;
    expect(questionFromMessage(message("En Nasams?", "supergroup", toBot), me)).toBe("En Nasams?");
    expect(questionFromMessage(message("En Nasams?", "supergroup", toUser), me)).toBeUndefined();
  });

  test("messages from other bots and messages without text are ignored", () => {
    expect(questionFromMessage(message("Hoi", "private", { from: { id: 3, is_bot: true, first_name: "B" } }), me)).toBeUndefined();
    expect(questionFromMessage({ ...message("x", "private"), text: undefined } as Message, me)).toBeUndefined();
  });

  test("an anonymous group admin (a bot user with sender_chat) is a person", () => {
    const anonymous = {
      from: { id: 1087968824, is_bot: true, first_name: "Group" },
      sender_chat: { id: -5, type: "supergroup", title: "G" },
    } as Partial<Message>;
    expect(questionFromMessage(message("@NieuwsTestBot wie levert Iris-T?", "supergroup", anonymous), me)).toBe("wie levert Iris-T?");
  });

  test("stripMentions keeps other users' mentions and handles emoji offsets (UTF-16)", () => {
    const text = "😀 @NieuwsTestBot vraag @iemand";
    const entities = [
      { type: "mention" as const, offset: 3, length: 14 },
      { type: "mention" as const, offset: 24, length: 7 },
    ];
    expect(stripMentions(text, entities, me)).toBe("😀 vraag @iemand");
  });
});

describe("inferEntities (for Bot API servers that omit entities)", () => {
  test("finds a leading command, with or without @BotName", () => {
    expect(inferEntities("/ask@NieuwsTestBot wie?")).toEqual([{ type: "bot_command", offset: 0, length: 18 }]);
    expect(inferEntities("/status")).toEqual([{ type: "bot_command", offset: 0, length: 7 }]);
    expect(inferEntities("geen /commando")).toEqual([]);
  });

  test("finds @mentions but not e-mail addresses or short handles", () => {
    expect(inferEntities("Hoi @NieuwsTestBot, en @abc en jan@voorbeeld.nl")).toEqual([{ type: "mention", offset: 4, length: 14 }]);
  });
});
