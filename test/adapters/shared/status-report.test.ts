import { describe, expect, it } from "vitest";
import { markdownFormat } from "../../../adapters/discord/discord-markdown.js";
import { fullStatusPages, shortStatusText } from "../../../adapters/shared/status-report.js";
import { htmlFormat } from "../../../adapters/telegram/telegram-html.js";
import type { DocumentDetails, FullStatus } from "../../../src/port/types.js";

/** A status as the core would give it, by hand, so every field the renderer reads is known. */
function fullStatus(overrides: Partial<FullStatus> = {}): FullStatus {
  return {
    corpusVersion: 7,
    documents: 2,
    passages: 13,
    embedder: { id: "hashing-v2-512", dimensions: 512 },
    builtAt: "2026-12-01T09:30:12.000Z",
    answerMode: "extractive",
    calibration: {
      threshold: 0.31,
      overridden: false,
      lexicon: "cldr",
      nullQuestions: { version: 2, count: 100 },
      similarity: { mean: 0.12, sd: 0.04, p95: 0.19, max: 0.23 },
      nullRelevance: { p95: 0.27, max: 0.29 },
    },
    documentList: [
      {
        id: "2022-10-luchtafweer",
        title: "Luchtafweer voor Oekraïne",
        published: "2022-10",
        passages: 9,
        file: "2022-10-luchtafweer.md",
        changedAt: "2026-11-30T08:00:00.000Z",
      },
      {
        id: "nieuws-example-brug",
        title: "Brug heropend",
        url: "https://nieuws.example/brug",
        passages: 4,
        file: "nieuws-example-brug.md",
        fetchedAt: "2026-12-01T09:30:00.000Z",
        changedAt: "2026-12-01T09:30:01.000Z",
      },
    ],
    startedAt: "2026-12-01T08:00:00.000Z",
    lastRefresh: {
      at: "2026-12-01T09:30:12.000Z",
      action: "refresh",
      by: { platform: "telegram", userId: "4242" },
      result: "ok",
      oldVersion: 6,
      newVersion: 7,
    },
    ...overrides,
  };
}

const now = new Date("2026-12-02T10:40:00.000Z");
const totals = { up: 3, down: 1, voters: 4 };

describe("the full form", () => {
  it("names the version, every document with its source and times, the calibration, the last refresh, feedback and uptime", () => {
    const [page, ...rest] = fullStatusPages(fullStatus(), totals, "nl", { limit: 4096, now });
    expect(rest).toEqual([]);
    expect(page).toBe(
      [
        "Corpus v7, gebouwd 2026-12-01 09:30 UTC: 2 documenten, 13 passages.",
        "",
        "Documenten",
        "1. “Luchtafweer voor Oekraïne” (2022-10)",
        "   2022-10-luchtafweer.md · 9 passages · bestand gewijzigd 2026-11-30 08:00 UTC",
        "2. “Brug heropend”",
        "   https://nieuws.example/brug · 4 passages · opgehaald 2026-12-01 09:30 UTC · bestand gewijzigd 2026-12-01 09:30 UTC",
        "",
        "Antwoorden",
        "Embedder: hashing-v2-512 (512 dimensies), woordkennis cldr.",
        "Drempel om te antwoorden: 0.31, gemeten op 100 vragen buiten het onderwerp (95 % daarvan scoort onder 0.27).",
        "Gelijkenis van vragen buiten het onderwerp: gemiddeld 0.12, sd 0.04, p95 0.19, max 0.23.",
        "Taalmodel: geen; antwoorden zijn letterlijke zinnen uit het artikel.",
        "",
        "Laatste verversing",
        "2026-12-01 09:30 UTC · verversen door Telegram-gebruiker 4242: gelukt, v6 → v7.",
        "",
        "Feedback: 3 👍 en 1 👎 van 4 gebruikers; /feedback toont de 👎-antwoorden.",
        "Actief sinds 2026-12-01 08:00 UTC (1 d 2 u).",
      ].join("\n"),
    );
  });

  it("renders the scheduled re-fetch when the core reports one: interval, last check, next check, failures in a row", () => {
    const schedule = {
      intervalMinutes: 30,
      lastCheck: { at: "2026-12-02T10:00:00.000Z", outcome: "failed" as const, reason: "SOURCE_UNREACHABLE: nieuws.example did not answer" },
      nextCheckAt: "2026-12-02T11:00:00.000Z",
      consecutiveFailures: 2,
    };
    const [page] = fullStatusPages(fullStatus({ schedule }), totals, "nl", { limit: 4096, now });
    expect(page).toContain(
      [
        "Automatisch verversen",
        "Elke 30 minuten worden de links opnieuw opgehaald.",
        "Laatste controle 2026-12-02 10:00 UTC: mislukt (SOURCE_UNREACHABLE: nieuws.example did not answer).",
        "Volgende controle 2026-12-02 11:00 UTC.",
        "2 mislukte controles op rij; de wachttijd wordt telkens langer.",
      ].join("\n"),
    );
    const refreshed = {
      intervalMinutes: 60,
      lastCheck: { at: "2026-12-02T10:00:00.000Z", outcome: "refreshed" as const, newVersion: 8 },
      consecutiveFailures: 0,
    };
    const [english] = fullStatusPages(fullStatus({ schedule: refreshed }), totals, "en", { limit: 4096, now });
    expect(english).toContain(
      "Scheduled refresh\nThe links are fetched again every 60 minutes.\nLast check 2026-12-02 10:00 UTC: refreshed to v8.\n\nFeedback:",
    );
    expect(fullStatusPages(fullStatus(), totals, "nl", { limit: 4096, now })[0]).not.toContain("Automatisch verversen");
  });

  it("says how a failed, an unchanged and a start-up refresh went, and a language model when there is one", () => {
    const failed = fullStatus({
      lastRefresh: {
        at: "2026-12-02T10:00:00.000Z",
        action: "refresh",
        by: { platform: "discord", userId: "1234" },
        result: "failed",
        oldVersion: 7,
        newVersion: 7,
        reason: "SOURCE_BAD_URL: not an http(s) link",
      },
    });
    expect(fullStatusPages(failed, totals, "nl", { limit: 4096, now })[0]).toContain(
      "2026-12-02 10:00 UTC · verversen door Discord-gebruiker 1234: mislukt; v7 bleef in gebruik.\nReden: SOURCE_BAD_URL: not an http(s) link",
    );
    const unchanged = fullStatus({
      lastRefresh: { at: "2026-12-02T10:00:00.000Z", action: "refresh", by: { platform: "startup" }, result: "unchanged", oldVersion: 7, newVersion: 7 },
      answerMode: "generative",
      languageModel: { provider: "openai", model: "gpt-4o-mini" },
    });
    const [english] = fullStatusPages(unchanged, undefined, "en", { limit: 4096, now });
    expect(english).toContain("2026-12-02 10:00 UTC · refresh by the bot itself, at start-up: no changes, still v7.");
    expect(english).toContain("Language model: openai gpt-4o-mini; every answer is checked against the cited sentences, else extractive.");
    expect(english).toContain("Feedback: could not be read.");
    expect(fullStatusPages(fullStatus({ lastRefresh: undefined }), { up: 0, down: 0, voters: 0 }, "nl", { limit: 4096, now })[0]).toContain(
      "Laatste verversing\nNog geen verversing in het auditlogboek.\n\nFeedback: nog geen 👍 of 👎.",
    );
  });

  it("escapes a hostile title and link for Telegram HTML and Discord markdown", () => {
    const hostile: DocumentDetails = {
      id: "evil",
      title: "<b>Vet</b> & **nep** @everyone <@123>",
      url: "https://evil.example/<script>",
      passages: 1,
      file: "evil.md",
    };
    const status = fullStatus({ documentList: [hostile], documents: 1 });
    const [html] = fullStatusPages(status, totals, "nl", { limit: 4096, format: htmlFormat, now });
    expect(html).toContain("1. “&lt;b&gt;Vet&lt;/b&gt; &amp; **nep** @everyone &lt;@123&gt;”");
    expect(html).toContain("https://evil.example/&lt;script&gt;");
    expect(html).toContain("<b>Documenten</b>");
    expect(html).not.toContain("<b>Vet</b>");
    const [markdown] = fullStatusPages(status, totals, "nl", { limit: 2000, format: markdownFormat, now });
    expect(markdown).toContain("\\*\\*nep\\*\\*");
    expect(markdown).toContain("**Documenten**");
    expect(markdown).not.toContain("**nep**");
  });

  it("splits a long document list over messages within the limit, never inside a document, and says how many are not listed", () => {
    const documentList = Array.from({ length: 50 }, (_, index) => ({
      id: `doc-${index}`,
      title: `Artikel ${index} ${"met een hele lange titel ".repeat(20)}`,
      url: `https://nieuws.example/${"pad/".repeat(80)}${index}`,
      passages: 3,
      file: `doc-${index}.md`,
      fetchedAt: "2026-12-01T09:30:00.000Z",
      changedAt: "2026-12-01T09:30:00.000Z",
    }));
    const pages = fullStatusPages(fullStatus({ documentList, documents: 120 }), totals, "nl", { limit: 2000, format: markdownFormat, now });
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(2000);
    const all = pages.join("\n");
    for (let index = 0; index < 50; index += 1) expect(all).toContain(`${index + 1}\\. “Artikel ${index} met`);
    expect(all).toContain("… en 70 andere documenten.");
    // Titles and links are shortened, with a mark.
    expect(all).not.toContain("titel ".repeat(30));
    expect(all).toMatch(/pad\/…/);
    expect(pages.at(-1)).toContain("Actief sinds");
  });
});

describe("the short form", () => {
  it("names version, size, what the corpus is about and how answers are made, nothing a moderator only needs", () => {
    const text = shortStatusText(fullStatus(), "nl", htmlFormat);
    expect(text).toBe(
      [
        "<b>Corpus v7</b>, gebouwd 2026-12-01 09:30 UTC: 2 documenten, 13 passages.",
        "Over: “Luchtafweer voor Oekraïne”, “Brug heropend”.",
        "Antwoorden: letterlijke zinnen uit het artikel (extractief).",
      ].join("\n"),
    );
  });

  it("names at most three titles, escaped, in English too", () => {
    const many = Array.from({ length: 5 }, (_, index) => ({ id: `d${index}`, title: `Titel <${index}>`, passages: 1 }));
    const text = shortStatusText(fullStatus({ documentList: many, documents: 12, answerMode: "generative" }), "en", htmlFormat);
    expect(text).toContain("About: “Titel &lt;0&gt;”, “Titel &lt;1&gt;”, “Titel &lt;2&gt;” and 9 more.");
    expect(text).toContain("Answers: worded by a language model, always with the Dutch quote.");
  });
});
