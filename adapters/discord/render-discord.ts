import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponent, type APIEmbed, type MessageMentionOptions } from "discord.js";
import { messagesFor } from "../../src/answer/messages.js";
import type { Answer, Citation, Language } from "../../src/port/types.js";
import { defaultMaxQuoteLength, quoteExcerpt, type EllipsisMarks } from "../shared/excerpt.js";
import { sourceLine, splitAroundSentence, type SentenceParts } from "../shared/source-line.js";
import { discordLimits, renderChunks, type Run } from "./discord-markdown.js";
import { discordTextsFor } from "./discord-texts.js";

/** One Discord message: what `reply`, `editReply`, `followUp` and `send` accept. */
export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowedMentions: MessageMentionOptions;
}

/**
 * Nobody is ever pinged by the bot: questions and passages may contain `@everyone`, `@here`,
 * `<@id>` or `<@&role>`, and replies to a user's message do not ping them either.
 */
export const noPings: Readonly<MessageMentionOptions> = Object.freeze({ parse: Object.freeze([]), repliedUser: false });

export interface RenderAnswerOptions {
  /** `FeedbackStore.remember` token; the buttons carry it. */
  token: string;
  /**
   * Passages longer than this many characters are shown as an excerpt around the supporting
   * sentence, marked with `…` and a note, plus a button that shows the whole paragraph.
   */
  maxQuoteLength?: number;
}

/** Custom ids the bot's buttons carry; parsed back by `parseButtonId`. */
export type ButtonAction = { kind: "feedback"; rating: "up" | "down"; token: string } | { kind: "full"; token: string; citation: number };

const answerColor = 0x2b6cb0;
const abstainColor = 0x718096;
/** Discord sets the marks apart from the text, so they never merge with markdown around them. */
const spacedMarks: EllipsisMarks = { before: "… ", after: " …" };

/**
 * Renders an answer as one or more Discord messages: an embed with the answer, each cited Dutch
 * passage as a block quote with the supporting sentence in bold, and a footer with title,
 * paragraph and date. Anything over Discord's limits is split over more embeds and messages; the
 * buttons (👍 / 👎, full paragraph, source link) go on the last message.
 */
export function renderAnswer(answer: Answer, options: RenderAnswerOptions): DiscordPayload[] {
  const maxQuoteLength = options.maxQuoteLength ?? defaultMaxQuoteLength;
  const language = answer.language;
  const embeds: APIEmbed[] = [];
  const partial: number[] = [];
  if (answer.citations.length === 0) {
    embeds.push(...sectionEmbeds([{ text: answer.text }], [], undefined, answer.abstained ? abstainColor : answerColor, language));
  }
  answer.citations.forEach((citation, index) => {
    const excerpt = quoteRuns(citation, maxQuoteLength);
    if (excerpt.partial) partial.push(index);
    const lead = index === 0 ? [{ text: answer.text }] : [];
    const note = excerpt.partial ? discordTextsFor(language).excerptNote : undefined;
    embeds.push(...sectionEmbeds(lead, excerpt.runs, citation, answerColor, language, note));
  });
  const rows: APIActionRowComponent<APIButtonComponent>[] = [feedbackRow(answer, options.token, partial)];
  const links = linkRow(answer.citations, language);
  if (links) rows.push(links);
  return packMessages(embeds, rows);
}

/** The whole paragraph of a citation, for the "show full paragraph" button (split when long). */
export function renderFullPassage(citation: Citation, language: Language): DiscordPayload[] {
  const runs = sentenceRuns(splitAroundSentence(citation));
  const links = linkRow([citation], language);
  return packMessages(sectionEmbeds([], runs, citation, answerColor, language), links ? [links] : []);
}

/**
 * The bot's own text (help, status, errors) as plain message content, split at 2000 characters.
 * Not escaped: callers pass text they wrote, with its intended markdown.
 */
export function renderText(text: string): DiscordPayload[] {
  return renderChunks([{ text }], discordLimits.content, { escape: false }).map((content) => ({
    content,
    embeds: [],
    components: [],
    allowedMentions: noPings,
  }));
}

/** Reads a button's custom id back; undefined for ids this bot did not make. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const feedback = /^fb:(up|down):([\w-]{1,40})$/.exec(customId);
  if (feedback) return { kind: "feedback", rating: feedback[1] as "up" | "down", token: feedback[2]! };
  const full = /^full:([\w-]{1,40}):(\d{1,2})$/.exec(customId);
  if (full) return { kind: "full", token: full[1]!, citation: Number(full[2]) };
  return undefined;
}

/** An http(s) URL Discord accepts on a link button, else undefined (a bad URL would fail the whole message). */
export function safeLinkUrl(source: string | undefined): string | undefined {
  if (!source) return undefined;
  try {
    const url = new URL(source);
    if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
    return url.href.length <= discordLimits.buttonUrl ? url.href : undefined;
  } catch {
    return undefined; // Not a URL: the source is still named in the footer.
  }
}

/**
 * The quote as runs with the supporting sentence bold; the shared excerpt around that sentence
 * (never cutting it) when the paragraph is longer than `maxLength`, marked with `…`.
 */
export function quoteRuns(citation: Citation, maxLength: number): { runs: Run[]; partial: boolean } {
  const excerpt = quoteExcerpt(citation, maxLength, spacedMarks);
  return { runs: sentenceRuns(excerpt), partial: excerpt.shortened };
}

function sentenceRuns({ before, sentence, after }: SentenceParts): Run[] {
  return [{ text: before }, { text: sentence, bold: true }, { text: after }];
}

/**
 * Embeds for one section: lead text, then a quote, then an optional italic note; the footer (the
 * source line) goes on the section's last embed. Descriptions are sized so that one embed plus its
 * footer always fits Discord's 6000-character message budget.
 */
function sectionEmbeds(lead: Run[], quote: Run[], citation: Citation | undefined, color: number, language: Language, note?: string): APIEmbed[] {
  let footer = citation ? sourceLine(citation, language) : undefined;
  const extra: Run[] = [];
  if (footer && footer.length > discordLimits.embedFooter) {
    // A footer cannot be split; an absurdly long source line goes into the description instead.
    extra.push({ text: `${messagesFor(language).source}: ${footer}` });
    footer = undefined;
  }
  const limit = Math.min(discordLimits.embedDescription, discordLimits.embedTotal - (footer?.length ?? 0));
  const parts = [
    ...(lead.length > 0 ? renderChunks(lead, limit) : []),
    ...(quote.length > 0 ? renderChunks(quote, limit, { quote: true }) : []),
    ...(note ? renderChunks([{ text: note }], limit - 2).map((text) => `_${text}_`) : []),
    ...(extra.length > 0 ? renderChunks(extra, limit) : []),
  ];
  const descriptions: string[] = [];
  for (const part of parts) {
    const last = descriptions[descriptions.length - 1];
    if (last !== undefined && last.length + 2 + part.length <= limit) descriptions[descriptions.length - 1] = `${last}\n\n${part}`;
    else descriptions.push(part);
  }
  return descriptions.map((description, index) => ({
    color,
    description,
    ...(footer && index === descriptions.length - 1 ? { footer: { text: footer } } : {}),
  }));
}

/** Groups embeds into messages of at most 10 embeds and 6000 characters; buttons go on the last one. */
function packMessages(embeds: APIEmbed[], rows: APIActionRowComponent<APIButtonComponent>[]): DiscordPayload[] {
  const messages: APIEmbed[][] = [];
  let size = 0;
  for (const embed of embeds) {
    const embedSize = embedLength(embed);
    const current = messages[messages.length - 1];
    if (current && current.length < discordLimits.embedsPerMessage && size + embedSize <= discordLimits.embedTotal) {
      current.push(embed);
      size += embedSize;
    } else {
      messages.push([embed]);
      size = embedSize;
    }
  }
  if (messages.length === 0) messages.push([]);
  return messages.map((group, index) => ({
    embeds: group,
    components: index === messages.length - 1 ? rows : [],
    allowedMentions: noPings,
  }));
}

/** The characters Discord counts towards the 6000 per message. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

function feedbackRow(answer: Answer, token: string, partial: number[]): APIActionRowComponent<APIButtonComponent> {
  const texts = discordTextsFor(answer.language);
  const buttons: APIButtonComponent[] = [
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: "👍" }, custom_id: `fb:up:${token}` },
    { type: ComponentType.Button, style: ButtonStyle.Secondary, emoji: { name: "👎" }, custom_id: `fb:down:${token}` },
  ];
  for (const index of partial.slice(0, discordLimits.buttonsPerRow - buttons.length)) {
    const citation = answer.citations[index]!;
    const label = partial.length > 1 ? `${texts.showFullPassage} ${citation.paragraph}` : texts.showFullPassage;
    buttons.push({ type: ComponentType.Button, style: ButtonStyle.Primary, label, custom_id: `full:${token}:${index}` });
  }
  return { type: ComponentType.ActionRow, components: buttons };
}

/** Link buttons to distinct known sources, or undefined when no citation has a usable URL. */
function linkRow(citations: Citation[], language: Language): APIActionRowComponent<APIButtonComponent> | undefined {
  const text = messagesFor(language);
  const urls = new Map<string, Citation>();
  for (const citation of citations) {
    const url = safeLinkUrl(citation.source);
    if (url && !urls.has(url)) urls.set(url, citation);
  }
  if (urls.size === 0) return undefined;
  const buttons: APIButtonComponent[] = [...urls].slice(0, discordLimits.buttonsPerRow).map(([url, citation]) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Link,
    url,
    label: urls.size > 1 ? `${text.source} (${text.paragraph} ${citation.paragraph})` : text.source,
  }));
  return { type: ComponentType.ActionRow, components: buttons };
}
