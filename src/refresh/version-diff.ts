import type { Passage } from "../port/types.js";

/** What a refresh or rollback changed, counted the way a moderator reads it. */
export interface VersionDiff {
  passages: { added: number; changed: number; unchanged: number; removed: number };
  documents: { added: number; changed: number; unchanged: number; removed: number };
}

type PassageKey = Pick<Passage, "id" | "documentId" | "title" | "published" | "source">;

/**
 * Compares two versions' passages. Pure.
 *
 * A passage id is its document plus a hash of its text, so an edited paragraph leaves as one id and
 * comes back as another. Within one document, the passages that disappeared and those that appeared
 * *between the same two unchanged passages* are paired up: each pair is one **changed** passage, the
 * rest are **added** or **removed**. So a one-paragraph edit is `1 changed`, a paragraph inserted is
 * `1 added`, two paragraphs merged into one is `1 changed, 1 removed`. A paragraph that only moved
 * keeps its id and counts as unchanged. `before` is empty for a first build.
 *
 * A document is **changed** when it is in both versions and any of its passages, their order, or its
 * title, date or source differs; otherwise unchanged.
 */
export function versionDiff(before: readonly PassageKey[], after: readonly PassageKey[]): VersionDiff {
  const oldByDocument = groupByDocument(before);
  const newByDocument = groupByDocument(after);
  const passages = { added: 0, changed: 0, unchanged: 0, removed: 0 };
  const documents = { added: 0, changed: 0, unchanged: 0, removed: 0 };
  for (const [documentId, fresh] of newByDocument) {
    const old = oldByDocument.get(documentId) ?? [];
    if (old.length > 0 && sameDocument(old, fresh)) {
      // Most documents of a refresh are untouched: no need to pair anything.
      documents.unchanged += 1;
      passages.unchanged += fresh.length;
      continue;
    }
    if (old.length === 0) documents.added += 1;
    else documents.changed += 1;
    const counts = documentPassageDiff(
      old.map((passage) => passage.id),
      fresh.map((passage) => passage.id),
    );
    passages.added += counts.added;
    passages.changed += counts.changed;
    passages.unchanged += counts.unchanged;
    passages.removed += counts.removed;
  }
  for (const [documentId, old] of oldByDocument) {
    if (newByDocument.has(documentId)) continue;
    documents.removed += 1;
    passages.removed += old.length;
  }
  return { passages, documents };
}

/**
 * Passage counts of one document, given its passage ids before and after (see `versionDiff`). The
 * same paragraph twice in a document has the same id twice; occurrences are matched one to one.
 */
export function documentPassageDiff(before: readonly string[], after: readonly string[]): VersionDiff["passages"] {
  const countsBefore = occurrences(before);
  const countsAfter = occurrences(after);
  // Ids in both versions anchor the comparison; the rest fall into gaps between anchors. Gap k
  // holds what comes after the k-th anchor of that version.
  const gapsOf = (ids: readonly string[], other: Map<string, number>) => {
    const gaps = new Map<number, number>();
    const seen = new Map<string, number>();
    let anchors = 0;
    for (const id of ids) {
      const nth = seen.get(id) ?? 0;
      seen.set(id, nth + 1);
      if (nth < (other.get(id) ?? 0)) anchors += 1;
      else gaps.set(anchors, (gaps.get(anchors) ?? 0) + 1);
    }
    return { gaps, anchors };
  };
  const removed = gapsOf(before, countsAfter);
  const added = gapsOf(after, countsBefore);
  let changed = 0;
  for (const [gap, count] of removed.gaps) changed += Math.min(count, added.gaps.get(gap) ?? 0);
  const unchanged = added.anchors;
  return { added: after.length - unchanged - changed, changed, unchanged, removed: before.length - unchanged - changed };
}

function occurrences(ids: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

function groupByDocument<T extends PassageKey>(passages: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const passage of passages) {
    const group = groups.get(passage.documentId);
    if (group) group.push(passage);
    else groups.set(passage.documentId, [passage]);
  }
  return groups;
}

function sameDocument(before: readonly PassageKey[], after: readonly PassageKey[]): boolean {
  if (before.length !== after.length) return false;
  return before.every((old, at) => {
    const fresh = after[at]!;
    return old.id === fresh.id && old.title === fresh.title && old.published === fresh.published && old.source === fresh.source;
  });
}
