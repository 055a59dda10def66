import { isNieuwsbotError, UserInputError } from "../core/errors.js";
import type { Language } from "../core/types.js";
import { messagesFor } from "./messages.js";

/**
 * The friendly, localized reply for an error a user can cause; undefined for anything else
 * (adapters log those and send the generic apology). Shared by every adapter so the wording is
 * the same everywhere.
 */
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
