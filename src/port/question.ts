import { UserInputError } from "./errors.js";

/**
 * Control, format (zero-width, bidi) and line/paragraph-separator characters: they hide text, break
 * tokenisers and can break an adapter's markup. Global, for `String.prototype.replace`; never use it
 * with `test` (a global pattern remembers where it stopped).
 */
export const controlCharacters = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;

/**
 * Cleans a question before anything else sees it: Unicode NFC, no control or zero-width
 * characters (they hide text and break tokenisers), whitespace collapsed. Throws `UserInputError`
 * for an empty or oversized question. Oversized input is rejected before any heavy work is done.
 */
export function cleanQuestion(raw: string, maxLength: number): string {
  if (raw.length > maxLength * 4) {
    throw new UserInputError("QUESTION_TOO_LONG", `Question is longer than ${maxLength} characters.`, { max: maxLength });
  }
  const cleaned = raw.normalize("NFC").replace(controlCharacters, " ").replace(/\s+/gu, " ").trim();
  if (!/[\p{L}\p{N}]/u.test(cleaned)) throw new UserInputError("EMPTY_QUESTION", "Question has no words.");
  if ([...cleaned].length > maxLength) {
    throw new UserInputError("QUESTION_TOO_LONG", `Question is longer than ${maxLength} characters.`, { max: maxLength });
  }
  return cleaned;
}
