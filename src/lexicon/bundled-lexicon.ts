/**
 * The English–Dutch word list that ships with the bot (`data/en-nl.tsv`, MIT like the code), so
 * that English questions and Dutch ones in other words find the article's words without an
 * installed dictionary. Its headwords are chosen by a general criterion, never by a text: the
 * English lemmas WordNet's sense-tagged corpus counts at least three times
 * (`scripts/lexicon-headwords.ts` re-derives the list), each with its common Dutch translations.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DictionarySource } from "./bilingual-dictionary.js";
import { cleanTerm } from "./freedict-entry.js";

/** Where the list lives, relative to the project root (the same from `src/` and from `dist/`). */
export const BUNDLED_LEXICON_PATH = "src/lexicon/data/en-nl.tsv";

/** The project root: the nearest folder above this module that holds package.json. */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, "package.json"))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error("package.json not found above the bundled lexicon module");
    folder = parent;
  }
  return folder;
}

/**
 * Parses the list: `english TAB dutch, dutch, …` per line, `#` lines are comments, a headword
 * without translations is skipped. Terms are cleaned like dictionary terms (lower case, at most
 * three words). Pure.
 */
export function parseLexiconTsv(text: string): [string, string[]][] {
  const pairs: [string, string[]][] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#") || !line.includes("\t")) continue;
    const [rawHeadword = "", rawTranslations = ""] = line.split("\t");
    const headword = cleanTerm(rawHeadword);
    if (!headword) continue;
    const translations: string[] = [];
    for (const part of rawTranslations.split(",")) {
      const term = cleanTerm(part);
      if (term && !translations.includes(term)) translations.push(term);
    }
    if (translations.length > 0) pairs.push([headword, translations]);
  }
  return pairs;
}

let source: DictionarySource | undefined;

/** The bundled list as an English → Dutch dictionary source, read once per process. */
export function bundledLexiconSource(): DictionarySource {
  source ??= { name: "bundled", from: "en", pairs: parseLexiconTsv(readFileSync(join(projectRoot(), BUNDLED_LEXICON_PATH), "utf8")) };
  return source;
}
