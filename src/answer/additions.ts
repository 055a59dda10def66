import type { Candidate } from "../retrieval/hybrid-retriever.js";
import { coverage, textTerms } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import { foldText } from "../text/fold.js";
import { words } from "../text/tokenize.js";
import { answerKind } from "./answer-kind.js";

/**
 * "Met wie sprak hij nog meer?", "Who else did he call?": a question asking for more than what is
 * already known is answered where the article adds to it ("Hij sprak eveneens met …", "Niet alleen
 * de Amerikanen …"), which is seldom the passage that matches it best — that one tells the first
 * part. Among candidates nearly as relevant as the best, the first with a sentence that both adds
 * and matches the question comes first. Other questions keep their order. Pure.
 */
export function preferAdditions(candidates: readonly Candidate[]): readonly Candidate[] {
  const best = candidates[0];
  if (!best || !asksForMore(best.query.text)) return candidates;
  const adding = candidates.find((candidate) => candidate.relevance >= best.relevance * nearlyAsRelevant && adds(candidate));
  return adding && adding !== best ? [adding, ...candidates.filter((candidate) => candidate !== adding)] : candidates;
}

/**
 * Whether a passage has a sentence that adds and that, with the sentence before it (which its
 * pronoun may refer to: "Zelenski …. Hij sprak eveneens met …"), matches the question.
 */
function adds(candidate: Candidate): boolean {
  const sentences = sentencesOf(candidate.passage);
  return sentences.some(
    (sentence, at) =>
      addition.test(foldText(sentence)) && coverage(candidate.query.terms, textTerms(sentences.slice(Math.max(0, at - 1), at + 1).join(" "))).coverage > 0,
  );
}

/** How relevant, relative to the best candidate, a passage that adds must be to be cited first. */
const nearlyAsRelevant = 0.6;

/** An open question asking for others or more: "nog meer", "wie nog", "andere", "behalve", "else", "other", "besides". */
function asksForMore(question: string): boolean {
  const text = ` ${words(question).join(" ")} `;
  return (
    answerKind(question) !== "yes-no" &&
    /( nog meer | wie nog | wat nog | ook nog | ook | verder nog | andere | anderen | behalve | naast | else | also | other | others | besides | apart from | in addition )/u.test(
      text,
    )
  );
}

/** Words with which an article adds to what it told before. */
const addition = /\b(eveneens|ook|tevens|daarnaast|bovendien|niet alleen|evenals|also|as well|too|besides|in addition|moreover)\b/u;
