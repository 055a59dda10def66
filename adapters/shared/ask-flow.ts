import type { Answer, AskContext, NieuwsbotCore } from "../../src/port/types.js";
import { UserInputError, type UserInputCode } from "../../src/port/errors.js";
import type { FeedbackStore } from "../../src/feedback/feedback-store.js";
import { hashUserId } from "../../src/feedback/feedback-record.js";
import type { Logger } from "../../src/logging/logger.js";
import { detectLanguage } from "../../src/text/language.js";
import type { QuestionRateLimiter } from "./rate-limiter.js";
import { errorReply } from "./user-error-reply.js";

/**
 * The reply pipeline every front end shares: rate limit → core → every error to the user's text →
 * feedback token. A front end only parses its event, calls `askFlow`, renders the outcome in its
 * own markup and sends it — the way a Hono adapter is a few lines around `app.fetch`.
 */

export interface AskFlowDeps {
  core: NieuwsbotCore;
  logger: Logger;
  /** Per-user question budget, keyed by `userId`; the console and the CLI have one user and pass none. */
  limiter?: QuestionRateLimiter;
  /** Remembers answers for the 👍 / 👎 and full-paragraph buttons; without it no token is made. */
  feedback?: FeedbackStore;
}

/** One question and who asks it, from where (the core's `AskContext`). */
export interface AskRequest extends AskContext {
  question: string;
}

/** Stops what `startWorking` showed; awaited before the outcome is returned. */
export type StopWorking = () => Promise<void> | void;

export interface AskHooks {
  /**
   * Called once the question is within the rate limit, before the core works: show "typing…",
   * defer an interaction. May return how to stop it again.
   */
  startWorking?: () => Promise<StopWorking | void> | StopWorking | void;
}

/**
 * What to send: an answer to render, or a text — `refused` for something the user did (rate limit,
 * empty or too long question; `code` says which), `failed` for anything else (logged here, the
 * generic apology). Texts are in the question's language, or the platform's hint when unsure.
 */
export type AskOutcome<Token extends string | undefined = string | undefined> =
  | { kind: "answered"; answer: Answer; /** The `FeedbackStore` token the answer's buttons carry. */ token: Token }
  | { kind: "refused"; code: UserInputCode; text: string }
  | { kind: "failed"; error: unknown; text: string };

/**
 * Answers one question. Never throws: every failure is an outcome carrying the user's text. With a
 * `FeedbackStore` in `deps` an answer always has its token.
 */
export function askFlow(deps: AskFlowDeps & { feedback: FeedbackStore }, request: AskRequest, hooks?: AskHooks): Promise<AskOutcome<string>>;
export function askFlow(deps: AskFlowDeps, request: AskRequest, hooks?: AskHooks): Promise<AskOutcome>;
export async function askFlow(deps: AskFlowDeps, request: AskRequest, hooks: AskHooks = {}): Promise<AskOutcome> {
  const { question, ...context } = request;
  try {
    // Per platform and hashed, as votes are: in shared mode one table counts every platform's users, without their ids.
    await deps.limiter?.consume(hashUserId(context.platform, context.userId ?? ""));
    const stopWorking = await hooks.startWorking?.();
    let answer: Answer;
    try {
      answer = await deps.core.ask(question, context);
    } finally {
      await stopWorking?.();
    }
    const token = deps.feedback?.remember(answer, context.platform);
    // Shared mode: the buttons go out once another replica can find their answer (bounded by a budget).
    if (token !== undefined) await deps.feedback?.shared(token);
    return { kind: "answered", answer, token };
  } catch (error) {
    return failure(deps.logger, error, request);
  }
}

/** The one place a failed question becomes the user's text (via `errorReply`) and a log line. */
function failure(logger: Logger, error: unknown, { question, ...context }: AskRequest): AskOutcome {
  const { text, code } = errorReply(error, detectLanguage(question, context.languageHint));
  const where = { platform: context.platform, conversationId: context.conversationId };
  if (code === undefined) {
    logger.error("answering a question failed; the user gets an apology", { ...where, error });
    return { kind: "failed", error, text };
  }
  // Refusals are the user's doing, not the operator's; only a rate limit is worth seeing at info.
  if (code === "RATE_LIMITED") logger.info("question rate-limited", { ...where, details: error instanceof UserInputError ? error.details : undefined });
  else logger.debug("question refused", { ...where, code });
  return { kind: "refused", code, text };
}
