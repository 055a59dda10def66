import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The shipped corpus folder. */
export const shippedCorpus = path.join(repoRoot, "corpus");

/** The text of every document of a corpus folder (the shipped one by default), for checks that compare questions with the article. */
export function articleText(corpus = shippedCorpus): string {
  return readdirSync(corpus)
    .filter((name) => name.endsWith(".md"))
    .map((name) => readFileSync(path.join(corpus, name), "utf8").replace(/^---[\s\S]*?---/, ""))
    .join("\n");
}
