import { describe, expect, it } from "vitest";
import { isNumberWord, numbersIn } from "../../src/text/numbers.js";

/** `[surface, value]` pairs, the shape most examples are easiest to read in. */
const found = (text: string) => numbersIn(text).map((mention) => [mention.surface, mention.value]);

describe("numbersIn", () => {
  it("reads the article's Dutch number words and their English equivalents", () => {
    expect(found("Naar verluidt bezorgde Washington Kiev twee batterijen van de Nasams.")).toEqual([["twee", 2]]);
    expect(found("Washington reportedly delivered two batteries.")).toEqual([["two", 2]]);
    expect(found("nul drie tien elf twaalf negentien twintig tachtig")).toEqual([
      ["nul", 0],
      ["drie", 3],
      ["tien", 10],
      ["elf", 11],
      ["twaalf", 12],
      ["negentien", 19],
      ["twintig", 20],
      ["tachtig", 80],
    ]);
    expect(found("zero, eleven, nineteen, forty, ninety")).toEqual([
      ["zero", 0],
      ["eleven", 11],
      ["nineteen", 19],
      ["forty", 40],
      ["ninety", 90],
    ]);
  });

  it("reads Dutch compounds written as one word, with or without the diaeresis", () => {
    expect(found("eenentwintig tweeëntwintig tweeentwintig zevenentwintig negenenveertig")).toEqual([
      ["eenentwintig", 21],
      ["tweeëntwintig", 22],
      ["tweeentwintig", 22],
      ["zevenentwintig", 27],
      ["negenenveertig", 49],
    ]);
    expect(found("honderd, tweehonderdvijftig, twaalfhonderd, duizend, tweeduizendtweeëntwintig")).toEqual([
      ["honderd", 100],
      ["tweehonderdvijftig", 250],
      ["twaalfhonderd", 1200],
      ["duizend", 1000],
      ["tweeduizendtweeëntwintig", 2022],
    ]);
  });

  it("joins English words and scale words into one number", () => {
    expect(found("twenty-one batteries, twenty one drones")).toEqual([
      ["twenty-one", 21],
      ["twenty one", 21],
    ]);
    expect(found("two hundred and fifty thousand")).toEqual([["two hundred and fifty thousand", 250_000]]);
    expect(found("two million three hundred thousand")).toEqual([["two million three hundred thousand", 2_300_000]]);
    expect(found("twee miljoen, 1,5 miljard en 250 duizend")).toEqual([
      ["twee miljoen", 2e6],
      ["1,5 miljard", 1.5e9],
      ["250 duizend", 250_000],
    ]);
  });

  it("keeps separate numbers apart", () => {
    expect(found("twee drie")).toEqual([
      ["twee", 2],
      ["drie", 3],
    ]);
    expect(found("in 2022 twee")).toEqual([
      ["2022", 2022],
      ["twee", 2],
    ]);
    expect(found("2-3 raketten")).toEqual([
      ["2", 2],
      ["3", 3],
    ]);
    expect(found("twee, drie")).toEqual([
      ["twee", 2],
      ["drie", 3],
    ]);
  });

  it("reads one separator before three digits as thousands, otherwise as a decimal mark", () => {
    expect(found("1.500 en 1,500 en 1,5 en 1.5 en 0,500")).toEqual([
      ["1.500", 1500],
      ["1,500", 1500],
      ["1,5", 1.5],
      ["1.5", 1.5],
      ["0,500", 0.5],
    ]);
    expect(found("1.000.000 en 1,000,000 en 1.000,5 en 1,000.5")).toEqual([
      ["1.000.000", 1e6],
      ["1,000,000", 1e6],
      ["1.000,5", 1000.5],
      ["1,000.5", 1000.5],
    ]);
    expect(found("Het gebeurde in 2022.")).toEqual([["2022", 2022]]);
  });

  it("does not count the Dutch article een, nor a/an; één and a lone scale word do count", () => {
    expect(found("een batterij, a battery, an army")).toEqual([]);
    expect(found("één batterij, Eén keer")).toEqual([
      ["één", 1],
      ["Eén", 1],
    ]);
    expect(found("een miljoen mensen, a million people, één miljoen")).toEqual([
      ["miljoen", 1e6],
      ["million", 1e6],
      ["één miljoen", 1e6],
    ]);
  });

  it("counts English one, except as a pronoun", () => {
    expect(found("one battery")).toEqual([["one", 1]]);
    expect(found("the one that works, no one knows, which one, one of the systems, one another")).toEqual([]);
  });

  it("does not count vague plurals", () => {
    expect(found("honderden raketten, duizenden drones, hundreds of missiles, thousands of drones")).toEqual([]);
  });

  it("tells ordinals from cardinals", () => {
    const ordinals = numbersIn(
      "de eerste, tweede, derde, achtste, twintigste, eenentwintigste; the first, third, fifth, twelfth, twentieth, twenty-first, 21st, 2e, 3de",
    );
    expect(ordinals.map((mention) => [mention.surface, mention.value, mention.kind])).toEqual([
      ["eerste", 1, "ordinal"],
      ["tweede", 2, "ordinal"],
      ["derde", 3, "ordinal"],
      ["achtste", 8, "ordinal"],
      ["twintigste", 20, "ordinal"],
      ["eenentwintigste", 21, "ordinal"],
      ["first", 1, "ordinal"],
      ["third", 3, "ordinal"],
      ["fifth", 5, "ordinal"],
      ["twelfth", 12, "ordinal"],
      ["twentieth", 20, "ordinal"],
      ["twenty-first", 21, "ordinal"],
      ["21st", 21, "ordinal"],
      ["2e", 2, "ordinal"],
      ["3de", 3, "ordinal"],
    ]);
    expect(numbersIn("twee batterijen")[0]!.kind).toBe("cardinal");
  });

  it("reports where each number stands", () => {
    const text = "Washington bezorgde Kiev twee batterijen.";
    const [mention] = numbersIn(text);
    expect(text.slice(mention!.index, mention!.index + mention!.surface.length)).toBe("twee");
  });
});

describe("isNumberWord", () => {
  it.each([
    ["twee", true],
    ["Twee", true],
    ["tweeëntwintig", true],
    ["honderd", true],
    ["tweede", true],
    ["één", true],
    ["two", true],
    ["Twenty", true],
    ["third", true],
    ["one", true],
    ["million", true],
    ["een", false],
    ["a", false],
    ["an", false],
    ["honderden", false],
    ["thousands", false],
    ["Washington", false],
    ["en", false],
    ["constructor", false],
  ])("%s → %s", (word, expected) => {
    expect(isNumberWord(word)).toBe(expected);
  });
});
