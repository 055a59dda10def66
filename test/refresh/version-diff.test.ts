import { describe, expect, it } from "vitest";
import { documentPassageDiff, versionDiff } from "../../src/refresh/version-diff.js";

/** Passages of one document `doc`, one per id, with the same header. */
function passages(documentId: string, ids: string[], title = "Titel") {
  return ids.map((id) => ({ id: `${documentId}#${id}`, documentId, title }));
}

describe("documentPassageDiff (one document's passage ids before → after)", () => {
  it.each([
    ["nothing changed", ["a", "b", "c"], ["a", "b", "c"], { added: 0, changed: 0, unchanged: 3, removed: 0 }],
    ["one paragraph edited", ["a", "b", "c"], ["a", "B", "c"], { added: 0, changed: 1, unchanged: 2, removed: 0 }],
    ["the first and the last edited", ["a", "b", "c"], ["A", "b", "C"], { added: 0, changed: 2, unchanged: 1, removed: 0 }],
    ["a paragraph inserted", ["a", "b"], ["a", "x", "b"], { added: 1, changed: 0, unchanged: 2, removed: 0 }],
    ["a paragraph appended", ["a", "b"], ["a", "b", "x"], { added: 1, changed: 0, unchanged: 2, removed: 0 }],
    ["a paragraph deleted", ["a", "b", "c"], ["a", "c"], { added: 0, changed: 0, unchanged: 2, removed: 1 }],
    ["two paragraphs merged into one", ["a", "b", "c", "d"], ["a", "bc", "d"], { added: 0, changed: 1, unchanged: 2, removed: 1 }],
    ["one paragraph split in two", ["a", "b", "c"], ["a", "b1", "b2", "c"], { added: 1, changed: 1, unchanged: 2, removed: 0 }],
    ["an insertion here and a deletion elsewhere stay apart", ["a", "b", "c"], ["x", "a", "b"], { added: 1, changed: 0, unchanged: 2, removed: 1 }],
    ["a moved paragraph keeps its id: unchanged", ["a", "b", "c"], ["c", "a", "b"], { added: 0, changed: 0, unchanged: 3, removed: 0 }],
    ["everything rewritten", ["a", "b"], ["x", "y", "z"], { added: 1, changed: 2, unchanged: 0, removed: 0 }],
    ["a first build", [], ["a", "b"], { added: 2, changed: 0, unchanged: 0, removed: 0 }],
    ["the same paragraph twice, one copy deleted", ["a", "r", "b", "r"], ["a", "r", "b"], { added: 0, changed: 0, unchanged: 3, removed: 1 }],
  ])("%s", (_name, before, after, expected) => {
    const counts = documentPassageDiff(before, after);
    expect(counts).toEqual(expected);
    expect(counts.added + counts.changed + counts.unchanged).toBe(after.length);
    expect(counts.removed + counts.changed + counts.unchanged).toBe(before.length);
  });
});

describe("versionDiff", () => {
  it("counts documents added, changed, unchanged and removed, and their passages", () => {
    const before = [...passages("artikel", ["a", "b", "c"]), ...passages("oud", ["x", "y"]), ...passages("vast", ["p"])];
    const after = [...passages("artikel", ["a", "B", "c"]), ...passages("nieuw", ["n1", "n2"]), ...passages("vast", ["p"])];
    expect(versionDiff(before, after)).toEqual({
      passages: { added: 2, changed: 1, unchanged: 3, removed: 2 },
      documents: { added: 1, changed: 1, unchanged: 1, removed: 1 },
    });
  });

  it("a new title is a changed document with every passage unchanged", () => {
    expect(versionDiff(passages("artikel", ["a", "b"], "Oud"), passages("artikel", ["a", "b"], "Nieuw"))).toEqual({
      passages: { added: 0, changed: 0, unchanged: 2, removed: 0 },
      documents: { added: 0, changed: 1, unchanged: 0, removed: 0 },
    });
  });
});
