import path from "node:path";
import { SourceError } from "../port/errors.js";
import { isCorpusDocumentName, maxCorpusFileBytes, parseCorpusFile } from "../corpus/load-corpus.js";
import { foldText } from "../text/fold.js";
import { articleToMarkdown, htmlToArticle } from "./html-to-article.js";
import { safeFetch, type FetchedPage, type FetchPolicy } from "./safe-fetch.js";
import { redactUrlCredentials } from "../util/url-credentials.js";

/** A document to be added to the corpus by a refresh, validated but not yet written. */
export interface StagedDocument {
  /** File name inside the corpus folder. */
  file: string;
  content: string;
  /** Where it came from (URL or uploaded file name), for reports and the audit log. */
  origin: string;
}

export function slugify(text: string): string {
  return (
    foldText(text)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "document"
  );
}

/** Same URL, same file: re-fetching an article updates it instead of adding a copy. */
export function fileNameForUrl(url: string): string {
  const parsed = new URL(url);
  return `${slugify(`${parsed.hostname}${parsed.pathname}`)}.md`;
}

export async function documentFromUrl(url: string, policy: FetchPolicy): Promise<StagedDocument> {
  return documentFromPage(url, await safeFetch(url, policy));
}

/** The corpus document for a page fetched from `url` (HTML through Readability, text as it is). */
export function documentFromPage(url: string, page: FetchedPage): StagedDocument {
  const file = fileNameForUrl(url);
  const content =
    page.contentType === "text/html" || page.contentType === "application/xhtml+xml"
      ? articleToMarkdown(htmlToArticle(page.body, page.url, url), url)
      : page.body;
  return validated({ file, content, origin: redactUrlCredentials(url) });
}

/** An uploaded `.txt`, `.md` or `.html` file. HTML goes through Readability like a fetched page. */
export function documentFromUpload(fileName: string, bytes: Uint8Array): StagedDocument {
  const extension = path.extname(fileName).toLowerCase();
  const base = slugify(path.basename(fileName, path.extname(fileName)));
  if (bytes.byteLength > maxCorpusFileBytes) {
    throw new SourceError("SOURCE_TOO_LARGE", `${fileName} is ${bytes.byteLength} bytes; the limit is ${maxCorpusFileBytes}.`, fileName);
  }
  if (extension === ".html" || extension === ".htm") {
    let html: string;
    try {
      html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (error) {
      throw new SourceError("SOURCE_BAD_UPLOAD", `${fileName} is not UTF-8 text.`, fileName, { cause: error });
    }
    return validated({ file: `${base}.md`, content: articleToMarkdown(htmlToArticle(html, undefined, fileName)), origin: fileName });
  }
  if (extension !== ".txt" && extension !== ".md" && extension !== ".markdown") {
    throw new SourceError("SOURCE_BAD_UPLOAD", `${fileName}: only .txt, .md and .html files can be added.`, fileName);
  }
  const file = `${base}${extension}`;
  assertDocumentName(file, fileName);
  // parseCorpusFile rejects empty, binary, oversized and non-UTF-8 files with a CorpusError naming the file.
  parseCorpusFile(fileName, bytes);
  return { file, content: new TextDecoder().decode(bytes), origin: fileName };
}

/**
 * A staged file may only ever become a corpus document: a name the corpus does not read as one —
 * the URL list `sources.txt` above all — would be overwritten by the upload and silently change
 * what every later refresh fetches.
 */
function assertDocumentName(file: string, origin: string): void {
  if (!isCorpusDocumentName(file)) {
    throw new SourceError("SOURCE_RESERVED_NAME", `${origin} would be saved as ${file}, a reserved name in the corpus folder; rename the file.`, origin);
  }
}

function validated(document: StagedDocument): StagedDocument {
  assertDocumentName(document.file, document.origin);
  parseCorpusFile(document.file, new TextEncoder().encode(document.content));
  return document;
}
