import { createHash } from "node:crypto";
import type { Language } from "../port/types.js";
import type { Complaint } from "./feedback-summary.js";

/**
 * One line of the eval set (`test/eval/questions.jsonl`, read by `test/eval/eval-set.ts`). Mirrored
 * here because the core cannot import the tests; `test/feedback/eval-export.test.ts` checks that
 * `readEvalSet` accepts what this module writes.
 */
export interface EvalLine {
  id: string;
  split: "dev";
  language: Language;
  kind: "words" | "other-words";
  paragraph: number | null;
  question: string;
  keys: string[];
}

/**
 * Complaints as eval questions, a starting point a moderator corrects before adding them to the
 * eval set: `paragraph` is the paragraph the bot cited (null when it abstained) — put the one that
 * really answers the question, or null if the bot was right to refuse; `keys` is empty — add the
 * words a right answer must contain; `kind` is a guess (English questions always count as
 * `other-words`, a Dutch question the bot could not answer probably used other words than the
 * article). Every split is `dev`. One line per distinct question (the newest complaint), with an
 * id that stays the same across exports. Pure.
 */
export function complaintsToEvalLines(complaints: readonly Complaint[]): EvalLine[] {
  const seen = new Set<string>();
  const lines: EvalLine[] = [];
  for (const complaint of complaints) {
    const question = complaint.question.trim();
    const normalized = question.toLocaleLowerCase("nl").replace(/\s+/g, " ");
    if (question === "" || seen.has(normalized)) continue;
    seen.add(normalized);
    lines.push({
      id: `fb-${createHash("sha256").update(normalized).digest("hex").slice(0, 10)}`,
      split: "dev",
      language: complaint.language,
      kind: complaint.language === "en" || complaint.abstained ? "other-words" : "words",
      paragraph: complaint.paragraphs[0] ?? null,
      question,
      keys: [],
    });
  }
  return lines;
}
