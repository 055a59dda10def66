import { describe, expect, it } from "vitest";
import { inflectDutchAdjective, looksLikeDutchNationalityAdjective, uninflectDutchAdjective } from "../../src/lexicon/dutch-adjective.js";

describe("Dutch adjective inflection", () => {
  it.each([
    ["Duits", "Duitse"],
    ["Brits", "Britse"],
    ["Canadees", "Canadese"],
    ["Chinees", "Chinese"],
    ["Amerikaans", "Amerikaanse"],
    ["Oekraïens", "Oekraïense"],
    ["Russisch", "Russische"],
    ["Deens", "Deense"],
    ["Pools", "Poolse"],
    ["Indiaas", "Indiase"],
    ["Costa Ricaans", "Costa Ricaanse"],
  ])("%s → %s", (base, inflected) => {
    expect(inflectDutchAdjective(base)).toBe(inflected);
  });

  it.each([
    ["Canadese", "Canadees"],
    ["Chinese", "Chinees"],
    ["Japanse", "Japans"],
    ["Britse", "Brits"],
    ["Ierse", "Iers"],
    ["Indiase", "Indiaas"],
    ["Belause", "Belaus"],
    ["Thaise", "Thais"],
    ["Wit-Russische", "Wit-Russisch"],
  ])("%s → %s", (inflected, base) => {
    expect(uninflectDutchAdjective(inflected)).toBe(base);
  });

  it("leaves a word without the ending alone", () => {
    expect(uninflectDutchAdjective("Duits")).toBeUndefined();
    expect(inflectDutchAdjective("Duitse")).toBe("Duitse");
  });

  it("recognises the shape of nationality adjectives", () => {
    expect(["Duits", "Duitse", "Russisch", "Russische"].every(looksLikeDutchNationalityAdjective)).toBe(true);
    expect(["Bermuda-dollar", "Sango"].some(looksLikeDutchNationalityAdjective)).toBe(false);
  });
});
