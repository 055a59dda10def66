import { messagesFor } from "../../src/answer/messages.js";
import type { Answer, Citation, Language } from "../../src/port/types.js";
import { defaultMaxQuoteLength, quoteExcerpt } from "../shared/excerpt.js";
import { sourceLine, splitAroundSentence, type SentenceParts } from "../shared/source-line.js";
import { splitHtml, tag, telegramMessageLimit, type HtmlRun } from "./telegram-html.js";

/**
 * Pure rendering of core answers as Telegram HTML messages. The answer comes first, then each cited
 * Dutch passage in a blockquote with the supporting sentence in bold, then its source line.
 */

export interface RenderOptions {
  /**
   * Passages longer than this are shown as an excerpt around the supporting sentence, so one answer
   * stays one readable message; the full paragraph is one button away.
   */
  maxQuoteLength?: number;
  /** Characters per message (Telegram allows 4096). */
  maxMessageLength?: number;
}

export interface RenderedAnswer {
  /** HTML messages to send in order; the last one carries the buttons. */
  messages: string[];
  /** Indices into `answer.citations` whose passage is shown only in part. */
  shortened: number[];
}

/** Renders an answer (or an abstention, which is just its friendly text) as HTML messages. */
export function renderTelegramAnswer(answer: Answer, options: RenderOptions = {}): RenderedAnswer {
  const maxQuote = options.maxQuoteLength ?? defaultMaxQuoteLength;
  const runs: HtmlRun[] = [{ text: answer.text, tags: [] }];
  const shortened: number[] = [];
  answer.citations.forEach((citation, index) => {
    const excerpt = quoteExcerpt(citation, maxQuote);
    if (excerpt.shortened) shortened.push(index);
    runs.push({ text: "\n\n", tags: [] }, ...quoteRuns(excerpt), { text: "\n", tags: [] }, ...sourceRuns(citation, answer.language));
  });
  return { messages: splitHtml(runs, options.maxMessageLength ?? telegramMessageLimit), shortened };
}

/** The whole paragraph of one citation with its source line, for the "show full paragraph" button. */
export function renderFullPassage(citation: Citation, language: Language, options: Pick<RenderOptions, "maxMessageLength"> = {}): string[] {
  return splitHtml(
    [...quoteRuns(splitAroundSentence(citation)), { text: "\n", tags: [] }, ...sourceRuns(citation, language)],
    options.maxMessageLength ?? telegramMessageLimit,
  );
}

/** Plain text as one or more HTML messages (bot texts, error replies). */
export function renderPlainText(text: string, options: Pick<RenderOptions, "maxMessageLength"> = {}): string[] {
  return splitHtml([{ text, tags: [] }], options.maxMessageLength ?? telegramMessageLimit);
}

/** The quote in a blockquote, the supporting sentence bold. */
function quoteRuns({ before, sentence, after }: SentenceParts): HtmlRun[] {
  const quote = tag.blockquote();
  return [
    { text: before, tags: [quote] },
    { text: sentence, tags: [quote, tag.bold()] },
    { text: after, tags: [quote] },
  ].filter((run) => run.text !== "");
}

/** `Bron: <a href>Titel</a> — alinea 3 — 2022-10`, in italics; the title links only to an http(s) source. */
function sourceRuns(citation: Citation, language: Language): HtmlRun[] {
  const italic = tag.italic();
  const label = `${messagesFor(language).source}: `;
  const line = sourceLine(citation, language);
  const href = citation.source && isWebUrl(citation.source) ? citation.source : undefined;
  // sourceLine starts with the title whenever there is one; link exactly that part.
  if (!href || !citation.title || !line.startsWith(citation.title)) return [{ text: label + line, tags: [italic] }];
  return [
    { text: label, tags: [italic] },
    { text: citation.title, tags: [italic, tag.link(href)] },
    { text: line.slice(citation.title.length), tags: [italic] },
  ].filter((run) => run.text !== "");
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false; // Not a URL at all: shown as text, never as a link.
  }
}
