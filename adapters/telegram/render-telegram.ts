import { messagesFor } from "../../src/answer/messages.js";
import { sourceLine, splitAroundSentence } from "../../src/answer/source-line.js";
import type { Answer, Citation, Language } from "../../src/core/types.js";
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

/** About a screenful on a phone: long enough for a typical news paragraph, short enough to read. */
export const defaultMaxQuoteLength = 1200;

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
  const whole = { ...splitAroundSentence(citation), shortened: false };
  return splitHtml([...quoteRuns(whole), { text: "\n", tags: [] }, ...sourceRuns(citation, language)], options.maxMessageLength ?? telegramMessageLimit);
}

/** Plain text as one or more HTML messages (bot texts, error replies). */
export function renderPlainText(text: string, options: Pick<RenderOptions, "maxMessageLength"> = {}): string[] {
  return splitHtml([{ text, tags: [] }], options.maxMessageLength ?? telegramMessageLimit);
}

interface Excerpt {
  before: string;
  sentence: string;
  after: string;
  shortened: boolean;
}

/**
 * The passage, or when it is longer than `max`, the supporting sentence with as much context on
 * either side as fits, cut at word boundaries and marked with an ellipsis. The sentence itself is
 * never cut: it is the evidence for the answer.
 */
export function quoteExcerpt(citation: Citation, max: number): Excerpt {
  const parts = splitAroundSentence(citation);
  if (citation.quote.length <= max) return { ...parts, shortened: false };
  if (!parts.sentence) return { before: `${head(citation.quote, max)}…`, sentence: "", after: "", shortened: true };
  const room = Math.max(0, max - parts.sentence.length);
  const before = tail(parts.before, Math.floor(room / 2));
  const after = head(parts.after, room - before.length);
  const cutBefore = before.length < parts.before.length;
  const cutAfter = after.length < parts.after.length;
  return {
    before: cutBefore ? `…${before.trimStart()}` : before,
    sentence: parts.sentence,
    after: cutAfter ? `${after.trimEnd()}…` : after,
    // A sentence that is the whole paragraph is the whole paragraph, however long.
    shortened: cutBefore || cutAfter,
  };
}

function quoteRuns({ before, sentence, after }: Excerpt): HtmlRun[] {
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

/** At most `max` characters from the start of `text`, ending at a word boundary when there is one. */
function head(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return space > max / 2 ? cut.slice(0, space) : safeEnd(cut);
}

/** At most `max` characters from the end of `text`, starting at a word boundary when there is one. */
function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  const cut = text.slice(text.length - max);
  const space = cut.search(/\s/);
  return space >= 0 && space < max / 2 ? cut.slice(space) : safeStart(cut);
}

/** Drops a dangling high surrogate so an emoji is never cut in half. */
function safeEnd(text: string): string {
  const code = text.charCodeAt(text.length - 1);
  return code >= 0xd800 && code <= 0xdbff ? text.slice(0, -1) : text;
}

function safeStart(text: string): string {
  const code = text.charCodeAt(0);
  return code >= 0xdc00 && code <= 0xdfff ? text.slice(1) : text;
}
