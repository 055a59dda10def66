import type { CoreConfig } from "../config/core-config.js";
import { isNieuwsbotError, RefreshError, type NieuwsbotError } from "../port/errors.js";
import type { RefreshReport } from "../port/types.js";
import type { AuditEntry } from "../refresh/audit-log.js";
import type { SourceRecord } from "../refresh/schedule-state.js";
import type { ScheduledRun } from "../refresh/source-schedule.js";
import type { StagedDocument } from "../sources/staged-document.js";
import { redactUrlCredentials } from "../util/url-credentials.js";

/** A scheduled check's audit line: small, since at short intervals there is one per interval. */
export interface CheckAudit {
  sources: string[];
  check: NonNullable<AuditEntry["check"]>;
  error?: NieuwsbotError;
}

/** What a scheduled check needs of the core, which holds the refresh lock while it runs. */
export interface CheckHost {
  config: CoreConfig;
  audit(entry: CheckAudit): Promise<void>;
  /** A refresh by `schedule` with these documents, swapped in and audited like any refresh; throws its typed error. */
  refreshWith(staged: StagedDocument[]): Promise<RefreshReport>;
}

/**
 * One scheduled check, under the refresh lock: conditional requests for every URL source; a refresh
 * only when an article's text changed. A failure to fetch (unreachable, HTTP error, not an article)
 * or to build never touches the version serving. Each outcome is audited once by `schedule`.
 */
export async function scheduledCheck(host: CheckHost, urls: string[], known: Record<string, SourceRecord>): Promise<ScheduledRun> {
  const { config } = host;
  // Fetching and HTML parsing load only when a check runs, as for a moderator's refresh.
  const { checkSources } = await import("../refresh/source-check.js");
  let check: Awaited<ReturnType<typeof checkSources>>;
  try {
    check = await checkSources(urls, config.corpusDir, config.fetch, known);
  } catch (error) {
    const typed = isNieuwsbotError(error) ? error : new RefreshError("REFRESH_FAILED", `scheduled check failed: ${(error as Error).message}`, { cause: error });
    await host.audit({ sources: urls.map(redactUrlCredentials), check: "failed", error: typed });
    return { outcome: "failed", reason: typed.message };
  }
  if (check.verdict !== "changed") {
    await host.audit({ sources: check.urls, check: check.verdict });
    return { outcome: check.verdict, sources: check.records };
  }
  try {
    const report = await host.refreshWith(check.changed);
    // The corpus already held the new text (a moderator refreshed it by hand): no version, still settled.
    if (report.nothingChanged) return { outcome: "unchanged", sources: check.records };
    return { outcome: "refreshed", newVersion: report.newVersion, sources: check.records };
  } catch (error) {
    return { outcome: "failed", reason: (error as Error).message };
  }
}
