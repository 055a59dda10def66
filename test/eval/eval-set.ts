import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { z } from "zod";

const questionSchema = z.object({
  id: z.string(),
  question: z.string(),
  language: z.enum(["nl", "en"]),
  /**
   * How the question relates to the article: `words` reuses the article's own words, `other-words`
   * asks in other words (synonyms, hypernyms, metonymy, casual spelling, typos; every answerable
   * English question counts as other words, the article being Dutch), `off-topic` is about something else entirely, `near-topic` is close to the
   * article's subject but not answered by it (the bot must refuse both).
   */
  kind: z.enum(["words", "other-words", "off-topic", "near-topic"]),
  /** The paragraph that answers it, or null when the article does not (the bot must abstain). */
  paragraph: z.number().int().positive().nullable(),
  /** The answer counts as correct when it contains any of these (case- and accent-insensitive). */
  keys: z.array(z.string()),
  split: z.enum(["dev", "test"]),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

export const evalSetPath = path.join(path.dirname(fileURLToPath(import.meta.url)), "questions.jsonl");

export function readEvalSet(file = evalSetPath): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => questionSchema.parse(JSON.parse(line)));
}
