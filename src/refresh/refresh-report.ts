import type { CorpusIndex } from "../index/corpus-index.js";
import type { Passage, RefreshReport, RefreshRequest } from "../port/types.js";
import { redactUrlCredentials } from "../util/url-credentials.js";
import { versionDiff } from "./version-diff.js";

export interface ReportInput {
  action: RefreshReport["action"];
  sources: string[];
  oldVersion: number;
  /** The passages of the version serving before (empty for a first build). */
  before: readonly Passage[];
  /** The version serving after. */
  after: CorpusIndex;
  nothingChanged: boolean;
  embedded: number;
  durationMs: number;
}

/** The report of a finished refresh or rollback, with its counts (see `versionDiff`). Pure. */
export function refreshReport(input: ReportInput): RefreshReport {
  const { manifest } = input.after;
  const { passages, documents } = versionDiff(input.before, input.after.passages);
  return {
    action: input.action,
    sources: input.sources,
    oldVersion: input.oldVersion,
    newVersion: manifest.version,
    nothingChanged: input.nothingChanged,
    documents: manifest.documents,
    passages: manifest.passages,
    ...passages,
    documentsAdded: documents.added,
    documentsChanged: documents.changed,
    documentsRemoved: documents.removed,
    embedded: input.embedded,
    durationMs: input.durationMs,
  };
}

/** What a request asked to add, URLs without credentials: the audit's `sources` when it fails before fetching. */
export function requestedSources(request: RefreshRequest): string[] {
  return [...(request.urls ?? []).map(redactUrlCredentials), ...(request.upload ? [request.upload.fileName] : [])];
}
