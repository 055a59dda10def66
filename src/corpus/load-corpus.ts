import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { CorpusError } from "../port/errors.js";
import type { CorpusDocument } from "./document.js";
import { sourcesFileName } from "../sources/sources-file.js";
import { splitFrontMatter } from "./front-matter.js";
import { corpusHash } from "./passages.js";

/** File types the corpus reads. Anything else in the folder (a sources list, a README) is ignored. */
export const corpusExtensions = [".md", ".markdown", ".txt"];
export const maxCorpusFileBytes = 2 * 1024 * 1024;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads and validates every document in the corpus folder, sorted by file name. Never returns an
 * empty corpus: a missing folder, a folder without documents, or any unusable file is a
 * `CorpusError` naming the file, so the caller can keep its previous index.
 */
export async function loadCorpus(corpusDir: string): Promise<CorpusDocument[]> {
  let entries: string[];
  try {
    entries = await readdir(corpusDir);
  } catch (error) {
    throw new CorpusError("CORPUS_MISSING", `Corpus folder ${corpusDir} cannot be read. Set CORPUS_DIR to a folder with .md or .txt articles.`, corpusDir, {
      cause: error,
    });
  }
  const files = entries.filter(isCorpusDocumentName).sort();
  const documents: CorpusDocument[] = [];
  for (const name of files) {
    const file = path.join(corpusDir, name);
    if (!(await stat(file)).isFile()) continue;
    documents.push(parseCorpusFile(name, await readFile(file)));
  }
  if (documents.length === 0) {
    throw new CorpusError(
      "CORPUS_EMPTY",
      `Corpus folder ${corpusDir} has no .md or .txt documents. Add an article (see corpus/ in the repository for the format).`,
      corpusDir,
    );
  }
  return documents;
}

/**
 * The corpus hash (`corpusHash`) of the folder as it is on disk, from the raw bytes of its document
 * files without decoding or splitting them. Start-up only needs to know whether the saved index is
 * still current; at 100k passages parsing the whole corpus for that cost a noticeable part of the
 * start-up. Equals `corpusHash(await loadCorpus(corpusDir))` whenever the corpus is valid.
 */
export async function corpusFingerprint(corpusDir: string): Promise<string> {
  const documents: Array<Pick<CorpusDocument, "file" | "contentHash">> = [];
  for (const name of (await readdir(corpusDir)).filter(isCorpusDocumentName).sort()) {
    const file = path.join(corpusDir, name);
    if (!(await stat(file)).isFile()) continue;
    documents.push({ file: name, contentHash: contentHashOf(await readFile(file)) });
  }
  return corpusHash(documents);
}

function contentHashOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Documents are `.md`/`.txt` files; hidden (staged) files and the URL list `sources.txt` — in any
 * letter case, since some file systems do not tell `Sources.TXT` from it — are not.
 */
export function isCorpusDocumentName(name: string): boolean {
  return corpusExtensions.includes(path.extname(name).toLowerCase()) && !name.startsWith(".") && name.toLowerCase() !== sourcesFileName;
}

/** Validates and parses one corpus file's bytes. `name` is the file name, used as the document id. */
export function parseCorpusFile(name: string, bytes: Uint8Array): CorpusDocument {
  if (bytes.byteLength === 0) throw new CorpusError("FILE_EMPTY", `${name} is empty. Add the article text or remove the file.`, name);
  if (bytes.byteLength > maxCorpusFileBytes) {
    throw new CorpusError("FILE_TOO_LARGE", `${name} is ${bytes.byteLength} bytes; the limit is ${maxCorpusFileBytes}. Split it into several articles.`, name);
  }
  if (looksBinary(bytes)) throw new CorpusError("FILE_BINARY", `${name} looks like a binary file, not text. Save the article as UTF-8 .md or .txt.`, name);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    throw new CorpusError("FILE_UNDECODABLE", `${name} is not valid UTF-8. Re-save it as UTF-8.`, name, { cause: error });
  }
  // The decoder drops a byte-order mark; `raw` keeps it, so a rollback restores the file byte for byte.
  const raw = hasByteOrderMark(bytes) ? `\uFEFF${text}` : text;
  text = text.replace(/^\uFEFF/, "");
  let split;
  try {
    split = splitFrontMatter(text);
  } catch (error) {
    throw new CorpusError("FRONT_MATTER_INVALID", `${name}: ${(error as Error).message}. Fix the block between the --- lines.`, name, { cause: error });
  }
  const id = path.basename(name, path.extname(name));
  const blocks = split.body
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  // A leading Markdown heading is the title, not a paragraph to cite.
  let title = split.meta.title;
  const paragraphs = blocks.filter((block) => {
    const heading = /^#{1,6}\s+(.+)$/.exec(block);
    if (heading && !block.includes("\n")) {
      title ??= heading[1]!.trim();
      return false;
    }
    return true;
  });
  if (paragraphs.length === 0 || paragraphs.every((p) => !/\p{L}/u.test(p))) {
    throw new CorpusError("NO_PARAGRAPHS", `${name} has no paragraphs of text after its front matter.`, name);
  }
  return {
    id,
    file: name,
    title: title ?? id,
    published: split.meta.published,
    source: split.meta.source,
    language: split.meta.language,
    paragraphs,
    contentHash: contentHashOf(bytes),
    raw,
  };
}

function hasByteOrderMark(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** NUL bytes or many control characters in the first 8 KiB mean this is not a text file. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) control += 1;
  }
  return control / sample.length > 0.1;
}
