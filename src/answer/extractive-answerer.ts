import type { Answer, Citation, Language, Passage } from "../port/types.js";
import type { Answerer, AnswerRequest } from "./answerer.js";
import type { Candidate } from "../retrieval/hybrid-retriever.js";
import { answerability } from "./answerable.js";
import { messagesFor } from "./messages.js";
import { sentencesOf } from "../text/sentences.js";
import { chosenText, selectSentences, sentenceQuery } from "./select-sentence.js";

/** A second passage is cited only when it is nearly as relevant as the first. */
const secondCitationRatio = 0.9;

/**
 * The default answer mode: no model, no download. The answer is the sentence of the best passage
 * that best matches the question; the citation carries the whole Dutch paragraph verbatim.
 */
export function answerExtractively(input: Omit<AnswerRequest, "context">): Answer {
  const { question, language, threshold } = input;
  const text = messagesFor(language);
  const base = { language, corpusVersion: input.corpusVersion, mode: "extractive" as const, question };
  const found = answerability(input.candidates, threshold);
  if (found.status === "off-topic") {
    return { ...base, text: text.abstain(describeTitles(input.titles, language)), abstained: true, citations: [] };
  }
  if (found.status === "unsaid") {
    const nearest = toCitation(found.nearest);
    return { ...base, text: `${text.unsaid(found.unsaid)} ${text.nearest(nearest.paragraph)} ${nearest.sentence}`, abstained: true, citations: [], nearest };
  }
  const { candidates } = found;
  const best = candidates[0]!;
  const cited = candidates
    .slice(0, 2)
    .filter((candidate, index) => index === 0 || candidate.relevance >= Math.max(threshold, best.relevance * secondCitationRatio));
  const citations = cited.map((candidate) => toCitation(candidate));
  return { ...base, text: `${text.answerLead(best.passage.paragraph)} ${citations[0]!.sentence}`, abstained: false, citations };
}

/** Cites a candidate: the whole paragraph, plus the sentence(s) matching the query that found it. */
export function toCitation(candidate: Candidate): Citation {
  const sentences = sentencesOf(candidate.passage);
  const choice = selectSentences(sentenceQuery(candidate.query.text, candidate.query.terms), sentences);
  return citeCandidate(candidate, chosenText(candidate.passage.text, sentences, choice));
}

/** A citation of a retrieved passage with `sentence` as the support, scored by its relevance. */
export function citeCandidate(candidate: Candidate, sentence: string): Citation {
  return citePassage(candidate.passage, sentence, Math.round(candidate.relevance * 1000) / 1000);
}

/** A citation of `passage`: the whole paragraph verbatim, `sentence` (a substring of it) as the support. */
export function citePassage(passage: Passage, sentence: string, score: number): Citation {
  return {
    passageId: passage.id,
    documentId: passage.documentId,
    quote: passage.text,
    sentence,
    paragraph: passage.paragraph,
    title: passage.title,
    published: passage.published,
    source: passage.source,
    score,
  };
}

/** The default `Answerer`: no model, no download. */
export const extractiveAnswerer: Answerer = {
  mode: "extractive",
  answer: async (request) => answerExtractively(request),
};

/** What the bot answers questions about, for a refusal: `het artikel “Luchtafweer voor Oekraïne …”`; at most three titles are named. */
export function describeTitles(titles: string[], language: Language): string {
  const text = messagesFor(language);
  const quoted = titles.slice(0, 3).map((title) => `“${title}”`);
  const more = titles.length > 3 ? ` ${text.moreTitles(titles.length - 3)}` : "";
  return `${text.articles(titles.length)} ${quoted.join(", ")}${more}`;
}
