import { messages } from "../../src/answer/messages.js";
import type { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { FeedbackSummary } from "../../src/feedback/feedback-summary.js";
import type { Logger } from "../../src/logging/logger.js";
import type { CoreStatus, DocumentDetails, FullStatus, Language, LastRefreshStatus, ScheduleStatus } from "../../src/port/types.js";
import { clip, plainReport, when, type ReportFormat } from "./feedback-report.js";
import { packBlocks, type ReportBlock } from "./report-blocks.js";

/**
 * `/status` in words, the same on every platform: the short form anyone may see (version, size,
 * what the corpus is about, how answers are made) and the moderators' full form (every listed
 * document with its source and times, embedder and calibration, language model, last refresh,
 * scheduled re-fetch, feedback totals, uptime). Each platform says how to escape and to bold.
 * Titles, links, user ids and failure reasons are untrusted text and always go through `escape`.
 */

export type FeedbackTotals = FeedbackSummary["totals"];

const statusTexts = {
  nl: {
    corpus: (version: number) => `Corpus v${version}`,
    size: (built: string, documents: number, passages: number) =>
      `gebouwd ${built}: ${documents} ${documents === 1 ? "document" : "documenten"}, ${passages} passages.`,
    about: "Over",
    more: (count: number) => `en ${count} ${count === 1 ? "ander" : "andere"}`,
    extractive: "Antwoorden: letterlijke zinnen uit het artikel (extractief).",
    generative: "Antwoorden: door een taalmodel verwoord, altijd met het Nederlandse citaat erbij.",
    documents: "Documenten",
    moreDocuments: (count: number) => `… en ${count} ${count === 1 ? "ander document" : "andere documenten"}.`,
    passages: (count: number) => `${count} ${count === 1 ? "passage" : "passages"}`,
    fetched: "opgehaald",
    changed: "bestand gewijzigd",
    fileMissing: "bestand niet meer in de corpusmap",
    answers: "Antwoorden",
    embedder: (status: CoreStatus) => `Embedder: ${status.embedder.id} (${status.embedder.dimensions} dimensies), woordkennis ${status.calibration.lexicon}.`,
    similarity: (s: CoreStatus["calibration"]["similarity"]) =>
      `Gelijkenis van vragen buiten het onderwerp: gemiddeld ${s.mean.toFixed(2)}, sd ${s.sd.toFixed(2)}, p95 ${s.p95.toFixed(2)}, max ${s.max.toFixed(2)}.`,
    noModel: "Taalmodel: geen; antwoorden zijn letterlijke zinnen uit het artikel.",
    model: (model: { provider: string; model: string } | undefined) =>
      `Taalmodel: ${model ? `${model.provider} ${model.model}` : "onbekend"}; elk antwoord wordt tegen de geciteerde zinnen gecontroleerd, anders extractief.`,
    lastRefresh: "Laatste verversing",
    noRefresh: "Nog geen verversing in het auditlogboek.",
    refreshLine: (refresh: LastRefreshStatus, who: string) =>
      `${when(refresh.at)} · ${refresh.action === "rollback" ? "terugzetten" : "verversen"} door ${who}: `,
    ok: (refresh: LastRefreshStatus) => (refresh.action === "rollback" ? "teruggezet" : "gelukt") + `, v${refresh.oldVersion} → v${refresh.newVersion}.`,
    unchanged: (version: number) => `geen wijzigingen, nog steeds v${version}.`,
    failed: (version: number) => (version > 0 ? `mislukt; v${version} bleef in gebruik.` : "mislukt."),
    reason: "Reden",
    who: {
      telegram: (id?: string) => `Telegram-gebruiker ${id ?? "?"}`,
      discord: (id?: string) => `Discord-gebruiker ${id ?? "?"}`,
      ingest: (id?: string) => (id ? `npm run ingest (${id})` : "npm run ingest"),
      startup: () => "de bot zelf, bij het opstarten",
      schedule: () => "het schema (REFRESH_INTERVAL_MINUTES)",
    } as Record<string, (id?: string) => string>,
    schedule: "Automatisch verversen",
    interval: (minutes: number) => `Elke ${minutes} minuten worden de links opnieuw opgehaald.`,
    lastCheck: (at: string, outcome: string) => `Laatste controle ${at}: ${outcome}.`,
    outcome: {
      "not-modified": () => "niet gewijzigd volgens de server",
      unchanged: () => "opgehaald, tekst ongewijzigd",
      refreshed: (version?: number) => (version ? `ververst naar v${version}` : "ververst"),
      failed: () => "mislukt",
      busy: () => "overgeslagen, er liep al een verversing",
    } satisfies Record<NonNullable<ScheduleStatus["lastCheck"]>["outcome"], (version?: number) => string>,
    noCheck: "Nog geen controle gedaan.",
    nextCheck: (at: string) => `Volgende controle ${at}.`,
    failures: (count: number) => `${count} mislukte ${count === 1 ? "controle" : "controles"} op rij; de wachttijd wordt telkens langer.`,
    feedback: (totals: FeedbackTotals | undefined) =>
      !totals
        ? "Feedback: kon niet worden gelezen."
        : totals.up + totals.down === 0
          ? "Feedback: nog geen 👍 of 👎."
          : `Feedback: ${totals.up} 👍 en ${totals.down} 👎 van ${totals.voters} ${totals.voters === 1 ? "gebruiker" : "gebruikers"}; /feedback toont de 👎-antwoorden.`,
    uptime: (since: string, duration: string) => `Actief sinds ${since} (${duration}).`,
    units: { day: "d", hour: "u", minute: "min" },
  },
  en: {
    corpus: (version: number) => `Corpus v${version}`,
    size: (built: string, documents: number, passages: number) =>
      `built ${built}: ${documents} ${documents === 1 ? "document" : "documents"}, ${passages} passages.`,
    about: "About",
    more: (count: number) => `and ${count} more`,
    extractive: "Answers: verbatim sentences from the article (extractive).",
    generative: "Answers: worded by a language model, always with the Dutch quote.",
    documents: "Documents",
    moreDocuments: (count: number) => `… and ${count} more ${count === 1 ? "document" : "documents"}.`,
    passages: (count: number) => `${count} ${count === 1 ? "passage" : "passages"}`,
    fetched: "fetched",
    changed: "file changed",
    fileMissing: "file no longer in the corpus folder",
    answers: "Answers",
    embedder: (status: CoreStatus) =>
      `Embedder: ${status.embedder.id} (${status.embedder.dimensions} dimensions), word knowledge ${status.calibration.lexicon}.`,
    similarity: (s: CoreStatus["calibration"]["similarity"]) =>
      `Similarity of off-topic questions: mean ${s.mean.toFixed(2)}, sd ${s.sd.toFixed(2)}, p95 ${s.p95.toFixed(2)}, max ${s.max.toFixed(2)}.`,
    noModel: "Language model: none; answers are verbatim sentences from the article.",
    model: (model: { provider: string; model: string } | undefined) =>
      `Language model: ${model ? `${model.provider} ${model.model}` : "unknown"}; every answer is checked against the cited sentences, else extractive.`,
    lastRefresh: "Last refresh",
    noRefresh: "No refresh in the audit log yet.",
    refreshLine: (refresh: LastRefreshStatus, who: string) => `${when(refresh.at)} · ${refresh.action} by ${who}: `,
    ok: (refresh: LastRefreshStatus) => (refresh.action === "rollback" ? "rolled back" : "done") + `, v${refresh.oldVersion} → v${refresh.newVersion}.`,
    unchanged: (version: number) => `no changes, still v${version}.`,
    failed: (version: number) => (version > 0 ? `failed; v${version} stayed in use.` : "failed."),
    reason: "Reason",
    who: {
      telegram: (id?: string) => `Telegram user ${id ?? "?"}`,
      discord: (id?: string) => `Discord user ${id ?? "?"}`,
      ingest: (id?: string) => (id ? `npm run ingest (${id})` : "npm run ingest"),
      startup: () => "the bot itself, at start-up",
      schedule: () => "the schedule (REFRESH_INTERVAL_MINUTES)",
    } as Record<string, (id?: string) => string>,
    schedule: "Scheduled refresh",
    interval: (minutes: number) => `The links are fetched again every ${minutes} minutes.`,
    lastCheck: (at: string, outcome: string) => `Last check ${at}: ${outcome}.`,
    outcome: {
      "not-modified": () => "not modified according to the server",
      unchanged: () => "fetched, text unchanged",
      refreshed: (version?: number) => (version ? `refreshed to v${version}` : "refreshed"),
      failed: () => "failed",
      busy: () => "skipped, another refresh was running",
    } satisfies Record<NonNullable<ScheduleStatus["lastCheck"]>["outcome"], (version?: number) => string>,
    noCheck: "No check yet.",
    nextCheck: (at: string) => `Next check ${at}.`,
    failures: (count: number) => `${count} failed ${count === 1 ? "check" : "checks"} in a row; each one lengthens the wait.`,
    feedback: (totals: FeedbackTotals | undefined) =>
      !totals
        ? "Feedback: could not be read."
        : totals.up + totals.down === 0
          ? "Feedback: no 👍 or 👎 yet."
          : `Feedback: ${totals.up} 👍 and ${totals.down} 👎 from ${totals.voters} ${totals.voters === 1 ? "user" : "users"}; /feedback shows the 👎 answers.`,
    uptime: (since: string, duration: string) => `Running since ${since} (${duration}).`,
    units: { day: "d", hour: "h", minute: "min" },
  },
} satisfies Record<Language, unknown>;

type StatusTexts = (typeof statusTexts)["nl"];

/** Titles the short form names before "and N more". */
const shortFormTitles = 3;
/** Characters of untrusted text kept per field: a 5000-character title must not crowd out the status. */
const maxTitle = 150;
const maxSource = 200;
const maxReason = 300;

/** The short form, for everyone: a few lines that always fit one message on any platform. */
export function shortStatusText(status: CoreStatus, language: Language, format: ReportFormat = plainReport): string {
  const text = statusTexts[language];
  const titles = status.documentList.slice(0, shortFormTitles).map((document) => `“${clip(document.title, 80)}”`);
  const others = status.documents - titles.length;
  const about = titles.length === 0 ? undefined : `${text.about}: ${titles.join(", ")}${others > 0 ? ` ${text.more(others)}` : ""}.`;
  return [
    headline(status, text, format),
    about === undefined ? undefined : format.escape(about),
    format.escape(status.answerMode === "generative" ? text.generative : text.extractive),
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}

/** `Corpus v3, gebouwd 2026-12-02 05:10 UTC: 1 document, 9 passages.` with the version in bold. */
function headline(status: CoreStatus, text: StatusTexts, format: ReportFormat): string {
  return `${format.bold(format.escape(text.corpus(status.corpusVersion)))}, ${format.escape(text.size(when(status.builtAt), status.documents, status.passages))}`;
}

export interface FullStatusOptions {
  /** Characters one message may have after escaping (Telegram 4096, Discord 2000). */
  limit: number;
  format?: ReportFormat;
  /** For the uptime; the clock by default. */
  now?: Date;
}

/**
 * The moderators' full form as messages of at most `limit` characters. Sections are blocks that
 * are never split; a long document list simply continues in the next message.
 */
export function fullStatusPages(status: FullStatus, feedback: FeedbackTotals | undefined, language: Language, options: FullStatusOptions): string[] {
  const format = options.format ?? plainReport;
  const text = statusTexts[language];
  const closing = [text.feedback(feedback), text.uptime(when(status.startedAt), duration(status.startedAt, options.now ?? new Date(), text))];
  const blocks: ReportBlock[] = [
    { text: headline(status, text, format), gap: "" },
    ...documentBlocks(status, text, format),
    section(format, text.answers, answerLines(status, language)),
    section(format, text.lastRefresh, refreshLines(status.lastRefresh, text)),
    ...(status.schedule ? [section(format, text.schedule, scheduleLines(status.schedule, text))] : []),
    { text: format.escape(closing.join("\n")), gap: "\n\n" },
  ];
  return packBlocks(blocks, options.limit);
}

/** A bold heading over escaped lines, a paragraph of its own. */
function section(format: ReportFormat, heading: string, lines: string[]): ReportBlock {
  return { text: [format.bold(format.escape(heading)), ...lines.map((line) => format.escape(line))].join("\n"), gap: "\n\n" };
}

/** The heading with the first document, then one block per document, then how many are not listed. */
function documentBlocks(status: FullStatus, text: StatusTexts, format: ReportFormat): ReportBlock[] {
  const lines = status.documentList.map((document, index) => format.escape(documentLines(document, index + 1, text).join("\n")));
  const rest = status.documents - status.documentList.length;
  if (rest > 0) lines.push(format.escape(text.moreDocuments(rest)));
  const heading = format.bold(format.escape(text.documents));
  return [
    { text: [heading, lines[0]].filter((line) => line !== undefined).join("\n"), gap: "\n\n" },
    ...lines.slice(1).map((line) => ({ text: line, gap: "\n" })),
  ];
}

/** `1. “Title” (2022-10)` and where it comes from: link or file, passages, when fetched and changed. */
function documentLines(document: DocumentDetails, number: number, text: StatusTexts): string[] {
  const title = `${number}. “${clip(document.title, maxTitle)}”${document.published ? ` (${clip(document.published, 20)})` : ""}`;
  const facts = [clip(document.url ?? document.file ?? document.id, maxSource), text.passages(document.passages)];
  if (document.fetchedAt) facts.push(`${text.fetched} ${when(document.fetchedAt)}`);
  facts.push(document.file ? (document.changedAt ? `${text.changed} ${when(document.changedAt)}` : document.file) : text.fileMissing);
  return [title, `   ${facts.join(" · ")}`];
}

/** Embedder, its calibration and the language model. */
function answerLines(status: FullStatus, language: Language): string[] {
  const text = statusTexts[language];
  const model = status.answerMode === "generative" ? text.model(status.languageModel) : text.noModel;
  return [text.embedder(status), messages[language].calibration(status.calibration), text.similarity(status.calibration.similarity), model];
}

/** Who, when and how the latest refresh or rollback went; why, when it failed. */
function refreshLines(refresh: LastRefreshStatus | undefined, text: StatusTexts): string[] {
  if (!refresh) return [text.noRefresh];
  const { platform, userId } = refresh.by;
  const who = text.who[platform]?.(userId) ?? (userId ? `${platform} ${userId}` : platform);
  const outcome =
    refresh.result === "failed" ? text.failed(refresh.oldVersion) : refresh.result === "unchanged" ? text.unchanged(refresh.newVersion) : text.ok(refresh);
  const lines = [text.refreshLine(refresh, clip(who, 80)) + outcome];
  if (refresh.reason) lines.push(`${text.reason}: ${clip(refresh.reason, maxReason)}`);
  return lines;
}

/** The scheduled re-fetch: interval, last check and its outcome, next check, failures in a row. */
function scheduleLines(schedule: ScheduleStatus, text: StatusTexts): string[] {
  const lines = [text.interval(schedule.intervalMinutes)];
  const last = schedule.lastCheck;
  if (last) {
    const outcome = text.outcome[last.outcome](last.newVersion);
    lines.push(text.lastCheck(when(last.at), last.reason ? `${outcome} (${clip(last.reason, maxReason)})` : outcome));
  } else {
    lines.push(text.noCheck);
  }
  if (schedule.nextCheckAt) lines.push(text.nextCheck(when(schedule.nextCheckAt)));
  if (schedule.consecutiveFailures > 0) lines.push(text.failures(schedule.consecutiveFailures));
  return lines;
}

/** `2 d 3 u`, `1 u 10 min`, `4 min` since `since`. */
function duration(since: string, now: Date, text: StatusTexts): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000)) || 0;
  const { day, hour, minute } = text.units;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} ${day} ${hours} ${hour}`;
  if (hours > 0) return `${hours} ${hour} ${minutes % 60} ${minute}`;
  return `${minutes} ${minute}`;
}

/**
 * 👍/👎 totals of every process (read from the feedback file), or undefined when the file cannot be
 * read: the rest of the status is still worth showing then.
 */
export async function feedbackTotals(feedback: FeedbackStore, logger: Logger): Promise<FeedbackTotals | undefined> {
  try {
    return (await feedback.summary()).totals;
  } catch (error) {
    logger.warn("could not read the feedback totals for /status", { error });
    return undefined;
  }
}
