import { describe, expect, it } from "vitest";
import { CorpusError } from "../../src/port/errors.js";
import { applyHostChanges } from "../../src/refresh/corpus-merge.js";

const base = { "artikel.md": "v1", "oud.md": "oud", "sources.txt": "" };

describe("applyHostChanges (shared mode: this host's changes on top of the corpus of record)", () => {
  it("keeps what other hosts added, changed and deleted since the folder's version, and adds this host's own", () => {
    const theirs = { "artikel.md": "v2 van host A", "x.md": "X", "sources.txt": "" };
    const ours = { ...base, "y.md": "Y" };
    expect(applyHostChanges({ base, ours, theirs })).toEqual({ "artikel.md": "v2 van host A", "x.md": "X", "y.md": "Y", "sources.txt": "" });
  });

  it("applies this host's edits and deletions of files the record left alone", () => {
    const theirs = { ...base, "x.md": "X" };
    const ours = { "artikel.md": "v1, hier bewerkt", "sources.txt": "https://nieuws.example/a\n" };
    expect(applyHostChanges({ base, ours, theirs })).toEqual({ "artikel.md": "v1, hier bewerkt", "x.md": "X", "sources.txt": "https://nieuws.example/a\n" });
  });

  it("takes a change made here exactly as in the record once", () => {
    const theirs = { ...base, "artikel.md": "v2" };
    expect(applyHostChanges({ base, ours: { ...base, "artikel.md": "v2" }, theirs })).toEqual(theirs);
  });

  it.each([
    ["changed differently", "artikel.md", { ...base, "artikel.md": "v2 hier" }, { ...base, "artikel.md": "v2 daar" }],
    ["changed here, deleted there", "artikel.md", { ...base, "artikel.md": "v2 hier" }, { "oud.md": "oud", "sources.txt": "" }],
    ["deleted here, changed there", "artikel.md", { "oud.md": "oud", "sources.txt": "" }, { ...base, "artikel.md": "v2 daar" }],
    ["added on both sides with different text", "nieuw.md", { ...base, "nieuw.md": "hier" }, { ...base, "nieuw.md": "daar" }],
  ])("refuses a file %s with CORPUS_CONFLICT naming it (%s)", (_, name, ours, theirs) => {
    let conflict: unknown;
    try {
      applyHostChanges({ base, ours, theirs });
    } catch (error) {
      conflict = error;
    }
    expect(conflict).toBeInstanceOf(CorpusError);
    expect(conflict).toMatchObject({ code: "CORPUS_CONFLICT", file: name });
    expect((conflict as CorpusError).message).toContain(name);
  });

  it("names every conflicting file", () => {
    const ours = { ...base, "artikel.md": "a hier", "oud.md": "b hier" };
    const theirs = { ...base, "artikel.md": "a daar", "oud.md": "b daar" };
    expect(() => applyHostChanges({ base, ours, theirs })).toThrow(/^artikel\.md, oud\.md changed/);
  });

  it("with no recorded base counts every file of the folder as this host's: equal files agree, others conflict, nothing is dropped", () => {
    const theirs = { "artikel.md": "v1", "x.md": "X", "sources.txt": "" };
    expect(applyHostChanges({ base: {}, ours: { "artikel.md": "v1", "y.md": "Y", "sources.txt": "" }, theirs })).toEqual({ ...theirs, "y.md": "Y" });
    expect(() => applyHostChanges({ base: {}, ours: { "x.md": "X anders" }, theirs })).toThrow(CorpusError);
  });
});
