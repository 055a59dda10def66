import type { Answer, Language } from "../port/types.js";
import { describeTitles } from "./extractive-answerer.js";
import { messagesFor } from "./messages.js";
import { smallTalk } from "./small-talk.js";

/**
 * The reply to a message that is only small talk ("hoi", "bedankt!", "wat kun je?"), or undefined
 * for a real question. Said in the language of the small-talk words when only one language uses
 * them, else in the detected one. Nothing is cited, so it counts as not answered from the article.
 */
export function smallTalkAnswer(input: { question: string; language: Language; corpusVersion: number; titles: string[] }): Answer | undefined {
  const talk = smallTalk(input.question);
  if (!talk) return undefined;
  const language = talk.language ?? input.language;
  return {
    text: messagesFor(language).smallTalk(talk.kind, describeTitles(input.titles, language)),
    abstained: true,
    language,
    citations: [],
    corpusVersion: input.corpusVersion,
    mode: "extractive",
    question: input.question,
  };
}
