/**
 * The English–Dutch word list that ships with the bot (`data/en-nl.tsv`, MIT like the code), so
 * that English questions and Dutch ones in other words find the article's words without an
 * installed dictionary. Its headwords are chosen by a general criterion, never by a text: the
 * English lemmas WordNet 3.1's sense-tagged corpus counts at least once, most frequent first
 * (`test/lexicon/derive-headwords.ts` re-derives the list), each with its common Dutch translations.
 * Irregular English forms (`sent`, `children`, `better`) reach their headword through WordNet's
 * exception lists (`data/en-irregular.tsv`, WordNet licence).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DictionarySource } from "./bilingual-dictionary.js";
import { cleanTerm } from "./freedict-entry.js";

/** Where the list lives, relative to the project root (the same from `src/` and from `dist/`). */
export const BUNDLED_LEXICON_PATH = "src/lexicon/data/en-nl.tsv";
export const IRREGULAR_FORMS_PATH = "src/lexicon/data/en-irregular.tsv";
/** Expressions of several words chosen the same way (`prime minister` → premier, `take place` → plaatsvinden). */
export const BUNDLED_PHRASES_PATH = "src/lexicon/data/en-nl-phrases.tsv";

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

/** `form TAB lemma` lines (`#` lines are comments) as a map from form to lemmas. Pure. */
export function parseIrregularForms(text: string): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const [form, lemma] = line.split("\t");
    if (!form || !lemma) continue;
    forms.set(form, [...(forms.get(form) ?? []), lemma]);
  }
  return forms;
}

/**
 * The list and its irregular forms as dictionary sources: each form gets its lemmas'
 * translations (`sent` → sturen, zenden, …), after its own when it is a headword too; one way
 * only. Pure.
 */
export function bundledSources(
  pairs: readonly (readonly [string, readonly string[]])[],
  irregular: ReadonlyMap<string, readonly string[]>,
): DictionarySource[] {
  const byHeadword = new Map(pairs);
  const forms: [string, string[]][] = [];
  // A form that is a headword too gets both (`spoke`: spaak, and spreken from speak; `found`, `left`, `saw`).
  for (const [form, lemmas] of irregular) {
    const translations = [...new Set(lemmas.flatMap((lemma) => byHeadword.get(lemma) ?? []))];
    if (translations.length > 0) forms.push([form, translations]);
  }
  return [
    { name: "bundled", from: "en", pairs },
    { name: "bundled-forms", from: "en", pairs: forms, oneWay: true },
  ];
}

/** A bundled list that cannot be read: a copy of the bot without `src/lexicon/data/`, say. */
export class BundledLexiconError extends Error {
  override readonly name = "BundledLexiconError";
  constructor(
    message: string,
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The bundled lists under `root` (the project root) as dictionary sources; throws a {@link BundledLexiconError}. */
export function readBundledSources(root: string): DictionarySource[] {
  const read = (path: string) => {
    const file = join(root, path);
    try {
      return readFileSync(file, "utf8");
    } catch (error) {
      throw new BundledLexiconError(`Cannot read ${file} (${(error as Error).message}); the bot ships it in src/lexicon/data/.`, file, { cause: error });
    }
  };
  const words = parseLexiconTsv(read(BUNDLED_LEXICON_PATH));
  return bundledSources([...words, ...parseLexiconTsv(read(BUNDLED_PHRASES_PATH))], parseIrregularForms(read(IRREGULAR_FORMS_PATH)));
}

const read = new Map<string, DictionarySource[]>();

/** The bundled lists of this installation (or of `root`), read once per process. */
export function bundledLexiconSources(root = projectRoot()): DictionarySource[] {
  let sources = read.get(root);
  if (!sources) {
    sources = readBundledSources(root);
    read.set(root, sources);
  }
  return sources;
}
