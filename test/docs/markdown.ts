/**
 * Just enough of GitHub-flavoured Markdown to check the documentation the way GitHub renders it:
 * tables (only a contiguous header + delimiter + rows block is a table), links, and heading anchors.
 * Fenced code blocks are skipped, since nothing inside them renders as a table, link or heading.
 */

/** A table as GitHub renders it: the header cells, then one array of cells per body row. */
export interface MarkdownTable {
  /** 1-based line of the header row. */
  line: number;
  header: string[];
  rows: string[][];
}

/** A link or image target as written, with the 1-based line it is on. */
export interface MarkdownLink {
  line: number;
  target: string;
}

const fence = /^ {0,3}(`{3,}|~{3,})/;
const delimiterCell = /^:?-+:?$/;
// Lines that start another block and so end a table (GFM: "the table is broken at the first empty
// line, or beginning of another block-level structure").
const blockStart = /^ {0,3}(#{1,6}(\s|$)|>|`{3,}|~{3,}|([-*_])(\s*\3){2,}\s*$)/;

/** The lines of `text` outside fenced code blocks, each with its 1-based number. */
function linesOutsideFences(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  let open: string | undefined;
  text.split(/\r?\n/).forEach((line, index) => {
    const marker = fence.exec(line)?.[1];
    if (open !== undefined) {
      if (marker !== undefined && marker[0] === open[0] && marker.length >= open.length) open = undefined;
      return;
    }
    if (marker !== undefined) {
      open = marker;
      return;
    }
    result.push({ line: index + 1, text: line });
  });
  return result;
}

/** Splits one table line into trimmed cells; `\|` is a literal pipe, even inside a code span. */
export function tableCells(line: string): string[] {
  let body = line.trim();
  if (body.startsWith("|")) body = body.slice(1);
  if (body.endsWith("|") && !body.endsWith("\\|")) body = body.slice(0, -1);
  return body.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

function isDelimiterRow(line: string): boolean {
  if (!line.includes("-")) return false;
  return tableCells(line).every((cell) => delimiterCell.test(cell));
}

/**
 * Every table in `markdown`. A row belongs to a table only while no blank line (or other block)
 * intervenes, so rows after a blank line are plain text here exactly as they are on GitHub.
 */
export function markdownTables(markdown: string): MarkdownTable[] {
  const lines = linesOutsideFences(markdown);
  const tables: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const head = lines[i]!;
    const delimiter = lines[i + 1]!;
    // The delimiter must follow the header directly (not across a skipped code block).
    if (delimiter.line !== head.line + 1 || !head.text.includes("|") || !isDelimiterRow(delimiter.text)) continue;
    const header = tableCells(head.text);
    if (header.length !== tableCells(delimiter.text).length) continue;
    const rows: string[][] = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const row = lines[j]!;
      if (row.line !== lines[j - 1]!.line + 1 || row.text.trim() === "" || blockStart.test(row.text)) break;
      rows.push(tableCells(row.text));
    }
    tables.push({ line: head.line, header, rows });
    i = j - 1;
  }
  return tables;
}

/** Inline links and images (`[text](target)`, `![alt](target)`) outside code, targets as written. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, text } of linesOutsideFences(markdown)) {
    const withoutCode = text.replace(/(`+)(?:(?!\1)[^])*?\1/g, (span) => " ".repeat(span.length));
    for (const match of withoutCode.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^\s)]+)(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1]!.replace(/^<|>$/g, "");
      links.push({ line, target });
    }
  }
  return links;
}

/** The anchors GitHub gives the headings of `markdown` (`## Index on disk` → `index-on-disk`). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of linesOutsideFences(markdown)) {
    const heading = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
