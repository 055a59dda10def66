import { UserInputError } from "./errors.js";

/**
 * Cleans a question before anything else sees it: Unicode NFC, no control or zero-width
 * characters (they hide text and break tokenisers), whitespace collapsed. Throws `UserInputError`
 * for an empty or oversized question. Oversized input is rejected before any heavy work is done.
 */
export function cleanQuestion(raw: string, maxLength: number): string {
  if (raw.length > maxLength * 4) {
    throw new UserInputError("QUESTION_TOO_LONG", `Question is longer than ${maxLength} characters.`, { max: maxLength });
  }
  const cleaned = raw
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  if (!/[\p{L}\p{N}]/u.test(cleaned)) throw new UserInputError("EMPTY_QUESTION", "Question has no words.");
  if ([...cleaned].length > maxLength) {
    throw new UserInputError("QUESTION_TOO_LONG", `Question is longer than ${maxLength} characters.`, { max: maxLength });
  }
  return cleaned;
}
