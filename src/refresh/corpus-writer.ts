import { mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { isCorpusDocumentName } from "../corpus/load-corpus.js";
import { writeFileAtomic } from "../index/atomic-files.js";

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
 * Makes the corpus folder hold exactly `files` (as of an older version): documents that version did
 * not have are moved to `<dataDir>/rolled-back/<time>/`, never deleted, and the rest are rewritten.
 */
export async function restoreCorpus(corpusDir: string, dataDir: string, files: Record<string, string>): Promise<void> {
  const present = (await readdir(corpusDir)).filter(isCorpusDocumentName);
  const extra = present.filter((name) => !(name in files));
  if (extra.length > 0) {
    const shelf = path.join(dataDir, "rolled-back", new Date().toISOString().replace(/[:.]/g, "-"));
    await mkdir(shelf, { recursive: true });
    for (const name of extra) await rename(path.join(corpusDir, name), path.join(shelf, name));
  }
  for (const [name, content] of Object.entries(files)) await writeFileAtomic(path.join(corpusDir, name), content);
}
