import { escapeMarkdown } from "discord.js";
import type { ReportFormat } from "../shared/feedback-report.js";

/** Discord's hard limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const discordLimits = {
  content: 2000,
  embedDescription: 4096,
  embedField: 1024,
  embedFooter: 2048,
  embedTitle: 256,
  embedsPerMessage: 10,
  /** Sum of every embed's title, description, fields, footer and author in one message. */
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rowsPerMessage: 5,
  customId: 100,
  buttonUrl: 512,
} as const;

/** A stretch of text, optionally bold. Text is raw (unescaped) corpus or user text. */
export interface Run {
  text: string;
  bold?: boolean;
}

export interface ChunkOptions {
  /** Prefix every line with `> ` (a Discord block quote). */
  quote?: boolean;
  /** Escape markdown (default). Turn off only for the bot's own, already formatted text. */
  escape?: boolean;
}

/**
 * Escapes corpus or user text so Discord shows it literally: markdown emphasis, code, spoilers,
 * masked links, headings, lists, subtext and block quotes. Mentions are left as they are; the
 * payload's `allowedMentions` is what stops them from pinging.
 */
export function escapeDiscord(text: string): string {
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
  return escaped.replace(/^([ \t]*)(>|-#)/gm, "$1\\$2");
}

/** Reports (`/feedback`, `/status`) in Discord markdown: user and corpus text escaped, headings bold. */
export const markdownFormat: ReportFormat = { escape: escapeDiscord, bold: (text) => `**${text}**` };

interface Token {
  text: string;
  bold: boolean;
}

/**
 * Renders runs as Discord markdown in chunks of at most `limit` characters each, splitting at
 * whitespace (inside a word only when a single word is longer than a chunk). Nothing is dropped:
 * joining the chunks' text gives back every word. Bold is closed and reopened at chunk and line
 * boundaries so each chunk is valid markdown on its own.
 */
export function renderChunks(runs: readonly Run[], limit: number, options: ChunkOptions = {}): string[] {
  const quote = options.quote ?? false;
  const escape = options.escape ?? true;
  // Escaping at most doubles a character and a quoted newline costs 3; keeping single tokens
  // below a third of the limit guarantees any one token fits a chunk.
  const maxToken = Math.max(1, Math.floor((limit - 8) / 3));
  const tokens: Token[] = [];
  for (const run of runs) {
    for (const piece of run.text.match(/\S+\s*|\s+/g) ?? []) {
      for (const part of splitLong(piece, maxToken)) tokens.push({ text: part, bold: Boolean(run.bold) });
    }
  }
  const chunks: Token[][] = [];
  let current: Token[] = [];
  let cost = quote ? 2 : 0;
  for (const token of tokens) {
    const tokenCost = estimate(token, quote, escape);
    if (current.length > 0 && cost + tokenCost > limit) {
      chunks.push(current);
      current = [];
      cost = quote ? 2 : 0;
    }
    current.push(token);
    cost += tokenCost;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.flatMap((chunk) => renderVerified(chunk, limit, quote, escape)).filter((chunk) => chunk.trim() !== "" && chunk.trim() !== ">");
}

/** Upper bound of a token's rendered length (bold markers counted per token, merged runs cost less). */
function estimate(token: Token, quote: boolean, escape: boolean): number {
  const text = escape ? escapeDiscord(token.text) : token.text;
  const newlines = quote ? (token.text.match(/\n/g)?.length ?? 0) * 2 : 0;
  return text.length + (token.bold ? 4 : 0) + newlines;
}

/** Renders a chunk and, should the estimate ever be wrong, halves it instead of exceeding the limit. */
function renderVerified(tokens: Token[], limit: number, quote: boolean, escape: boolean): string[] {
  const rendered = renderTokens(tokens, quote, escape);
  if (rendered.length <= limit) return [rendered];
  if (tokens.length > 1) {
    const middle = Math.ceil(tokens.length / 2);
    return [...renderVerified(tokens.slice(0, middle), limit, quote, escape), ...renderVerified(tokens.slice(middle), limit, quote, escape)];
  }
  const [only] = tokens;
  const characters = [...only!.text];
  if (characters.length <= 1) return [rendered];
  const middle = Math.ceil(characters.length / 2);
  return [
    ...renderVerified([{ text: characters.slice(0, middle).join(""), bold: only!.bold }], limit, quote, escape),
    ...renderVerified([{ text: characters.slice(middle).join(""), bold: only!.bold }], limit, quote, escape),
  ];
}

function renderTokens(tokens: Token[], quote: boolean, escape: boolean): string {
  // Whitespace at a chunk's edges carries no meaning and would only break bold markers.
  const trimmed = tokens.map((token) => ({ ...token }));
  trimmed[0]!.text = trimmed[0]!.text.trimStart();
  trimmed[trimmed.length - 1]!.text = trimmed[trimmed.length - 1]!.text.trimEnd();
  const runs: Token[] = [];
  for (const token of trimmed) {
    const last = runs[runs.length - 1];
    if (last && last.bold === token.bold) last.text += token.text;
    else runs.push({ ...token });
  }
  const lines: string[] = [""];
  for (const run of runs) {
    run.text.split("\n").forEach((segment, index) => {
      if (index > 0) lines.push("");
      const text = escape ? escapeDiscord(segment) : segment;
      lines[lines.length - 1] += run.bold ? boldSegment(text) : text;
    });
  }
  return lines.map((line) => (quote ? `> ${line}` : line)).join("\n");
}

/** `**text**` with surrounding whitespace kept outside the markers (`** text**` is not bold). */
function boldSegment(text: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  return match[2] ? `${match[1]}**${match[2]}**${match[3]}` : text;
}

/** Splits a word longer than `max` code points; never inside a surrogate pair. */
function splitLong(text: string, max: number): string[] {
  const characters = [...text];
  if (characters.length <= max) return [text];
  const parts: string[] = [];
  for (let index = 0; index < characters.length; index += max) parts.push(characters.slice(index, index + max).join(""));
  return parts;
}
