/**
 * Reads a dictionary in the dictd format (as Debian's `dict-freedict-*` packages install it
 * under /usr/share/dictd; GPL data, read in place and never copied into this repository):
 *
 * - `<name>.index`: one line per entry, `headword TAB offset TAB length`, the numbers written in
 *   base 64 (`A`–`Z`, `a`–`z`, `0`–`9`, `+`, `/`), counting bytes of the dictionary text;
 * - `<name>.dict.dz`: the dictionary text, compressed with dictzip, which is gzip with a
 *   random-access table in a header field, so plain gunzip reads all of it (or `<name>.dict`).
 *
 * Meta entries (`00-database-info`, `00-database-url`, …) are skipped.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { DictdError } from "./dictd-error.js";

/** One index line: where an entry's text lies in the uncompressed dictionary, in bytes. */
export interface DictdIndexLine {
  /** The index's headword: lower case with punctuation removed by `dictfmt`; the entry text has the real one. */
  readonly headword: string;
  readonly offset: number;
  readonly length: number;
}

/** One dictionary entry: its text as stored, headword line first. */
export interface DictdEntry {
  readonly indexHeadword: string;
  readonly text: string;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));

/** A dictd base-64 number (`BnWN` → 1 727 885), or undefined when it holds another character. */
export function decodeDictdNumber(digits: string): number | undefined {
  if (digits.length === 0 || digits.length > 8) return undefined;
  let value = 0;
  for (const char of digits) {
    const digit = DIGIT.get(char);
    if (digit === undefined) return undefined;
    value = value * 64 + digit;
  }
  return value;
}

/** Parses an index file's text; throws `DICT_CORRUPT` naming the first bad line. */
export function parseDictdIndex(text: string, file: string): DictdIndexLine[] {
  const lines: DictdIndexLine[] = [];
  const rows = text.split("\n");
  for (const [number, row] of rows.entries()) {
    if (row === "") continue;
    const fields = row.split("\t");
    const offset = decodeDictdNumber(fields[1] ?? "");
    const length = decodeDictdNumber(fields[2] ?? "");
    if (fields.length !== 3 || offset === undefined || length === undefined) {
      throw new DictdError("DICT_CORRUPT", `Line ${number + 1} of ${file} is not "headword TAB offset TAB length"; reinstall the dictionary package.`, file);
    }
    lines.push({ headword: fields[0] ?? "", offset, length });
  }
  return lines;
}

function read(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DictdError("DICT_UNREADABLE", `Cannot read ${file}: ${(error as Error).message}`, file, { cause: error });
  }
}

function uncompress(file: string, bytes: Buffer): Buffer {
  if (!file.endsWith(".dz")) return bytes;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new DictdError("DICT_CORRUPT", `${file} is not gzip/dictzip data; reinstall the dictionary package.`, file);
  }
  try {
    return gunzipSync(bytes);
  } catch (error) {
    throw new DictdError(
      "DICT_CORRUPT",
      `${file} cannot be uncompressed (${(error as Error).message}): truncated or damaged; reinstall the dictionary package.`,
      file,
      { cause: error },
    );
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Every entry of dictionary `name` in `folder` (e.g. `freedict-nld-eng` in /usr/share/dictd),
 * in index order, or undefined when neither of its files exists. Throws a {@link DictdError}
 * when the files exist but cannot be used.
 */
export function readDictd(folder: string, name: string): DictdEntry[] | undefined {
  const indexFile = join(folder, `${name}.index`);
  const dictFile = [join(folder, `${name}.dict.dz`), join(folder, `${name}.dict`)].find((file) => existsSync(file));
  const hasIndex = existsSync(indexFile);
  if (!hasIndex && !dictFile) return undefined;
  if (!hasIndex || !dictFile) {
    const missing = hasIndex ? join(folder, `${name}.dict.dz`) : indexFile;
    throw new DictdError("DICT_INCOMPLETE", `${missing} is missing; reinstall the dictionary package.`, missing);
  }
  let indexText: string;
  try {
    indexText = utf8.decode(read(indexFile));
  } catch (error) {
    if (error instanceof DictdError) throw error;
    throw new DictdError("DICT_CORRUPT", `${indexFile} is not UTF-8 text; reinstall the dictionary package.`, indexFile, { cause: error });
  }
  const index = parseDictdIndex(indexText, indexFile);
  const dict = uncompress(dictFile, read(dictFile));
  const entries: DictdEntry[] = [];
  for (const line of index) {
    if (line.headword.startsWith("00database") || line.headword.startsWith("00-database")) continue;
    if (line.offset + line.length > dict.length) {
      throw new DictdError(
        "DICT_CORRUPT",
        `${indexFile} points past the end of ${dictFile} (${line.offset + line.length} > ${dict.length} bytes): the dictionary is truncated; reinstall it.`,
        dictFile,
      );
    }
    let text: string;
    try {
      text = utf8.decode(dict.subarray(line.offset, line.offset + line.length));
    } catch (error) {
      throw new DictdError("DICT_CORRUPT", `The entry "${line.headword}" in ${dictFile} is not UTF-8; reinstall the dictionary package.`, dictFile, {
        cause: error,
      });
    }
    entries.push({ indexHeadword: line.headword, text });
  }
  return entries;
}
