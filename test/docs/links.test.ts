import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { headingAnchors, markdownLinks, markdownTables } from "./markdown.js";

// Resolved here rather than imported from the core fixture, so checking documents never loads the core.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const docsDir = path.join(repoRoot, "docs");
const documents = [
  "README.md",
  ...readdirSync(docsDir)
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];
const read = (file: string) => readFileSync(path.join(repoRoot, file), "utf8");

/** A target with a scheme (`https:`, `mailto:`) or protocol-relative: not checked here. */
const isExternal = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");

describe.each(documents)("%s", (file) => {
  const text = read(file);

  it("links only to files and headings that exist", () => {
    const broken: string[] = [];
    for (const { line, target } of markdownLinks(text)) {
      if (isExternal(target)) continue;
      const [rawPath = "", anchor] = target.split("#", 2);
      const linkedPath = decodeURIComponent(rawPath);
      const resolved = linkedPath === "" ? path.join(repoRoot, file) : path.resolve(path.dirname(path.join(repoRoot, file)), linkedPath);
      if (!existsSync(resolved)) {
        broken.push(`${file}:${line} ${target} (no such file)`);
      } else if (anchor && resolved.endsWith(".md") && statSync(resolved).isFile() && !headingAnchors(readFileSync(resolved, "utf8")).has(anchor)) {
        broken.push(`${file}:${line} ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("has no table row with more cells than its header (GitHub drops the extra ones; escape a literal | as \\|)", () => {
    const overflowing = markdownTables(text).flatMap((table) =>
      table.rows.filter((row) => row.length > table.header.length).map((row) => `table at ${file}:${table.line}: ${row.join(" | ")}`),
    );
    expect(overflowing).toEqual([]);
  });
});

describe("README", () => {
  it("links every page in docs/", () => {
    const linked = new Set(markdownLinks(read("README.md")).map(({ target }) => path.posix.normalize(target.split("#")[0] ?? "")));
    const unlinked = documents.filter((file) => file.startsWith("docs/") && !linked.has(file));
    expect(unlinked).toEqual([]);
  });
});
