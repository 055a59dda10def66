import type { Answerer, AnswerRequest } from "../answer/answerer.js";
import { answerExtractively, describeTitles } from "../answer/extractive-answerer.js";
import { messagesFor } from "../answer/messages.js";
import { controlCharacters } from "../port/question.js";
import type { Answer, AskContext } from "../port/types.js";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import { answerability } from "../answer/answerable.js";
import { isInOtherLanguage } from "../text/language.js";
import { buildAnswerMessages } from "./answer-prompt.js";
import type { GeneratedAnswer } from "./answer-schema.js";
import type { CircuitBreaker } from "../util/circuit-breaker.js";
import type { ConversationStore } from "./conversation-store.js";
import { generativeMessagesFor, type GenerativeMessages } from "./generative-messages.js";
import { checkGrounding, type SameName } from "./grounding.js";
import { isAvailabilityFault, ModelError, toModelError } from "./model-error.js";
import { verifyCitations } from "./verify-citations.js";
import type { Candidate } from "../retrieval/hybrid-retriever.js";
import type { BaseMessage } from "@langchain/core/messages";

/** The one model call the answerer needs; `StructuredCall` in production, anything in tests. */
export interface AnswerModel {
  invoke(messages: BaseMessage[]): Promise<GeneratedAnswer>;
}

/** Collaborators and limits of a {@link GenerativeAnswerer}. */
export interface GenerativeAnswererOptions {
  model: AnswerModel;
  /** Passages (best first) shown to the model. */
  maxPassages: number;
  breaker: CircuitBreaker;
  /** Shared with the rewriter: where a follow-up's standalone form is found. */
  memory?: ConversationStore;
  logger?: Logger;
  /** `openai:gpt-4o-mini`, for logs. */
  label: string;
  /**
   * Cross-language name knowledge for the grounding check (`Kyiv` ~ `Kiev`, `Germany` ~
   * `Duitsland`). Without it, a name must be spelled (nearly) as in the cited sentences or the question.
   */
  sameName?: SameName;
}

/** Longest generated answer passed on; the quote carries the detail, the answer should be short. */
const maxAnswerChars = 1200;

/**
 * Answers in the asker's language with a language model, grounded in the retrieved passages and
 * verified: every citation must name a passage that was shown to the model and quote a sentence
 * that really is in it (see `verifyCitations`); the reply still quotes the Dutch paragraph.
 *
 * Decisions, in order:
 * 1. Retrieval below the calibrated threshold, or every relevant passage silent on a name, price or
 *    asked fact in the question (`answerability`) → refuse exactly like the extractive mode, without a call.
 * 2. Model skipped (circuit open) or failed — time-out, 429, 5xx, unreachable, malformed or empty
 *    output → the extractive answer plus a note that the model was unavailable. Logged, never thrown.
 * 3. The model says the passages do not answer → **abstain**. The model read the passages; when it
 *    finds no answer there, quoting the best-scoring paragraph anyway would be the guess the bot
 *    promises not to make.
 * 4. No citation survives verification, or the answer is clearly in the wrong language →
 *    **fall back to the extractive answer** (plus a short note): the model's text cannot be
 *    trusted, but retrieval found a relevant passage, and the extractive answer is grounded by
 *    construction. Unverified generated text is never shown.
 * 5. The answer states a number, date, name or quoted phrase the cited sentences do not contain
 *    (names may also come from the question; see `checkGrounding`): `vijf batterijen` citing the
 *    sentence that says `twee` → **fall back to the extractive answer** with a note saying so, and
 *    log the claims. Real citations do not make the sentence around them true.
 * 6. Otherwise → the model's answer with the verified citations, `mode: "generative"`.
 */
export class GenerativeAnswerer implements Answerer {
  readonly mode = "generative" as const;
  private readonly logger: Logger;

  constructor(private readonly options: GenerativeAnswererOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  async answer(request: AnswerRequest): Promise<Answer> {
    // Off-topic or near-topic: refused exactly like the extractive mode, without a model call.
    const found = answerability(request.candidates, request.threshold);
    if (found.status !== "answerable") return this.remember(request.context, answerExtractively(request));
    if (this.options.breaker.isOpen()) {
      this.logger.debug("language model skipped during cool-down; answering extractively", { model: this.options.label });
      return this.remember(request.context, fallback(request, "modelUnavailable"));
    }
    const shown = found.candidates.slice(0, this.options.maxPassages);
    const conversation = request.context.conversationId;
    const standalone = conversation ? this.options.memory?.standaloneFor(conversation, request.question) : undefined;
    const output = await this.generate(standalone ?? request.question, request, shown);
    if (!output) return this.remember(request.context, fallback(request, "modelUnavailable"));
    if (!output.answerable) {
      this.logger.info("language model found no answer in the passages; abstaining", { model: this.options.label });
      const text = messagesFor(request.language).abstain(describeTitles(request.titles, request.language));
      return this.remember(request.context, { ...base(request), text, abstained: true, citations: [], mode: "generative" });
    }
    // The asker's own words may name things (`Germany`, `Kyiv`); both forms of a follow-up count.
    const question = standalone && standalone !== request.question ? `${request.question}\n${standalone}` : request.question;
    return this.remember(request.context, this.verified(output, request, shown, question));
  }

  /** The model's structured answer, or undefined when the call failed (logged; the breaker counts it). */
  private async generate(question: string, request: AnswerRequest, shown: readonly Candidate[]): Promise<GeneratedAnswer | undefined> {
    const { breaker } = this.options;
    try {
      const output = await this.options.model.invoke(buildAnswerMessages({ question, language: request.language, passages: shown }));
      breaker.recordSuccess();
      if (output.answerable && cleanAnswer(output.answer) === "") throw new ModelError("MODEL_OUTPUT_INVALID", "the model returned an empty answer");
      return output;
    } catch (error) {
      const fault = toModelError(error);
      if (isAvailabilityFault(fault.code)) breaker.recordFailure();
      this.logger.warn("language model failed; answering extractively", {
        model: this.options.label,
        code: fault.code,
        status: fault.status,
        reason: fault.message,
      });
      return undefined;
    }
  }

  /** Decisions 4–6: the generated answer if its citations, language and claims check out, else the extractive one with a note. */
  private verified(output: GeneratedAnswer, request: AnswerRequest, shown: readonly Candidate[], question: string): Answer {
    const { citations, rejected } = verifyCitations(output.citations, shown);
    if (rejected.length > 0) {
      this.logger.warn("dropped citations that failed verification", {
        model: this.options.label,
        rejected: rejected.map((claim) => ({ passage: claim.passage, reason: claim.reason, sentence: claim.sentence.slice(0, 120) })),
      });
    }
    const text = cleanAnswer(output.answer);
    if (citations.length === 0) {
      this.logger.warn("no citation survived verification; answering extractively", { model: this.options.label });
      return fallback(request, "modelUnverified");
    }
    if (isInOtherLanguage(text, request.language)) {
      this.logger.warn("language model answered in the wrong language; answering extractively", { model: this.options.label, expected: request.language });
      return fallback(request, "modelUnverified");
    }
    const grounding = checkGrounding(text, { sentences: citations.map((citation) => citation.sentence), question }, { sameName: this.options.sameName });
    if (!grounding.grounded) {
      this.logger.warn("generated answer states what the cited sentences do not; answering extractively", {
        model: this.options.label,
        unsupported: grounding.unsupported.slice(0, 10).map((claim) => ({ kind: claim.kind, text: claim.text.slice(0, 80) })),
      });
      return fallback(request, "modelUngrounded");
    }
    return { ...base(request), text, abstained: false, citations, mode: "generative" };
  }

  /** Keeps the reply for the next follow-up (awaited: another replica may get that one a moment later). */
  private async remember(context: AskContext, answer: Answer): Promise<Answer> {
    if (context.conversationId) await this.options.memory?.attachAnswer(context.conversationId, answer.question, answer.text);
    return answer;
  }
}

function base(request: AnswerRequest): Pick<Answer, "language" | "corpusVersion" | "question"> {
  return { language: request.language, corpusVersion: request.corpusVersion, question: request.question };
}

/** The extractive answer, with a note saying why it is not a worded one. */
function fallback(request: AnswerRequest, note: keyof GenerativeMessages): Answer {
  const answer = answerExtractively(request);
  if (answer.abstained) return answer;
  return { ...answer, text: `${answer.text}\n\n${generativeMessagesFor(request.language)[note]}` };
}

/** Trimmed, without control characters (they could break an adapter's markup), length-capped. */
function cleanAnswer(text: string): string {
  const cleaned = text
    .replace(controlCharacters, (char) => (char === "\n" ? "\n" : " "))
    .replace(/[ \t]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  return cleaned.length > maxAnswerChars ? `${cleaned.slice(0, maxAnswerChars - 1).trimEnd()}…` : cleaned;
}
