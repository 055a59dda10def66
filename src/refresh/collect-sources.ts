import type { RefreshRequest } from "../port/types.js";
import { checkSourceUrl } from "../sources/source-url.js";
import type { StagedDocument } from "../sources/staged-document.js";
import type { FetchPolicy } from "../sources/safe-fetch.js";

/**
 * Everything a refresh adds besides the files already in the corpus: URLs from the command and
 * those `sources.txt` lists (`listed`), fetched one after another, and the uploaded file. Every URL is checked
 * (http or https, no credentials) before the first is fetched, so `/refresh file:///etc/passwd`
 * fails at once with `SOURCE_BAD_URL`. Any failure aborts the refresh before the index is touched.
 */
export async function collectSources(request: RefreshRequest, listed: readonly string[], policy: FetchPolicy): Promise<StagedDocument[]> {
  const urls = [...new Set([...(request.urls ?? []), ...listed])];
  for (const url of urls) checkSourceUrl(url);
  const staged: StagedDocument[] = [];
  if (urls.length === 0 && !request.upload) return staged;
  // Fetching and HTML parsing (undici, jsdom, Readability) load only when a refresh needs them.
  const { documentFromUpload, documentFromUrl } = await import("../sources/staged-document.js");
  for (const [index, url] of urls.entries()) {
    request.onProgress?.({ phase: "fetching", done: index, total: urls.length });
    staged.push(await documentFromUrl(url, policy));
  }
  if (request.upload) staged.push(documentFromUpload(request.upload.fileName, request.upload.bytes));
  return staged;
}
