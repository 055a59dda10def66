import { readFileSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { dictionaryFrom, readFreedictSources } from "../../src/lexicon/bilingual-dictionary.js";
import {
  BUNDLED_LEXICON_PATH,
  BUNDLED_PHRASES_PATH,
  BundledLexiconError,
  bundledLexiconSources,
  bundledSources,
  parseIrregularForms,
  parseLexiconTsv,
  readBundledSources,
} from "../../src/lexicon/bundled-lexicon.js";
import { createLexicon } from "../../src/lexicon/lexicon.js";
import { createLogger } from "../../src/logging/logger.js";
import { deriveHeadwords } from "./derive-headwords.js";
import { DUTCH_ENGLISH, ENGLISH_DUTCH, tempFolder, writeDictd } from "./dictd-fixture.js";

const folders: string[] = [];
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

describe("bundled English–Dutch word list", () => {
  it("parses headword TAB translations, skipping comments and words without a translation", () => {
    const text =
      "# a comment\tnot an entry\nhouse\thuis, woning,  huis\nLondon\t\npromise\tbelofte, beloven (iets), toezeggen...\n\nrun\tlopen, rennen, hardlopen, een rondje rennen maar dan lang\n";
    expect(parseLexiconTsv(text)).toEqual([
      ["house", ["huis", "woning"]],
      ["promise", ["belofte", "beloven"]],
      ["run", ["lopen", "rennen", "hardlopen"]],
    ]);
  });

  it("ships one line per derived headword, each with one tab, and translations for nearly all", () => {
    const lines = readFileSync(BUNDLED_LEXICON_PATH, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(lines.every((line) => line.split("\t").length === 2)).toBe(true);
    const headwords = lines.map((line) => line.split("\t")[0]);
    expect(new Set(headwords).size).toBe(headwords.length);
    expect(headwords.length).toBeGreaterThan(16_000);
    expect(bundledLexiconSources()[0]!.pairs.length / headwords.length).toBeGreaterThan(0.95);
  });

  it("ships expressions of several words, derived the same way", () => {
    const lines = readFileSync(BUNDLED_PHRASES_PATH, "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"));
    expect(lines.every((line) => line.split("\t").length === 2 && line.split("\t")[0]!.includes(" "))).toBe(true);
    expect(lines.length).toBeGreaterThan(3000);
    expect(
      deriveHeadwords("prime_minister%1:18:00:: 10467179 1 32\nwhite_house%1:06:00:: 04581595 1 1\nair_defense%1:04:00:: 00000005 1 0", 1, "phrases"),
    ).toEqual(["prime minister", "white house"]);
  });

  it("gives irregular English forms their lemma's translations, one way only", () => {
    const pairs = parseLexiconTsv("send\tsturen, zenden\ngood\tgoed\nwell\tgoed, wel, put\n");
    const irregular = parseIrregularForms("# WordNet\nsent\tsend\nbetter\tgood\nbetter\twell\nwent\tgo\n");
    const dictionary = dictionaryFrom([bundledSources(pairs, irregular)]);
    expect(dictionary.translate("sent", "en", "nl")).toEqual(["sturen", "zenden"]);
    expect(dictionary.translate("better", "en", "nl")).toEqual(["goed", "wel", "put"]);
    // `go` has no entry, so `went` has none; and no form is offered as the English for a Dutch word.
    expect(dictionary.translate("went", "en", "nl")).toEqual([]);
    expect(dictionary.translate("sturen", "nl", "en")).toEqual(["send"]);
    expect(dictionaryFrom([bundledLexiconSources()]).translate("spoke", "en", "nl")).toContain("spreken");
  });

  it("derives headwords from WordNet's sense counts: lemmas tagged at least once, most frequent first", () => {
    const indexSense = [
      "house%1:06:00:: 03544360 1 40",
      "house%2:42:00:: 02649830 1 2",
      "promise%1:10:00:: 07226545 1 2",
      "promise%2:32:00:: 00884540 1 1",
      "air_defence%1:04:00:: 00000001 1 9",
      "rare%3:00:00:: 00000002 1 2",
      "untagged%3:00:00:: 00000004 1 0",
      "Aachen%1:15:00:: 00000003 1 5",
    ].join("\n");
    expect(deriveHeadwords(indexSense)).toEqual(["house", "promise", "rare"]);
    expect(deriveHeadwords(indexSense, 3)).toEqual(["house", "promise"]);
  });

  it("answers before FreeDict, which serves the words the list lacks", () => {
    const folder = tempFolder();
    folders.push(folder);
    writeDictd(folder, "freedict-nld-eng", DUTCH_ENGLISH);
    writeDictd(folder, "freedict-eng-nld", ENGLISH_DUTCH);
    const bundled = { name: "bundled", from: "en" as const, pairs: parseLexiconTsv("attack\tbestorming, aanval\nwar\toorlog, strijd\n") };
    const dictionary = dictionaryFrom([[bundled], readFreedictSources({ folder })!]);
    expect(dictionary.translate("attack", "en", "nl")).toEqual(["bestorming", "aanval"]);
    expect(dictionary.translate("strijd", "nl", "en")).toEqual(["war"]);
    expect(dictionary.dutchSynonyms("strijd")).toEqual(["oorlog"]);
    // Words the list lacks come from FreeDict.
    expect(dictionary.translate("krijgsmacht", "nl", "en")).toEqual(["armed forces", "military"]);
    expect(dictionary.dutchSynonyms("krijgen")).toEqual(["ontvangen"]);
    expect(dictionary.stats.entries).toEqual({ bundled: 2, "nld-eng": DUTCH_ENGLISH.length - 2, "eng-nld": ENGLISH_DUTCH.length });
  });

  it("is part of the lexicon unless switched off, and says so in one log line", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line: string) => lines.push(line) });
    const on = createLexicon({ dictionaryDir: undefined, bundled: true }, logger);
    expect(on.id).toBe("cldr+bundled");
    expect(on.dictionary?.translate("hospital", "en", "nl")).toContain("ziekenhuis");
    const off = createLexicon({ dictionaryDir: undefined, bundled: false }, logger);
    expect(off.id).toBe("cldr");
    expect(off.dictionary).toBeUndefined();
    expect(lines.join("\n")).toMatch(/lexicon: cldr\+bundled \(\d+ bundled entries/);
    expect(lines.join("\n")).toMatch(/lexicon: CLDR names only/);
  });

  it("is left out with one warning, not a crash, when its files are missing", () => {
    const root = tempFolder();
    folders.push(root);
    expect(() => readBundledSources(root)).toThrow(BundledLexiconError);
    const lines: string[] = [];
    const lexicon = createLexicon(
      { dictionaryDir: undefined, bundled: true, bundledRoot: root },
      createLogger({ level: "info", write: (line: string) => lines.push(line) }),
    );
    expect(lexicon.id).toBe("cldr");
    expect(lines.join("\n")).toMatch(/WARN lexicon: the bundled word list is not used — Cannot read .*en-nl\.tsv/);
  });
});
