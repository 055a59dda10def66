import { messagesFor } from "../../src/answer/messages.js";
import type { Citation, Language } from "../../src/port/types.js";

/** `Titel — alinea 3 — 2022-10`, the plain-text source line every renderer shows under a quote. */
export function sourceLine(citation: Citation, language: Language): string {
  const text = messagesFor(language);
  return [citation.title, `${text.paragraph} ${citation.paragraph}`, citation.published].filter(Boolean).join(" — ");
}

/** A quote in three parts, so each renderer can emphasise the supporting sentence in its own markup. */
export interface SentenceParts {
  before: string;
  /** The supporting sentence; empty when it is not found in the quote. */
  sentence: string;
  after: string;
}

/** Splits a quote around its supporting sentence so renderers can emphasise it in their own markup. */
export function splitAroundSentence(citation: Citation): SentenceParts {
  const at = citation.quote.indexOf(citation.sentence);
  if (at < 0 || citation.sentence.length === 0) return { before: citation.quote, sentence: "", after: "" };
  return {
    before: citation.quote.slice(0, at),
    sentence: citation.sentence,
    after: citation.quote.slice(at + citation.sentence.length),
  };
}
