import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DictdError } from "../../src/lexicon/dictd-error.js";
import { decodeDictdNumber, parseDictdIndex, readDictd } from "../../src/lexicon/dictd.js";
import { DUTCH_ENGLISH, encodeDictdNumber, tempFolder, writeDictd } from "./dictd-fixture.js";

const folders: string[] = [];
const folder = () => {
  const made = tempFolder();
  folders.push(made);
  return made;
};
afterEach(() => {
  for (const made of folders.splice(0)) rmSync(made, { recursive: true, force: true });
});

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof DictdError ? error.code : `not a DictdError: ${String(error)}`;
  }
  return undefined;
};

describe("dictd numbers and index", () => {
  it("decodes base-64 offsets", () => {
    expect(decodeDictdNumber("A")).toBe(0);
    expect(decodeDictdNumber("B")).toBe(1);
    expect(decodeDictdNumber("BA")).toBe(64);
    expect(decodeDictdNumber("BnWN")).toBe(1 * 64 ** 3 + 39 * 64 ** 2 + 22 * 64 + 13);
    expect(decodeDictdNumber("a-b")).toBeUndefined();
    expect(decodeDictdNumber(encodeDictdNumber(979_691))).toBe(979_691);
  });

  it("parses index lines and names the bad one", () => {
    expect(parseDictdIndex("huis\tBnWN\tp\noorlog\tA\tB\n", "x.index")).toEqual([
      { headword: "huis", offset: 423_309, length: 41 },
      { headword: "oorlog", offset: 0, length: 1 },
    ]);
    expect(codeOf(() => parseDictdIndex("huis\tBnWN\n", "x.index"))).toBe("DICT_CORRUPT");
  });
});

describe("readDictd", () => {
  it("reads every entry but the meta ones", () => {
    const dir = folder();
    writeDictd(dir, "freedict-nld-eng", DUTCH_ENGLISH);
    const entries = readDictd(dir, "freedict-nld-eng") ?? [];
    expect(entries).toHaveLength(DUTCH_ENGLISH.length);
    expect(entries.map((entry) => entry.text).sort()).toEqual([...DUTCH_ENGLISH].sort());
  });

  it("returns undefined when the dictionary is not installed", () => {
    expect(readDictd(folder(), "freedict-nld-eng")).toBeUndefined();
  });

  it("reports a missing half, a file that is not gzip, a truncated one and a bad index", () => {
    const half = folder();
    const { dict: lonely } = writeDictd(half, "freedict-nld-eng", DUTCH_ENGLISH);
    rmSync(join(half, "freedict-nld-eng.index"));
    expect(codeOf(() => readDictd(half, "freedict-nld-eng"))).toBe("DICT_INCOMPLETE");
    expect(lonely).toContain("dict.dz");

    const notGzip = folder();
    const { dict } = writeDictd(notGzip, "freedict-nld-eng", DUTCH_ENGLISH);
    writeFileSync(dict, "this is not gzip");
    expect(codeOf(() => readDictd(notGzip, "freedict-nld-eng"))).toBe("DICT_CORRUPT");

    const truncated = folder();
    const written = writeDictd(truncated, "freedict-nld-eng", DUTCH_ENGLISH);
    const bytes = readFileSync(written.dict);
    writeFileSync(written.dict, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(codeOf(() => readDictd(truncated, "freedict-nld-eng"))).toBe("DICT_CORRUPT");

    const badIndex = folder();
    const other = writeDictd(badIndex, "freedict-nld-eng", DUTCH_ENGLISH);
    writeFileSync(other.index, "oorlog\tA\n");
    expect(codeOf(() => readDictd(badIndex, "freedict-nld-eng"))).toBe("DICT_CORRUPT");
  });

  it("reports an index that points past the end of the text", () => {
    const dir = folder();
    const { index } = writeDictd(dir, "freedict-nld-eng", DUTCH_ENGLISH);
    writeFileSync(index, `${readFileSync(index, "utf8")}zz\t${encodeDictdNumber(1_000_000)}\tB\n`);
    let caught: unknown;
    try {
      readDictd(dir, "freedict-nld-eng");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DictdError);
    expect((caught as DictdError).code).toBe("DICT_CORRUPT");
    expect((caught as DictdError).file).toContain("freedict-nld-eng.dict.dz");
  });
});
