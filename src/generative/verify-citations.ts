import { citeCandidate } from "../answer/extractive-answerer.js";
import { sentencesOf } from "../text/sentences.js";
import type { Citation } from "../port/types.js";
import type { Candidate } from "../retrieval/hybrid-retriever.js";
import type { GeneratedAnswer } from "./answer-schema.js";
import { locateSentence } from "./locate-sentence.js";

/** Why a citation claimed by the model was dropped. */
export type RejectionReason = "not-retrieved" | "sentence-not-in-passage" | "duplicate";

/** A claimed citation that was dropped, for the log. */
export interface RejectedCitation {
  passage: number;
  sentence: string;
  reason: RejectionReason;
}

/** What survived verification, and what did not. */
export interface VerifiedCitations {
  citations: Citation[];
  rejected: RejectedCitation[];
}

/** More citations than this make the reply long without making it more trustworthy. */
export const maxCitations = 3;

/**
 * Checks every citation the model claims against what was actually retrieved and shown to it:
 * the number must be one of the numbered passages in the prompt (1-based, `shown` in prompt order),
 * and the supporting sentence must occur in that very passage after whitespace/quote normalisation.
 * A sentence found only in another passage is still rejected: re-attributing it would reward a
 * model that does not know where its facts came from.
 *
 * Survivors become citations with the whole Dutch paragraph as `quote` and the passage's own
 * verbatim text for the matched span as `sentence`. Pure.
 */
export function verifyCitations(claims: GeneratedAnswer["citations"], shown: readonly Candidate[]): VerifiedCitations {
  const citations: Citation[] = [];
  const rejected: RejectedCitation[] = [];
  const cited = new Set<string>();
  for (const claim of claims) {
    const candidate = Number.isInteger(claim.passage) ? shown[claim.passage - 1] : undefined;
    if (!candidate || claim.passage < 1) {
      rejected.push({ ...claim, reason: "not-retrieved" });
      continue;
    }
    const { passage } = candidate;
    const sentence = locateSentence(passage.text, claim.sentence, sentencesOf(passage));
    if (sentence === undefined) {
      rejected.push({ ...claim, reason: "sentence-not-in-passage" });
      continue;
    }
    if (cited.has(passage.id) || citations.length >= maxCitations) {
      rejected.push({ ...claim, reason: "duplicate" });
      continue;
    }
    cited.add(passage.id);
    citations.push(citeCandidate(candidate, sentence));
  }
  return { citations, rejected };
}
