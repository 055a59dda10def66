import type { Citation } from "../../src/port/types.js";
import { splitAroundSentence, type SentenceParts } from "./source-line.js";

/**
 * The one excerpt every renderer shows of a long paragraph: the supporting sentence, whole, with as
 * much context on either side as fits. Pure; the renderers only add their markup.
 */

/** About a screenful on a phone: long enough for a typical news paragraph, short enough to read. */
export const defaultMaxQuoteLength = 1200;

export interface Excerpt extends SentenceParts {
  /** True when context was left out (the marks show where); the full paragraph is then worth offering. */
  shortened: boolean;
}

/** What marks left-out context: `…` glued to the text (Telegram), or `… ` / ` …` spaced (Discord). */
export interface EllipsisMarks {
  before: string;
  after: string;
}

const gluedMarks: EllipsisMarks = { before: "…", after: "…" };

/**
 * The passage, or when it is longer than `maxLength`, the supporting sentence with as much context
 * on either side as fits in `maxLength` (the marks come on top). Context is cut at a sentence
 * boundary, else a word boundary, when that keeps at least half of the room; a cut never falls inside a
 * grapheme, so an emoji is never cut in half. The sentence itself is never cut: it is the
 * evidence for the answer, and a sentence that is the whole paragraph is not "shortened".
 */
export function quoteExcerpt(citation: Citation, maxLength: number, marks: EllipsisMarks = gluedMarks): Excerpt {
  const parts = splitAroundSentence(citation);
  if (citation.quote.length <= maxLength) return { ...parts, shortened: false };
  if (!parts.sentence) return { before: `${head(citation.quote, maxLength).trimEnd()}${marks.after}`, sentence: "", after: "", shortened: true };
  const room = Math.max(0, maxLength - parts.sentence.length);
  // Half the room each side; a side that needs less leaves the rest to the other.
  const beforeRoom = Math.min(parts.before.length, Math.max(Math.floor(room / 2), room - parts.after.length));
  const before = tail(parts.before, beforeRoom);
  const after = head(parts.after, room - before.length);
  const cutBefore = before.length < parts.before.length;
  const cutAfter = after.length < parts.after.length;
  return {
    before: cutBefore ? `${marks.before}${before.trimStart()}` : before,
    sentence: parts.sentence,
    after: cutAfter ? `${after.trimEnd()}${marks.after}` : after,
    shortened: cutBefore || cutAfter,
  };
}

/** A sentence end: closing punctuation (and quotes or brackets after it) followed by white space. */
const sentenceEnd = /[.!?…]["”’)]*(?=\s)/g;

/** At most `max` characters from the start of `text`, ending at a sentence or word end when there is one. */
function head(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  // One character more, so punctuation right at the cut still counts as a sentence end.
  const ends = [...text.slice(0, max + 1).matchAll(sentenceEnd)].map((match) => match.index + match[0].length).filter((end) => end <= max);
  const lastEnd = ends[ends.length - 1];
  if (lastEnd !== undefined && lastEnd >= max / 2) return text.slice(0, lastEnd);
  const space = /\s/.test(text[max]!) ? max : text.slice(0, max).search(/\s\S*$/);
  return text.slice(0, space >= max / 2 ? space : graphemeBoundary(text, max, "down"));
}

/** At most `max` characters from the end of `text`, starting at a sentence or word start when there is one. */
function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return "";
  const cut = text.slice(text.length - max);
  const start = /[.!?…]["”’)]*\s+(?=\S)/.exec(cut);
  if (start && start.index + start[0].length <= max / 2) return cut.slice(start.index + start[0].length);
  const space = cut.search(/\s/);
  return space >= 0 && space < max / 2 ? cut.slice(space) : text.slice(graphemeBoundary(text, text.length - max, "up"));
}

const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/**
 * The nearest position at or `down` before (or `up` after) `index` that does not fall inside a
 * grapheme: an emoji, with its surrogate pairs, skin tone and joiners, is kept whole or left out.
 */
function graphemeBoundary(text: string, index: number, direction: "down" | "up"): number {
  if (index <= 0 || index >= text.length) return index;
  const segment = graphemes.segment(text).containing(index)!;
  if (segment.index === index || direction === "down") return segment.index;
  return segment.index + segment.segment.length;
}
