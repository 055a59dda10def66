import { describe, expect, it } from "vitest";
import { escapeDiscord } from "../../../adapters/discord/discord-markdown.js";
import { clip, feedbackReportPages, type ReportFormat } from "../../../adapters/shared/feedback-report.js";
import { escapeHtml } from "../../../adapters/telegram/telegram-html.js";
import type { FeedbackRecord } from "../../../src/feedback/feedback-record.js";
import { summarizeFeedback } from "../../../src/feedback/feedback-summary.js";

const html: ReportFormat = { escape: escapeHtml, bold: (text) => `<b>${text}</b>` };
const markdown: ReportFormat = { escape: escapeDiscord, bold: (text) => `**${text}**` };

function complaint(index: number, overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    at: new Date(Date.UTC(2026, 10, 30, 12, index)).toISOString(),
    platform: "telegram",
    userHash: `u${index}`,
    rating: "down",
    question: `Vraag ${index}?`,
    answer: "Volgens het artikel (alinea 1): iets.",
    passageIds: ["doc#1"],
    corpusVersion: 1,
    abstained: false,
    answerId: `a${index}`,
    paragraphs: [1],
    language: "nl",
    ...overrides,
  };
}

describe("feedbackReportPages", () => {
  it("says there is no feedback yet, on one page without a page number", () => {
    expect(feedbackReportPages(summarizeFeedback([]), "en", { limit: 2000 })).toEqual(["No feedback yet: nobody has rated an answer with 👍 or 👎."]);
  });

  it("says there is no 👎 yet when all votes are 👍", () => {
    const [page] = feedbackReportPages(summarizeFeedback([complaint(1, { rating: "up" })]), "nl", { limit: 2000 });
    expect(page).toBe("Feedback: 1 👍 en 0 👎 van 1 gebruiker (één stem per gebruiker per antwoord).\n\nPer corpusversie:\n• v1: 1 👍, 0 👎\n\nNog geen 👎.");
  });

  it("keeps every page within the limit after escaping, even for text made of characters escaping blows up", () => {
    const nasty = "&<>*_|`~".repeat(2000);
    const records = Array.from({ length: 80 }, (_, index) =>
      complaint(index, { question: nasty, answer: nasty, passageIds: [`${"d&".repeat(500)}#x`, `${"e<".repeat(500)}#y`], paragraphs: [1, 2] }),
    );
    const summary = summarizeFeedback(records);
    for (const [format, limit] of [
      [html, 4096],
      [markdown, 2000],
    ] as const) {
      const pages = feedbackReportPages(summary, "nl", { limit, format, maxComplaints: 80 });
      expect(pages.length).toBeGreaterThan(1);
      for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
      expect(pages.join("\n").match(/^(<b>|\*\*)\d+\. /gm)).toHaveLength(80);
    }
  });

  it("numbers pages and lists each complaint once, in order, within maxComplaints", () => {
    const summary = summarizeFeedback(Array.from({ length: 30 }, (_, index) => complaint(index, { question: `Vraag ${index}? ${"woord ".repeat(60)}` })));
    const pages = feedbackReportPages(summary, "nl", { limit: 1500, maxComplaints: 20 });
    pages.forEach((page, index) => expect(page.endsWith(`Pagina ${index + 1}/${pages.length}`)).toBe(true));
    const listed = [...pages.join("\n").matchAll(/^\d+\. “Vraag (\d+)\?/gm)].map((match) => Number(match[1]));
    expect(listed).toEqual(Array.from({ length: 20 }, (_, index) => 29 - index));
    expect(pages[0]).toContain("Laatste 👎 (20 van 30):");
  });

  it("clip shortens by characters, never splitting an emoji's surrogate pair", () => {
    expect(clip("👍👍👍👍", 3)).toBe("👍👍…");
    expect(clip("  kort \n tekst ", 20)).toBe("kort tekst");
  });
});
