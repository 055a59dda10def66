import { existsSync, rmSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { bilingualDictionary, DEFAULT_DICTD_FOLDER, dictionaryFrom, loadBilingualDictionary } from "../../src/lexicon/bilingual-dictionary.js";
import { DUTCH_ENGLISH, ENGLISH_DUTCH, tempFolder, writeDictd } from "./dictd-fixture.js";

const folders: string[] = [];
const folder = () => {
  const made = tempFolder();
  folders.push(made);
  return made;
};
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

function fixture() {
  const dir = folder();
  writeDictd(dir, "freedict-nld-eng", DUTCH_ENGLISH);
  writeDictd(dir, "freedict-eng-nld", ENGLISH_DUTCH);
  const dictionary = loadBilingualDictionary({ folder: dir });
  if (!dictionary) throw new Error("fixture dictionary did not load");
  return dictionary;
}

describe("bilingual dictionary", () => {
  it("translates English to Dutch: the eng-nld entry first, then nld-eng read backwards", () => {
    expect(fixture().translate("attack", "en", "nl")).toEqual(["aanval", "aanvallen", "aanslag", "offensief"]);
  });

  it("translates Dutch to English the same way, ignoring case and accents", () => {
    const dictionary = fixture();
    expect(dictionary.translate("Oorlog", "nl", "en")).toEqual(["war"]);
    expect(dictionary.translate("aanval", "nl", "en")).toEqual(["attack", "assault", "fit"]);
    expect(dictionary.translate("krijgsmacht", "nl", "en")).toEqual(["armed forces", "military"]);
  });

  it("treats hyphens as spaces and keeps short phrases", () => {
    const dictionary = fixture();
    expect(dictionary.translate("air defence", "en", "nl")).toEqual(["luchtafweer"]);
    expect(dictionary.translate("how are you", "en", "nl")).toEqual(["hoe gaat het"]);
  });

  it("returns nothing for unknown words, affixes, fragments or the same language", () => {
    const dictionary = fixture();
    expect(dictionary.translate("vredesbesprekingen", "nl", "en")).toEqual([]);
    expect(dictionary.translate("huis", "nl", "en")).toEqual([]);
    expect(dictionary.translate("aanvoelen", "nl", "en")).toEqual([]);
    expect(dictionary.translate("oorlog", "nl", "nl")).toEqual([]);
  });

  it("finds Dutch synonyms through a shared English word", () => {
    const dictionary = fixture();
    expect(dictionary.dutchSynonyms("oorlog")).toEqual(["krijg"]);
    // All share one word ("attack"): ties keep the dictionary's order, direct entries first.
    expect(dictionary.dutchSynonyms("aanval")).toEqual(["aanvallen", "aanslag", "offensief"]);
  });

  it("skips English words with too many Dutch translations and caps the list", () => {
    const dictionary = fixture();
    // "get" has nine Dutch words here: too vague. "receive" links krijgen and ontvangen.
    expect(dictionary.dutchSynonyms("krijgen")).toEqual(["ontvangen"]);
    expect(dictionary.dutchSynonyms("krijgen", { maxSenseSize: 20 })).toEqual(expect.arrayContaining(["ontvangen", "halen", "snappen"]));
    expect(dictionary.dutchSynonyms("krijgen", { maxSenseSize: 20, limit: 3 })).toHaveLength(3);
    // begrijpen shares both "get" and "understand" with snappen: it comes first.
    expect(dictionary.dutchSynonyms("snappen", { maxSenseSize: 20 })[0]).toBe("begrijpen");
  });

  it("counts the entries it could use (not the affix and the fragment)", () => {
    expect(fixture().stats.entries).toEqual({ "nld-eng": DUTCH_ENGLISH.length - 2, "eng-nld": ENGLISH_DUTCH.length });
  });

  it("works from one direction alone and is absent without either", () => {
    const dir = folder();
    writeDictd(dir, "freedict-nld-eng", DUTCH_ENGLISH);
    // Reversed entries come in index order.
    expect(loadBilingualDictionary({ folder: dir })?.translate("war", "en", "nl")).toEqual(["krijg", "oorlog"]);
    expect(loadBilingualDictionary({ folder: folder() })).toBeUndefined();
  });

  it("tells once why it cannot be used, without throwing", () => {
    const absent = bilingualDictionary({ folder: folder() });
    expect(absent.status).toBe("absent");

    const dir = folder();
    const { dict } = writeDictd(dir, "freedict-nld-eng", DUTCH_ENGLISH);
    writeFileSync(dict, "broken");
    const failed = bilingualDictionary({ folder: dir });
    expect(failed.status).toBe("failed");
    if (failed.status === "failed") {
      expect(failed.error.code).toBe("DICT_CORRUPT");
      expect(failed.reason).toMatch(/^DICT_CORRUPT: /u);
      expect(failed.reason).not.toContain("\n");
    }
    expect(bilingualDictionary({ folder: dir })).toBe(failed);
  });
});

describe("the installed FreeDict dictionaries", () => {
  const installed = existsSync(`${DEFAULT_DICTD_FOLDER}/freedict-nld-eng.index`) && existsSync(`${DEFAULT_DICTD_FOLDER}/freedict-eng-nld.index`);

  it.skipIf(!installed)("load and answer a few lookups", () => {
    const load = bilingualDictionary();
    expect(load.status).toBe("ready");
    if (load.status !== "ready") return;
    const dictionary = dictionaryFrom([load.sources]);
    const { stats } = dictionary;
    console.log(
      `FreeDict: ${stats.entries["nld-eng"]} nld-eng and ${stats.entries["eng-nld"]} eng-nld entries, ` +
        `${stats.words.nl} Dutch and ${stats.words.en} English words, indexed in ${stats.loadMs.toFixed(0)} ms`,
    );
    expect(stats.entries["nld-eng"]).toBeGreaterThan(10_000);
    expect(dictionary.translate("oorlog", "nl", "en")).toContain("war");
    expect(dictionary.translate("war", "en", "nl")).toContain("oorlog");
  });
});
