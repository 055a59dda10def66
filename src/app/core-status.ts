import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { isCorpusDocumentName } from "../corpus/load-corpus.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import type { AuditEntry } from "../refresh/audit-log.js";
import { statusDocumentLimit, type DocumentDetails, type DocumentStatus } from "../port/types.js";

/**
 * The parts of `/status` that are about documents: what an index version holds per document (from
 * memory, once per version) and what only the corpus folder and the audit log can add.
 */

const listsByIndex = new WeakMap<CorpusIndex, DocumentStatus[]>();

/**
 * The first `statusDocumentLimit` documents of a version by id, with their passage counts, computed
 * once per version: 100k passages are not walked on every `/status`.
 */
export function documentList(index: CorpusIndex): DocumentStatus[] {
  let list = listsByIndex.get(index);
  if (!list) {
    const byId = new Map<string, DocumentStatus>();
    for (const passage of index.passages) {
      const known = byId.get(passage.documentId);
      if (known) known.passages += 1;
      else byId.set(passage.documentId, { id: passage.documentId, title: passage.title, url: passage.source, published: passage.published, passages: 1 });
    }
    list = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, statusDocumentLimit);
    listsByIndex.set(index, list);
  }
  return list;
}

/**
 * Each document with its corpus file, when that file was last written, and when a refresh last
 * fetched its link (the newest successful audit entry naming it; `audit` is oldest first). A
 * folder that cannot be read leaves `file` and `changedAt` out rather than failing `/status`.
 */
export async function documentDetails(list: readonly DocumentStatus[], corpusDir: string, audit: readonly AuditEntry[]): Promise<DocumentDetails[]> {
  const files = await corpusFilesById(corpusDir);
  return Promise.all(
    list.map(async (document) => {
      const file = files.get(document.id);
      const changedAt = file
        ? await stat(path.join(corpusDir, file)).then(
            (info) => info.mtime.toISOString(),
            () => undefined,
          )
        : undefined;
      return { ...document, file, changedAt, fetchedAt: document.url ? lastFetched(document.url, audit) : undefined };
    }),
  );
}

/** Corpus file names by document id (the name without its extension). */
async function corpusFilesById(corpusDir: string): Promise<Map<string, string>> {
  const names = await readdir(corpusDir).catch(() => [] as string[]);
  return new Map(names.filter(isCorpusDocumentName).map((name) => [path.basename(name, path.extname(name)), name]));
}

function lastFetched(url: string, audit: readonly AuditEntry[]): string | undefined {
  for (let index = audit.length - 1; index >= 0; index -= 1) {
    const entry = audit[index]!;
    if (entry.result === "ok" && entry.action === "refresh" && entry.sources?.includes(url)) return entry.at;
  }
  return undefined;
}
