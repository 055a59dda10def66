import { CorpusError } from "../port/errors.js";
import { sourcesFileName } from "../sources/sources-file.js";

/** Corpus file name → text, `sources.txt` included (`""` when there is none), as `corpusFiles` records them. */
export type CorpusFiles = Record<string, string>;

export interface HostChanges {
  /** The files this host's corpus folder last received: the corpus version it followed. */
  base: CorpusFiles;
  /** The corpus folder now. */
  ours: CorpusFiles;
  /** The corpus of record now (shared mode: the database's current version). */
  theirs: CorpusFiles;
}

/**
 * A file-level three-way merge: `theirs` with this host's own changes applied — every file of `ours`
 * added or changed since `base`, and every file of `base` deleted from `ours`. A file this host did not
 * touch takes its text from `theirs`, so a version other hosts made since `base` is kept whole. A file
 * changed here and, differently, in `theirs` is a conflict: `CORPUS_CONFLICT` naming every such file,
 * and nothing is merged. Pure.
 */
export function applyHostChanges({ base, ours, theirs }: HostChanges): CorpusFiles {
  const merged: CorpusFiles = {};
  const conflicts: string[] = [];
  for (const name of [...new Set([...Object.keys(base), ...Object.keys(ours), ...Object.keys(theirs)])].sort()) {
    const [was, mine, record] = [textOf(base, name), textOf(ours, name), textOf(theirs, name)];
    // Untouched here (or changed here exactly as in the record): the record's text, or its deletion.
    let text = record;
    if (mine !== was && record !== mine) {
      if (record !== was) conflicts.push(name);
      text = mine;
    }
    if (text !== undefined) merged[name] = text;
  }
  if (conflicts.length > 0) {
    throw new CorpusError(
      "CORPUS_CONFLICT",
      `${conflicts.join(", ")} changed in this host's corpus folder and, differently, in the corpus of record since the folder last followed it; nothing was changed. ` +
        "Let this host follow the current version first (start its bot: the folder gets the current files, your copies are kept under DATA_DIR/rolled-back/), then make your change again and refresh.",
      conflicts.join(", "),
    );
  }
  // The recorded form: no URL list is `sources.txt` as "", so a rollback to this version removes one.
  merged[sourcesFileName] ??= "";
  return merged;
}

/** A file's text, undefined when absent; an empty `sources.txt` is how versions record "no URL list". */
function textOf(files: CorpusFiles, name: string): string | undefined {
  const text = files[name];
  return name === sourcesFileName && text === "" ? undefined : text;
}
