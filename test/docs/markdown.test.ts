import { describe, expect, it } from "vitest";
import { headingAnchors, markdownLinks, markdownTables, tableCells } from "./markdown.js";

describe("markdownTables", () => {
  it("reads one contiguous table", () => {
    const tables = markdownTables(["Intro.", "", "| variable | default |", "|---|---|", "| `A` | `1` |", "| `B` | – |", "", "After."].join("\n"));
    expect(tables).toEqual([
      {
        line: 3,
        header: ["variable", "default"],
        rows: [
          ["`A`", "`1`"],
          ["`B`", "–"],
        ],
      },
    ]);
  });

  it("ends a table at a blank line, so rows after it are not part of any table", () => {
    const split = ["| variable | default |", "|---|---|", "| `A` | `1` |", "", "| `B` | `2` |", "| `C` | `3` |"].join("\n");
    const tables = markdownTables(split);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((row) => row[0])).toEqual(["`A`"]);
  });

  it("ends a table at a heading or a fence", () => {
    expect(markdownTables("| a |\n|---|\n| 1 |\n## Next\n| 2 |")[0]!.rows).toEqual([["1"]]);
    expect(markdownTables("| a |\n|---|\n| 1 |\n```\n| 2 |\n```")[0]!.rows).toEqual([["1"]]);
  });

  it("needs the delimiter row right under the header, with as many cells", () => {
    expect(markdownTables("| a | b |\n\n|---|---|\n| 1 | 2 |")).toEqual([]);
    expect(markdownTables("| a | b |\n|---|\n| 1 | 2 |")).toEqual([]);
    expect(markdownTables("no pipes here\n---")).toEqual([]);
  });

  it("accepts alignment colons and tables without outer pipes", () => {
    expect(markdownTables("a | b\n:--|--:\n1 | 2")).toEqual([{ line: 1, header: ["a", "b"], rows: [["1", "2"]] }]);
  });

  it("ignores tables inside fenced code", () => {
    expect(markdownTables("```md\n| a |\n|---|\n| 1 |\n```")).toEqual([]);
  });
});

describe("tableCells", () => {
  it("splits on every unescaped pipe, even inside a code span, as GitHub does", () => {
    expect(tableCells("| `a|b` | c |")).toEqual(["`a", "b`", "c"]);
    expect(tableCells("| `a\\|b` | c |")).toEqual(["`a|b`", "c"]);
  });
});

describe("markdownLinks", () => {
  it("finds links and images outside code, with their line", () => {
    const text = [
      'See [the docs](docs/a.md#part) and ![chart](../x.svg "title").',
      "`[not](a-link.md)`",
      "```",
      "[nor](this.md)",
      "```",
      "<https://example.org> [web](https://example.org)",
    ].join("\n");
    expect(markdownLinks(text)).toEqual([
      { line: 1, target: "docs/a.md#part" },
      { line: 1, target: "../x.svg" },
      { line: 6, target: "https://example.org" },
    ]);
  });
});

describe("headingAnchors", () => {
  it("slugs headings the way GitHub does, numbering repeats", () => {
    const anchors = headingAnchors("# Nieuwsbot\n## Embedders (`EMBEDDINGS_PROVIDER`)\n## Index on disk\n### Corpus\n### Corpus\n```\n# not a heading\n```");
    expect([...anchors]).toEqual(["nieuwsbot", "embedders-embeddings_provider", "index-on-disk", "corpus", "corpus-1"]);
  });
});
