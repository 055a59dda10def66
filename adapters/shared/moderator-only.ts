import { UserInputError } from "../../src/port/errors.js";

/**
 * The permission check of every moderator command. Throws `UserInputError` with code `NOT_ALLOWED`
 * unless `isModerator`; the front end's error handler turns that into the refusal
 * (`user-error-reply.ts`), so a refused command never downloads or refreshes anything.
 */
export function requireModerator(isModerator: boolean, command: string): asserts isModerator {
  if (!isModerator) throw new UserInputError("NOT_ALLOWED", `Only moderators may use ${command}.`);
}
