import { z } from "zod";

/**
 * What the model must return for a question: structured output, never free text parsed with
 * regexes. Every field is required and nothing is nullable, so the same schema works for OpenAI
 * strict `json_schema`, tool calling and Ollama's `format`.
 */
export const generatedAnswerSchema = z
  .object({
    answerable: z.boolean().describe("false when the passages do not contain the answer"),
    answer: z.string().describe("the answer, only from the passages, in the requested language; empty when not answerable"),
    citations: z
      .array(
        z.object({
          passage: z.number().int().describe("number of a passage the answer uses"),
          sentence: z.string().describe("the sentence of that passage that supports the answer, copied exactly, in Dutch"),
        }),
      )
      .describe("one entry per passage used; empty when not answerable"),
  })
  .describe("An answer grounded in the numbered passages");

export type GeneratedAnswer = z.infer<typeof generatedAnswerSchema>;

/** Name of the structured-output function/format, visible to the model and in request logs. */
export const generatedAnswerName = "grounded_answer";
