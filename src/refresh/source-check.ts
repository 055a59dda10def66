import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { checkSourceUrl } from "../sources/source-url.js";
import type { FetchPolicy } from "../sources/safe-fetch.js";
import type { StagedDocument } from "../sources/staged-document.js";
import { redactUrlCredentials } from "../util/url-credentials.js";
import type { SourceRecord } from "./schedule-state.js";

/**
 * What one scheduled check found: `not-modified` when every URL answered 304, `unchanged` when a page
 * came back but turned into the same text as last time, `changed` when at least one article's text
 * differs — only then is a refresh worth running.
 */
export interface SourceCheck {
  verdict: "not-modified" | "unchanged" | "changed";
  /** The documents whose text changed, ready for the refresh (nothing is fetched twice). */
  changed: StagedDocument[];
  /** Every URL checked, without credentials, for the audit. */
  urls: string[];
  /** What to remember per URL once the check's outcome is settled (see `ScheduleState.sources`). */
  records: Record<string, SourceRecord>;
}

type UrlVerdict = { verdict: "not-modified" | "unchanged"; record: SourceRecord } | { verdict: "changed"; record: SourceRecord; document: StagedDocument };

/**
 * Checks each URL source with a conditional request (the validators in `known`), one after another.
 * A page's text is compared with the text the schedule last saw of it (`textHash`), or — for a URL
 * it has not seen yet — with the corpus file a moderator's refresh wrote for it. The first failure
 * (unreachable, HTTP error, not an article) throws its `SourceError`: nothing is refreshed then.
 */
export async function checkSources(urls: readonly string[], corpusDir: string, policy: FetchPolicy, known: Record<string, SourceRecord>): Promise<SourceCheck> {
  for (const url of urls) checkSourceUrl(url);
  const check: SourceCheck = { verdict: "not-modified", changed: [], urls: urls.map(redactUrlCredentials), records: {} };
  for (const url of urls) {
    const result = await checkOne(url, corpusDir, policy, known[url]);
    check.records[url] = result.record;
    if (result.verdict === "changed") check.changed.push(result.document);
    if (result.verdict === "changed" || (result.verdict === "unchanged" && check.verdict === "not-modified")) check.verdict = result.verdict;
  }
  return check;
}

async function checkOne(url: string, corpusDir: string, policy: FetchPolicy, known: SourceRecord | undefined): Promise<UrlVerdict> {
  // Fetching and HTML parsing (undici, jsdom, Readability) load only when a check runs.
  const { conditionalFetch, safeFetch } = await import("../sources/safe-fetch.js");
  const { documentFromPage } = await import("../sources/staged-document.js");
  // Validators are sent only for a page whose text the schedule knows: a 304 then means that text.
  const page = known && (known.etag || known.lastModified) ? await conditionalFetch(url, policy, known) : await safeFetch(url, policy);
  if (page === "not-modified") return { verdict: "not-modified", record: known! };
  const document = documentFromPage(url, page);
  const record: SourceRecord = { etag: page.etag, lastModified: page.lastModified, textHash: textHash(document.content) };
  const same = known
    ? known.textHash === record.textHash
    : (await readFile(path.join(corpusDir, document.file), "utf8").catch(() => undefined)) === document.content;
  return same ? { verdict: "unchanged", record } : { verdict: "changed", record, document };
}

export function textHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
