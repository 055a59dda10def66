import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The text of every shipped corpus document, for checks that compare questions with the article. */
export function articleText(): string {
  const corpus = path.join(repoRoot, "corpus");
  return readdirSync(corpus)
    .filter((name) => name.endsWith(".md"))
    .map((name) => readFileSync(path.join(corpus, name), "utf8").replace(/^---[\s\S]*?---/, ""))
    .join("\n");
}
