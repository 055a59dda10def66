import { z } from "zod";

/**
 * What the model returns when asked to prepare retrieval queries: one call yields both the
 * standalone form of a follow-up and the Dutch translation, so a non-Dutch follow-up costs one call.
 */
export const queryRewriteSchema = z
  .object({
    standalone: z.string().describe("the new question made understandable without the conversation, in the language it was asked in"),
    dutch: z.string().describe("the standalone question in Dutch"),
  })
  .describe("Search queries for a question about a Dutch news article");

export type QueryRewrite = z.infer<typeof queryRewriteSchema>;

export const queryRewriteName = "search_queries";
