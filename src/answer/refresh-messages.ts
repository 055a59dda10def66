import { isNieuwsbotError, type ErrorCode } from "../port/errors.js";
import type { Language, RefreshProgress, RefreshReport } from "../port/types.js";

/** The words of one language for everything a moderator reads about a refresh. */
export interface RefreshMessages {
  /** The summary line of a refresh or rollback that made a change, given its duration in whole milliseconds. */
  report: (report: RefreshReport, ms: number) => string;
  /** The line of a refresh that found nothing to change (no version was made). */
  noChanges: (report: RefreshReport, ms: number) => string;
  working: string;
  phases: Record<RefreshProgress["phase"], string>;
  /** Why a refresh failed, by error code; a code without a line gets `seeLog`. */
  reasons: Partial<Record<ErrorCode, string>>;
  seeLog: string;
  /** Said after every failure: a failed refresh never changes what the bot answers from. */
  nothingChanged: string;
}

/**
 * What moderators read about a refresh, on every platform and the CLI: the summary line, progress,
 * and — when it fails — the reason in plain words. Failure reasons are chosen by error code, never
 * by parsing messages; an unknown error gets a generic line (details go to the log).
 */
export const refreshMessages = {
  nl: {
    report: (report, ms) =>
      `${report.action === "rollback" ? `Teruggezet naar corpus v${report.newVersion}` : `Corpus v${report.newVersion}`}: ` +
      `${report.documents} ${report.documents === 1 ? "document" : "documenten"}${documentChanges(report, ["nieuw", "gewijzigd", "verwijderd"])}, ` +
      `${report.passages} ${report.passages === 1 ? "passage" : "passages"} — ` +
      `${report.added} nieuw, ${report.changed} gewijzigd, ${report.unchanged} ongewijzigd, ${report.removed} verwijderd; ` +
      `${report.embedded} ${report.embedded === 1 ? "embedding" : "embeddings"} berekend (${ms} ms)`,
    noChanges: (report, ms) =>
      `Corpus: geen wijzigingen; nog steeds v${report.newVersion} ` +
      `(${report.documents} ${report.documents === 1 ? "document" : "documenten"}, ${report.passages} ${report.passages === 1 ? "passage" : "passages"}, ${ms} ms)`,
    working: "Bezig",
    phases: { fetching: "bronnen ophalen", embedding: "passages embedden", indexing: "index bouwen", saving: "opslaan" },
    reasons: {
      REFRESH_RUNNING: "Er loopt al een verversing; probeer het zo opnieuw.",
      NOTHING_TO_ROLL_BACK: "Er is geen oudere versie om naar terug te gaan.",
      REFRESH_DATABASE_DOWN:
        "De gedeelde database is niet bereikbaar, dus verversen kan nu niet; vragen worden wel gewoon beantwoord. Probeer het opnieuw als de database terug is.",
      SOURCE_BAD_URL: "Dat is geen geldige http- of https-link.",
      SOURCE_BLOCKED: "Die link wijst naar een intern of lokaal adres; dat mag niet.",
      SOURCE_UNREACHABLE: "De website is niet bereikbaar.",
      SOURCE_TIMEOUT: "De website antwoordde niet op tijd.",
      SOURCE_HTTP_ERROR: "De website gaf een foutmelding.",
      SOURCE_BAD_TYPE: "De link is geen webpagina of tekstbestand.",
      SOURCE_TOO_LARGE: "De pagina of het bestand is te groot.",
      SOURCE_NOT_ARTICLE: "Op die pagina staat geen artikel.",
      SOURCE_BAD_UPLOAD: "Alleen .txt-, .md- en .html-bestanden kunnen worden toegevoegd.",
      SOURCE_RESERVED_NAME: "Die bestandsnaam is gereserveerd (sources.txt is de lijst met links); geef het bestand een andere naam.",
      FILE_EMPTY: "Het bestand is leeg.",
      FILE_BINARY: "Het bestand is geen tekst.",
      FILE_UNDECODABLE: "Het bestand is geen UTF-8-tekst.",
      FILE_TOO_LARGE: "Het bestand is te groot.",
      FRONT_MATTER_INVALID: "De kop (front matter) van een document klopt niet.",
      NO_PARAGRAPHS: "Een document bevat geen alinea's tekst.",
      CORPUS_EMPTY: "Het corpus bevat geen documenten.",
      CORPUS_MISSING: "De corpusmap is niet leesbaar.",
      CORPUS_CONFLICT:
        "Een bestand is op deze server gewijzigd en intussen in de gedeelde database anders gewijzigd. Laat deze server eerst de huidige versie volgen (start de bot; je eigen kopie blijft bewaard in rolled-back) en breng de wijziging daarna opnieuw aan.",
      EMBEDDING_FAILED: "Het embeddingmodel gaf een fout.",
      INDEX_WRITE_FAILED: "De index kon niet worden opgeslagen (schijf vol of niet schrijfbaar?).",
    },
    seeLog: "Details staan in het log.",
    nothingChanged: "Er is niets veranderd; de vorige versie blijft in gebruik.",
  },
  en: {
    report: (report, ms) =>
      `${report.action === "rollback" ? `Rolled back to corpus v${report.newVersion}` : `Corpus v${report.newVersion}`}: ` +
      `${report.documents} document${report.documents === 1 ? "" : "s"}${documentChanges(report, ["new", "changed", "removed"])}, ` +
      `${report.passages} passage${report.passages === 1 ? "" : "s"} — ` +
      `${report.added} new, ${report.changed} changed, ${report.unchanged} unchanged, ${report.removed} removed; ${report.embedded} embedded (${ms} ms)`,
    noChanges: (report, ms) =>
      `Corpus: no changes; still v${report.newVersion} ` +
      `(${report.documents} document${report.documents === 1 ? "" : "s"}, ${report.passages} passage${report.passages === 1 ? "" : "s"}, ${ms} ms)`,
    working: "Working",
    phases: { fetching: "fetching sources", embedding: "embedding passages", indexing: "building the index", saving: "saving" },
    reasons: {
      REFRESH_RUNNING: "A refresh is already running; try again in a moment.",
      NOTHING_TO_ROLL_BACK: "There is no older version to go back to.",
      REFRESH_DATABASE_DOWN:
        "The shared database cannot be reached, so refreshing is not possible now; questions are still answered. Try again once the database is back.",
      SOURCE_BAD_URL: "That is not a valid http or https link.",
      SOURCE_BLOCKED: "That link points to an internal or local address, which is not allowed.",
      SOURCE_UNREACHABLE: "The website cannot be reached.",
      SOURCE_TIMEOUT: "The website did not answer in time.",
      SOURCE_HTTP_ERROR: "The website answered with an error.",
      SOURCE_BAD_TYPE: "The link is not a web page or text file.",
      SOURCE_TOO_LARGE: "The page or file is too large.",
      SOURCE_NOT_ARTICLE: "That page does not contain an article.",
      SOURCE_BAD_UPLOAD: "Only .txt, .md and .html files can be added.",
      SOURCE_RESERVED_NAME: "That file name is reserved (sources.txt is the list of links); rename the file.",
      FILE_EMPTY: "The file is empty.",
      FILE_BINARY: "The file is not text.",
      FILE_UNDECODABLE: "The file is not UTF-8 text.",
      FILE_TOO_LARGE: "The file is too large.",
      FRONT_MATTER_INVALID: "A document's header (front matter) is invalid.",
      NO_PARAGRAPHS: "A document has no paragraphs of text.",
      CORPUS_EMPTY: "The corpus has no documents.",
      CORPUS_MISSING: "The corpus folder cannot be read.",
      CORPUS_CONFLICT:
        "A file was changed on this host and, differently, in the shared database meanwhile. Let this host follow the current version first (start the bot; your own copy is kept in rolled-back), then make the change again.",
      EMBEDDING_FAILED: "The embedding model failed.",
      INDEX_WRITE_FAILED: "The index could not be saved (disk full or not writable?).",
    },
    seeLog: "The log has the details.",
    nothingChanged: "Nothing changed; the previous version stays in use.",
  },
} satisfies Record<Language, RefreshMessages>;

/**
 * ` (1 nieuw, 1 gewijzigd)`: the documents added, changed and removed, naming only counts above
 * zero; empty when no document changed.
 */
function documentChanges(report: RefreshReport, words: [added: string, changed: string, removed: string]): string {
  const counts = [report.documentsAdded, report.documentsChanged, report.documentsRemoved];
  const named = counts.flatMap((count, at) => (count > 0 ? [`${count} ${words[at]!}`] : []));
  return named.length > 0 ? ` (${named.join(", ")})` : "";
}

/**
 * The summary line (or in English):
 * `Corpus v8: 2 documenten (1 nieuw), 9 passages — 5 nieuw, 1 gewijzigd, 3 ongewijzigd, 0 verwijderd; 6 embeddings berekend (140 ms)`,
 * or, when nothing changed, `Corpus: geen wijzigingen; nog steeds v7 (2 documenten, 9 passages, 12 ms)`.
 */
export function refreshReportText(report: RefreshReport, language: Language): string {
  const text = refreshMessages[language];
  const ms = Math.round(report.durationMs);
  return report.nothingChanged ? text.noChanges(report, ms) : text.report(report, ms);
}

/** `Bezig: passages embedden 40 % (400/1000)` (or in English). */
export function refreshProgressText(progress: RefreshProgress, language: Language): string {
  const text = refreshMessages[language];
  const share = progress.total > 0 ? ` ${Math.floor((100 * progress.done) / progress.total)} %` : "";
  return `${text.working}: ${text.phases[progress.phase]}${share} (${progress.done}/${progress.total})`;
}

/** Why a refresh failed, for the moderator. The previous version always stays in use. */
export function refreshFailureText(error: unknown, language: Language): string {
  const text: RefreshMessages = refreshMessages[language];
  const reason = isNieuwsbotError(error) ? text.reasons[error.code] : undefined;
  const file = (error as { file?: string; source?: string }).file ?? (error as { source?: string }).source;
  const where = file ? ` (${file})` : "";
  if (isNieuwsbotError(error) && error.code === "REFRESH_RUNNING") return reason!;
  return `${reason ? reason + where : text.seeLog} ${text.nothingChanged}`;
}
