import type { Citation, Language } from "../core/types.js";
import { messagesFor } from "./messages.js";

/** `Titel — alinea 3 — 2022-10`, the plain-text source line every adapter shows under a quote. */
export function sourceLine(citation: Citation, language: Language): string {
  const text = messagesFor(language);
  return [citation.title, `${text.paragraph} ${citation.paragraph}`, citation.published].filter(Boolean).join(" — ");
}

/** Splits a quote around its supporting sentence so adapters can emphasise it in their own markup. */
export function splitAroundSentence(citation: Citation): { before: string; sentence: string; after: string } {
  const at = citation.quote.indexOf(citation.sentence);
  if (at < 0 || citation.sentence.length === 0) return { before: citation.quote, sentence: "", after: "" };
  return {
    before: citation.quote.slice(0, at),
    sentence: citation.sentence,
    after: citation.quote.slice(at + citation.sentence.length),
  };
}
