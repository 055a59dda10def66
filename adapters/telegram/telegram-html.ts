/**
 * Telegram HTML building blocks: escaping, and splitting styled text into messages under the
 * 4096-character limit without ever cutting through a tag or an entity.
 *
 * Text is kept as plain-text runs with the tags around them and escaped only when a message is
 * emitted, so a split can happen anywhere in the text while every chunk closes the tags it opened
 * and the next chunk re-opens them.
 */

import type { ReportFormat } from "../shared/feedback-report.js";

/** Telegram's limit on one message's text. */
export const telegramMessageLimit = 4096;

/** An HTML element as Telegram knows it. Two runs share an element only when they share the object. */
export interface HtmlTag {
  open: string;
  close: string;
}

/** Plain (unescaped) text and the tags around it, outermost first. */
export interface HtmlRun {
  text: string;
  tags: readonly HtmlTag[];
}

/** Escapes text for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Reports (`/feedback`, `/status`) in Telegram HTML: user and corpus text escaped, headings bold. */
export const htmlFormat: ReportFormat = { escape: escapeHtml, bold: (text) => `<b>${text}</b>` };

/** Escapes a value placed inside a double-quoted attribute. */
export function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/"/g, "&quot;");
}

/** Fresh tag objects; create one per element, since runs share an element only by identity. */
export const tag = {
  bold: (): HtmlTag => ({ open: "<b>", close: "</b>" }),
  italic: (): HtmlTag => ({ open: "<i>", close: "</i>" }),
  blockquote: (): HtmlTag => ({ open: "<blockquote>", close: "</blockquote>" }),
  link: (href: string): HtmlTag => ({ open: `<a href="${escapeAttribute(href)}">`, close: "</a>" }),
};

/** Renders runs as one HTML string, opening and closing tags only where the tag stack changes. */
export function emitHtml(runs: readonly HtmlRun[]): string {
  let html = "";
  const open: HtmlTag[] = [];
  for (const run of runs) {
    let shared = 0;
    while (shared < open.length && shared < run.tags.length && open[shared] === run.tags[shared]) shared += 1;
    while (open.length > shared) html += open.pop()!.close;
    for (const element of run.tags.slice(shared)) {
      html += element.open;
      open.push(element);
    }
    html += escapeHtml(run.text);
  }
  while (open.length > 0) html += open.pop()!.close;
  return html;
}

/**
 * A run that does not fit is cut at a paragraph, sentence or word boundary when one lies in the
 * last part of the room left; only text without any boundary is cut mid-word.
 */
const boundaryWindow = 0.5;
/** Below this much room, a run starts a new message instead of leaving a stub at the end of this one. */
const minimumTail = 200;

/**
 * Splits runs into HTML messages of at most `limit` characters each (UTF-16 code units, counting
 * tags and entities, which is stricter than Telegram's own count after parsing). Whitespace at
 * the cut is dropped; a message never consists of whitespace only.
 */
export function splitHtml(runs: readonly HtmlRun[], limit = telegramMessageLimit): string[] {
  const messages: string[] = [];
  let current: HtmlRun[] = [];
  const flush = () => {
    const trimmed = trimRuns(current);
    if (trimmed.some((run) => run.text.trim() !== "")) messages.push(emitHtml(trimmed));
    current = [];
  };
  const pending = runs.filter((run) => run.text !== "").map((run) => ({ ...run }));
  while (pending.length > 0) {
    const run = pending[0]!;
    if (current.length === 0) run.text = run.text.trimStart();
    if (run.text === "") {
      pending.shift();
      continue;
    }
    const fits = longestFittingPrefix(current, run, limit);
    if (fits === run.text.length) {
      current.push(run);
      pending.shift();
      continue;
    }
    if (fits < minimumTail && hasVisibleText(current)) {
      flush();
      continue;
    }
    if (fits === 0) throw new Error(`A message limit of ${limit} characters cannot hold even one character of this text`);
    const cut = cutPoint(run.text, fits);
    current.push({ text: run.text.slice(0, cut), tags: run.tags });
    run.text = run.text.slice(cut);
    flush();
  }
  flush();
  return messages;
}

function hasVisibleText(runs: readonly HtmlRun[]): boolean {
  return runs.some((run) => run.text.trim() !== "");
}

/** The most characters of `run.text` that still fit after `current` (escaping only grows text, so this is monotone). */
function longestFittingPrefix(current: readonly HtmlRun[], run: HtmlRun, limit: number): number {
  const size = (length: number) => emitHtml([...current, { text: run.text.slice(0, length), tags: run.tags }]).length;
  if (size(run.text.length) <= limit) return run.text.length;
  let low = 0;
  let high = run.text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (size(middle) <= limit) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Where to cut `text` at or before `max`: the last newline, sentence end or space in reach, else `max`. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max);
  const earliest = Math.floor(max * boundaryWindow);
  for (const boundary of [/\n/g, /[.!?…]["”’)]?\s/g, /\s/g]) {
    let last = -1;
    for (const match of window.matchAll(boundary)) last = match.index + match[0].length;
    if (last > earliest) return last;
  }
  // Never separate the two halves of a surrogate pair (an emoji, say).
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff && max > 1 ? max - 1 : max;
}

function trimRuns(runs: readonly HtmlRun[]): HtmlRun[] {
  const trimmed = runs.map((run) => ({ ...run }));
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]!.text.trimEnd() === "") trimmed.pop();
  const last = trimmed[trimmed.length - 1];
  if (last) last.text = last.text.trimEnd();
  return trimmed;
}
