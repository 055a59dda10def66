import type { Candidate } from "../retrieval/hybrid-retriever.js";
import { unsaidIn, type Unsaid } from "./unsaid.js";
import { preferAdditions } from "./additions.js";

/** What retrieval found that can be answered from, or why not. */
export type Answerability =
  | { status: "answerable"; candidates: Candidate[] }
  /** Nothing relevant enough: the question is not about the corpus. */
  | { status: "off-topic" }
  /** Relevant passages, all silent on something the question asks (near-topic). */
  | { status: "unsaid"; unsaid: Unsaid; nearest: Candidate };

/**
 * Keeps the candidates relevant enough to answer from (`relevance ≥ threshold`) and, among them,
 * those that say everything the question names. A candidate silent on a name or a price the
 * question asks about gives way to a lower one that is not; when every one is silent, the question
 * is near-topic and the first one's silence is the reason given; when every one misses a name that
 * only a passage too far below the threshold mentions, the article names it in another connection.
 * Pure; shared by every answerer.
 */
export function answerability(candidates: readonly Candidate[], threshold: number): Answerability {
  const relevant = candidates.filter((candidate) => candidate.relevance >= threshold);
  if (relevant.length === 0) return { status: "off-topic" };
  const judged = relevant.map((candidate) => {
    const others = candidates.filter((other) => other !== candidate).map((other) => other.passage.text);
    return { candidate, unsaid: unsaidIn(candidate.query, candidate.passage.text, others, candidate.passage.title) };
  });
  const answerable = judged.filter(({ unsaid }) => !unsaid).map(({ candidate }) => candidate);
  if (answerable.length > 0) return { status: "answerable", candidates: [...preferAdditions(answerable)] };
  // A relevant passage naming everything asked but silent on the fact itself: the article does not say.
  const silent = judged.find(({ unsaid }) => unsaid!.kind !== "name") ?? judged.find(({ unsaid }) => !unsaid!.elsewhere);
  if (silent) return { status: "unsaid", unsaid: silent.unsaid!, nearest: silent.candidate };
  // Every relevant passage misses a name that only a less relevant one has. If that one is only just
  // below the threshold and says everything asked, it is the better answer: the name pins the question.
  const naming = candidates.find(
    (candidate) =>
      candidate.relevance < threshold &&
      candidate.relevance >= threshold - nameAnchorMargin &&
      !unsaidIn(candidate.query, candidate.passage.text, [], candidate.passage.title),
  );
  if (naming) return { status: "answerable", candidates: [naming] };
  // Otherwise the article names it only where it says nothing else the question asks ("Heeft
  // Lambrecht Zelenski gebeld?": she is named only beside the bombing): it speaks of the name in
  // another connection. (A name said in other words — "het Witte Huis" for "Washington" — is found
  // as a name elsewhere only when that passage is relevant too, and then it is answered above.)
  const nearest = judged[0]!;
  return { status: "unsaid", unsaid: { kind: "context", text: nearest.unsaid!.text }, nearest: nearest.candidate };
}

/** How far under the threshold a passage naming what all relevant ones miss may be and still be cited. */
const nameAnchorMargin = 0.05;
