import { refreshReportText } from "../../src/answer/refresh-messages.js";
import type { RefreshReport } from "../../src/port/types.js";

/** The summary line `npm run ingest` prints: the same Dutch line moderators see in chat. */
export function refreshSummary(report: RefreshReport): string {
  return refreshReportText(report, "nl");
}
