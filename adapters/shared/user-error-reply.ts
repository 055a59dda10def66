import { messagesFor } from "../../src/answer/messages.js";
import { isNieuwsbotError, UserInputError, type UserInputCode } from "../../src/port/errors.js";
import type { Language } from "../../src/port/types.js";

/**
 * The one place where errors become the user's text, for every front end: a `UserInputError`
 * (empty or too long question, rate limit, moderator-only command) gets its friendly, localized
 * reply; anything else gets the generic apology, and the caller logs it.
 */

/** The friendly, localized reply for an error a user can cause; undefined for anything else. */
export function userErrorReply(error: unknown, language: Language): string | undefined {
  if (!isNieuwsbotError(error) || !(error instanceof UserInputError)) return undefined;
  const text = messagesFor(language);
  switch (error.code) {
    case "EMPTY_QUESTION":
      return text.emptyQuestion;
    case "QUESTION_TOO_LONG":
      return text.questionTooLong(Number(error.details.max ?? 0));
    case "RATE_LIMITED":
      return text.rateLimited(Number(error.details.retryAfterSeconds ?? 60));
    case "NOT_ALLOWED":
      return text.notAllowed;
  }
}

/** What to tell the user about any error: `code` is set exactly when the user caused it. */
export interface ErrorReply {
  text: string;
  code?: UserInputCode;
}

/** The user's text for any error: the friendly reply for a user error, else the generic apology. */
export function errorReply(error: unknown, language: Language): ErrorReply {
  const text = userErrorReply(error, language);
  if (text === undefined) return { text: messagesFor(language).failed };
  return { text, code: (error as UserInputError).code };
}
