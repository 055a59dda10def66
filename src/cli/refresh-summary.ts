import type { RefreshReport } from "../core/types.js";

/** `Corpus v8: 2 documenten, 9 passages — 5 nieuw, 4 ongewijzigd, 0 verwijderd (140 ms)`: the line moderators see. */
export function refreshSummary(report: RefreshReport): string {
  const documents = report.documents === 1 ? "document" : "documenten";
  return `Corpus v${report.newVersion}: ${report.documents} ${documents}, ${report.passages} passages — ${report.added} nieuw, ${report.unchanged} ongewijzigd, ${report.removed} verwijderd (${Math.round(report.durationMs)} ms)`;
}
