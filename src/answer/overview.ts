import type { Answer, Language, Passage } from "../port/types.js";
import { foldText } from "../text/fold.js";
import { sentencesOf } from "../text/sentences.js";
import { citePassage, describeTitles } from "./extractive-answerer.js";
import { messagesFor } from "./messages.js";
import { chosenText, selectSentences } from "./select-sentence.js";

/**
 * "Waar gaat het artikel over?", "Vat het samen", "What is this article about?": a question about
 * the article as a whole, which no single passage matches well enough to be answered by retrieval
 * (every word of it is a function word or "artikel"). It gets the article's gist instead of "the
 * article doesn't answer that": the sentence of its opening paragraph that best matches its title,
 * cited verbatim. Only a message that is nothing but such a question counts. Pure.
 */
const overviewQuestions: readonly { pattern: RegExp; language: Language }[] = [
  {
    pattern: /^(en )?(waar|waarover) gaat (het|dit|dat)( (artikel|stuk|bericht|nieuws|verhaal|nieuwsbericht))?( eigenlijk| nou| precies)?( over)?$/u,
    language: "nl",
  },
  { pattern: /^(kun je |kan je |wil je )?(het|dit)( artikel| stuk| bericht)? (kort )?samenvatten$/u, language: "nl" },
  { pattern: /^(vat|samenvatting)( (het|dit|van het|van dit))?( artikel| stuk| bericht)?( (even|kort))?( samen)?$/u, language: "nl" },
  { pattern: /^(geef )?(me |mij )?(een )?(korte )?samenvatting( (van )?(het|dit) (artikel|stuk|bericht))?$/u, language: "nl" },
  { pattern: /^wat (staat er|zegt het artikel|staat er in het artikel|is het (belangrijkste )?nieuws|is de kern( van het artikel)?)$/u, language: "nl" },
  { pattern: /^(so )?what (is|s) (the|this|it) ((article|story|piece|news|text) )?about$/u, language: "en" },
  { pattern: /^(please |can you |could you )?(summari[sz]e|sum up)( the| this)?( article| story| piece| it)?( (please|briefly))?$/u, language: "en" },
  { pattern: /^(give me )?(a )?(short |brief |quick )?summary( of (the|this) (article|story|piece))?( please)?$/u, language: "en" },
  { pattern: /^(tl ?dr|what does the article say|what s the news|whats the news|what is the news)$/u, language: "en" },
];

/** The language of an overview question, or undefined when the message is anything else. */
export function asksOverview(question: string): Language | undefined {
  const text = foldText(question)
    .toLowerCase()
    .replace(/[’']/gu, " ")
    .replace(/[^\p{L}\p{N} ]+/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
  return overviewQuestions.find(({ pattern }) => pattern.test(text))?.language;
}

/**
 * The reply to an overview question, or undefined for any other message: the newest document's
 * opening paragraph (the one its publication date, else its place in the index, puts first), with
 * the sentence that best matches the document's title as the gist.
 */
export function overviewAnswer(input: { question: string; language: Language; passages: readonly Passage[]; corpusVersion: number }): Answer | undefined {
  const asked = asksOverview(input.question);
  const lead = asked && leadPassage(input.passages);
  if (!asked || !lead) return undefined;
  const sentences = sentencesOf(lead);
  const sentence = chosenText(lead.text, sentences, selectSentences(lead.title, sentences));
  const titles = [...new Set(input.passages.map((passage) => passage.title))];
  // With several documents the reply names them all, then sums up the newest.
  const text = messagesFor(asked).overview(titles.length > 1 ? describeTitles(titles, asked) : undefined, lead.title, lead.paragraph);
  return {
    text: `${text} ${sentence}`,
    abstained: false,
    language: asked,
    citations: [citePassage(lead, sentence, 1)],
    corpusVersion: input.corpusVersion,
    mode: "extractive",
    question: input.question,
  };
}

/** The first paragraph of the most recently published document (undated ones after dated ones; on a tie, the first in the index). */
function leadPassage(passages: readonly Passage[]): Passage | undefined {
  const newest = passages.reduce<Passage | undefined>(
    (best, passage) => (!best || (passage.published ?? "") > (best.published ?? "") ? passage : best),
    undefined,
  );
  if (!newest) return undefined;
  return passages
    .filter((passage) => passage.documentId === newest.documentId)
    .reduce((first, passage) => (passage.paragraph < first.paragraph ? passage : first));
}
