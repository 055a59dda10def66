import { InlineKeyboard } from "grammy";
import type { Rating } from "../../src/feedback/feedback-store.js";
import type { Answer } from "../../src/port/types.js";
import { telegramTextsFor } from "./telegram-texts.js";

/**
 * The buttons under an answer and the callback data they carry. Telegram allows 64 bytes of
 * callback data, so buttons carry the FeedbackStore's short token, never the answer itself.
 */

/** Callback data is short, ASCII and unambiguous: `fb:up:<token>`, `full:<token>:<citation index>`. */
export const callbackData = {
  feedback: (rating: Rating, token: string) => `fb:${rating}:${token}`,
  fullPassage: (token: string, citation: number) => `full:${token}:${citation}`,
};

/** Matches feedback button data; groups: rating, token. */
export const feedbackPattern = /^fb:(up|down):([A-Za-z0-9_-]{1,32})$/;
/** Matches "show full paragraph" button data; groups: token, citation index. */
export const fullPassagePattern = /^full:([A-Za-z0-9_-]{1,32}):(\d{1,2})$/;

/** 👍 / 👎 for every answer, plus one "show full paragraph" button per passage that was shortened. */
export function answerKeyboard(answer: Answer, token: string, shortened: readonly number[]): InlineKeyboard {
  const keyboard = new InlineKeyboard().text("👍", callbackData.feedback("up", token)).text("👎", callbackData.feedback("down", token));
  const text = telegramTextsFor(answer.language);
  for (const index of shortened) {
    const citation = answer.citations[index];
    if (citation) keyboard.row().text(text.fullParagraph(citation.paragraph), callbackData.fullPassage(token, index));
  }
  return keyboard;
}
