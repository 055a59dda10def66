import type { Complaint, FeedbackSummary } from "../../src/feedback/feedback-summary.js";
import type { Language } from "../../src/port/types.js";
import { packBlocks, type ReportBlock } from "./report-blocks.js";

/**
 * The moderators' feedback report (`/feedback` on Telegram and Discord, `npm run feedback`): the
 * same words everywhere, split into pages that fit a platform's message limit. Each platform only
 * says how to escape user text and how to make a heading bold.
 */

/** How a platform shows text: `escape` for user and corpus text, `bold` for the bot's headings. */
export interface ReportFormat {
  escape(text: string): string;
  bold(text: string): string;
}

/** The terminal: nothing to escape, no markup. */
export const plainReport: ReportFormat = { escape: (text) => text, bold: (text) => text };

/** Answers with a 👎 the bots list (newest first); older ones stay in the file and the export. */
export const defaultMaxComplaints = 50;

const reportTexts = {
  nl: {
    totals: (up: number, down: number, voters: number) =>
      `Feedback: ${up} 👍 en ${down} 👎 van ${voters} ${voters === 1 ? "gebruiker" : "gebruikers"} (één stem per gebruiker per antwoord).`,
    none: "Nog geen feedback: niemand heeft een antwoord met 👍 of 👎 beoordeeld.",
    perVersion: "Per corpusversie:",
    version: (counts: FeedbackSummary["perVersion"][number]) => `• v${counts.corpusVersion}: ${counts.up} 👍, ${counts.down} 👎`,
    complaints: (shown: number, total: number) => (shown === total ? `Laatste 👎 (${total}):` : `Laatste 👎 (${shown} van ${total}):`),
    noComplaints: "Nog geen 👎.",
    answer: "Antwoord",
    cited: "Geciteerd",
    paragraph: "alinea",
    of: "van",
    abstained: "niets (de bot gaf geen antwoord)",
    unknown: "onbekend",
    corpus: "corpus",
    page: (page: number, pages: number) => `Pagina ${page}/${pages}`,
  },
  en: {
    totals: (up: number, down: number, voters: number) =>
      `Feedback: ${up} 👍 and ${down} 👎 from ${voters} ${voters === 1 ? "user" : "users"} (one vote per user per answer).`,
    none: "No feedback yet: nobody has rated an answer with 👍 or 👎.",
    perVersion: "Per corpus version:",
    version: (counts: FeedbackSummary["perVersion"][number]) => `• v${counts.corpusVersion}: ${counts.up} 👍, ${counts.down} 👎`,
    complaints: (shown: number, total: number) => (shown === total ? `Latest 👎 (${total}):` : `Latest 👎 (${shown} of ${total}):`),
    noComplaints: "No 👎 yet.",
    answer: "Answer",
    cited: "Cited",
    paragraph: "paragraph",
    of: "of",
    abstained: "nothing (the bot did not answer)",
    unknown: "unknown",
    corpus: "corpus",
    page: (page: number, pages: number) => `Page ${page}/${pages}`,
  },
} satisfies Record<Language, unknown>;

type ReportTexts = (typeof reportTexts)["nl"];

export interface FeedbackReportOptions {
  /** Characters one page may have, after escaping (Telegram 4096, Discord 2000; Infinity for one page). */
  limit: number;
  format?: ReportFormat;
  maxComplaints?: number;
}

/** Room kept free on every page for the "Page 2/3" line. */
const footerRoom = 40;

/**
 * The report as pages of at most `limit` characters: totals and counts per corpus version first,
 * then the latest 👎 answers (question, first line of the answer, paragraph cited, when, platform).
 * Blocks are never split; a page number ends every page when there is more than one. Pure.
 */
export function feedbackReportPages(summary: FeedbackSummary, language: Language, options: FeedbackReportOptions): string[] {
  const format = options.format ?? plainReport;
  const text = reportTexts[language];
  const room = options.limit - footerRoom;
  const blocks = reportBlocks(summary, text, format, room, options.maxComplaints ?? defaultMaxComplaints);
  const pages = packBlocks(blocks, room);
  if (pages.length <= 1) return pages;
  return pages.map((page, index) => `${page}\n\n${format.escape(text.page(index + 1, pages.length))}`);
}

function reportBlocks(summary: FeedbackSummary, text: ReportTexts, format: ReportFormat, room: number, maxComplaints: number): ReportBlock[] {
  const { totals } = summary;
  if (totals.up + totals.down === 0) return [{ text: format.escape(text.none), gap: "" }];
  const blocks: ReportBlock[] = [
    { text: format.escape(text.totals(totals.up, totals.down, totals.voters)), gap: "" },
    { text: format.bold(format.escape(text.perVersion)), gap: "\n\n" },
    ...summary.perVersion.map((counts) => ({ text: format.escape(text.version(counts)), gap: "\n" })),
  ];
  const shown = summary.complaints.slice(0, maxComplaints);
  blocks.push({
    text: format.bold(format.escape(shown.length > 0 ? text.complaints(shown.length, summary.complaints.length) : text.noComplaints)),
    gap: "\n\n",
  });
  shown.forEach((complaint, index) => blocks.push({ text: complaintBlock(complaint, index + 1, text, format, room), gap: "\n\n" }));
  return blocks;
}

/**
 * One 👎 answer in four lines. User text is shortened so a block always fits a page: first to a
 * few hundred characters, then shorter while escaping still makes it too long.
 */
function complaintBlock(complaint: Complaint, number: number, text: ReportTexts, format: ReportFormat, room: number): string {
  for (let budget = 300; ; budget = Math.floor(budget / 2)) {
    const lines = [
      format.bold(`${number}. ${format.escape(`“${clip(complaint.question, budget)}”`)}`),
      format.escape(`${text.answer}: ${clip(complaint.answerFirstLine, Math.ceil((budget * 2) / 3))}`),
      format.escape(`${text.cited}: ${cited(complaint, text, Math.ceil(budget / 5))}`),
      format.escape(`${when(complaint.at)} · ${complaint.platform} · ${text.corpus} v${complaint.corpusVersion} · 👎 ${complaint.down} · 👍 ${complaint.up}`),
    ];
    const block = lines.join("\n");
    if (block.length <= room || budget < 8) return block;
  }
}

/** `alinea 3 van 2022-10-luchtafweer`, one per citation; what the bot cited, or that it abstained. */
function cited(complaint: Complaint, text: ReportTexts, budget: number): string {
  if (complaint.paragraphs.length > 0) {
    return complaint.paragraphs
      .map((paragraph, index) => {
        const document = complaint.documents[index];
        return document ? `${text.paragraph} ${paragraph} ${text.of} ${clip(document, budget)}` : `${text.paragraph} ${paragraph}`;
      })
      .join(", ");
  }
  // Lines written before paragraph numbers were stored name only the document.
  if (complaint.documents.length > 0) return complaint.documents.map((document) => `${text.paragraph} ? ${text.of} ${clip(document, budget)}`).join(", ");
  return complaint.abstained ? text.abstained : text.unknown;
}

/** `2026-11-30 14:02 UTC` from an ISO timestamp. */
export function when(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** At most `max` characters (code points, never half a surrogate pair), with `…` when shortened. */
export function clip(text: string, max: number): string {
  const characters = Array.from(text.replace(/\s+/g, " ").trim());
  return characters.length <= max ? characters.join("") : `${characters.slice(0, Math.max(1, max - 1)).join("")}…`;
}
