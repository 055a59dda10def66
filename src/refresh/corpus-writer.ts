import { copyFile, mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { CorpusDocument } from "../corpus/document.js";
import { isCorpusDocumentName, parseCorpusFile } from "../corpus/load-corpus.js";
import { writeFileAtomic } from "../index/atomic-files.js";
import { sourcesFileName } from "../sources/sources-file.js";

/**
 * Writes documents into the corpus folder in two steps: `stage` puts each under a hidden name the
 * corpus loader ignores; `commit` renames them into place (atomic per file) once the index that
 * includes them is saved; `discard` removes them if the refresh fails.
 */
export class CorpusWriter {
  private staged: { temporary: string; final: string }[] = [];

  constructor(private readonly corpusDir: string) {}

  async stage(files: Record<string, string>): Promise<void> {
    for (const [name, content] of Object.entries(files)) {
      const final = path.join(this.corpusDir, name);
      const temporary = path.join(this.corpusDir, `.staged-${process.pid}-${name}`);
      await writeFileAtomic(temporary, content);
      this.staged.push({ temporary, final });
    }
  }

  async commit(): Promise<void> {
    for (const { temporary, final } of this.staged) await rename(temporary, final);
    this.staged = [];
  }

  async discard(): Promise<void> {
    await Promise.all(this.staged.map(({ temporary }) => rm(temporary, { force: true })));
    this.staged = [];
  }
}

/**
 * Corpus file name → text, stored with each version so a rollback can restore the folder: every
 * document as read (byte-order mark included) and the URL list `sources.txt` — as `""` when there
 * is none, so a rollback also removes a list the older version did not have.
 */
export async function corpusFiles(corpusDir: string, documents: readonly CorpusDocument[]): Promise<Record<string, string>> {
  const files: Record<string, string> = Object.fromEntries(documents.map((document) => [document.file, document.raw]));
  files[sourcesFileName] = await readFile(path.join(corpusDir, sourcesFileName), "utf8").catch(() => "");
  return files;
}

/** The documents of recorded corpus files (`corpusFiles`' form), in the order the corpus loader gives them. */
export function corpusDocuments(files: Record<string, string>): CorpusDocument[] {
  return Object.keys(files)
    .filter(isCorpusDocumentName)
    .sort()
    .map((name) => parseCorpusFile(name, new TextEncoder().encode(files[name])));
}

/**
 * Makes the corpus folder hold exactly `files` (as recorded by `corpusFiles` for an older version):
 * documents and `sources.txt` that version did not have are moved to `<dataDir>/rolled-back/<time>/`,
 * files whose text differs are copied there before they are rewritten, so nothing is ever lost —
 * including edits made since the last refresh. A record without `sources.txt` (written before
 * versions recorded it) leaves the URL list as it is.
 */
export async function restoreCorpus(corpusDir: string, dataDir: string, files: Record<string, string>): Promise<void> {
  let shelf: string | undefined;
  const shelve = async (name: string, move: boolean) => {
    shelf ??= path.join(dataDir, "rolled-back", new Date().toISOString().replace(/[:.]/g, "-"));
    await mkdir(shelf, { recursive: true });
    if (move) await rename(path.join(corpusDir, name), path.join(shelf, name));
    else await copyFile(path.join(corpusDir, name), path.join(shelf, name));
  };
  const present = (await readdir(corpusDir)).filter((name) => isCorpusDocumentName(name) || name === sourcesFileName);
  for (const name of present) {
    if (name === sourcesFileName && !(name in files)) continue;
    const wanted = files[name];
    if (wanted === undefined || (name === sourcesFileName && wanted === "")) await shelve(name, true);
    else if (!(await readFile(path.join(corpusDir, name))).equals(Buffer.from(wanted, "utf8"))) await shelve(name, false);
  }
  for (const [name, content] of Object.entries(files)) {
    if (name === sourcesFileName && content === "") continue;
    await writeFileAtomic(path.join(corpusDir, name), content);
  }
}
