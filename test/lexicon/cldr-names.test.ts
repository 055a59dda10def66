import { describe, expect, it } from "vitest";
import { adjectivesOf, countryOf, entriesNamed, formsOf, lookupNames, nameTableStats, sameEntity } from "../../src/lexicon/cldr-names.js";

const ids = (text: string) => lookupNames(text).map((match) => match.entry.id);

describe("CLDR names: countries and adjectives", () => {
  it("knows Germany as Duitsland and German as Duits", () => {
    expect(ids("Germany")).toEqual(["region:DE"]);
    expect(formsOf("region:DE", "nl")).toContain("Duitsland");
    expect(formsOf("language:de", "nl")).toEqual(["Duits"]);
    expect(adjectivesOf("region:DE", "nl")).toEqual(["Duits"]);
    expect(adjectivesOf("region:DE", "en")).toEqual(["German"]);
    expect(
      entriesNamed("German")
        .map((entry) => entry.id)
        .sort(),
    ).toEqual(["language:de", "region:DE"]);
  });

  it("matches inflected Dutch adjectives to their country", () => {
    const [duitse, ...rest] = lookupNames("De Duitse luchtdoelraketten");
    expect(duitse).toMatchObject({ text: "Duitse", start: 3, end: 9, form: "Duits", via: "adjective", capitalized: true, languages: ["nl"] });
    expect(duitse?.entry.id).toBe("region:DE");
    expect(rest.map((match) => match.entry.id)).toEqual(["language:de"]);
    expect(ids("Britse")).toEqual(["region:GB"]);
    expect(ids("Canadese troepen")).toEqual(["region:CA"]);
    expect(ids("Amerikaanse")).toEqual(["region:US"]);
    expect(ids("Oekraïense")).toEqual(["region:UA", "language:uk"]);
  });

  it("derives the adjectives CLDR gives through language variants and currencies", () => {
    expect(adjectivesOf("region:GB", "nl")).toEqual(["Brits"]);
    expect(adjectivesOf("region:GB", "en")).toEqual(["British"]);
    expect(adjectivesOf("region:CA", "nl")).toEqual(["Canadees"]);
    expect(adjectivesOf("region:CA", "en")).toEqual(["Canadian"]);
    expect(adjectivesOf("region:US", "en")).toEqual(["American"]);
    // English is the language of the US by likely subtags, but "American English" says it is not its adjective.
    expect(adjectivesOf("region:US", "nl")).not.toContain("Engels");
  });

  it("matches multiword names, the genitive and English plurals", () => {
    const text = "In het Verenigd Koninkrijk en Duitslands buren; Germany's Germans.";
    expect(lookupNames(text).map((match) => [match.entry.id, match.text, text.slice(match.start, match.end)])).toEqual([
      ["region:GB", "Verenigd Koninkrijk", "Verenigd Koninkrijk"],
      ["region:DE", "Duitslands", "Duitslands"],
      ["region:DE", "Germany's", "Germany's"],
      ["region:DE", "Germans", "Germans"],
    ]);
  });

  it("derives Dutch names of inhabitants from the adjective: Amerikanen, Canadezen, Duitsers", () => {
    const text = "De Amerikanen, de Canadezen en de Duitsers; een Marokkaan.";
    expect(lookupNames(text).map((match) => [match.entry.id, match.text, match.via])).toEqual([
      ["region:US", "Amerikanen", "adjective"],
      ["region:CA", "Canadezen", "adjective"],
      ["region:DE", "Duitsers", "adjective"],
      ["region:MA", "Marokkaan", "adjective"],
    ]);
  });

  it("ignores case and accents but not for short capitalised forms", () => {
    expect(ids("oekraine en verenigd koninkrijk")).toEqual(["region:UA", "region:GB"]);
    expect(ids("tell us more")).toEqual([]);
    expect(ids("the US")).toEqual(["region:US"]);
  });

  it("takes the longest name at a position", () => {
    expect(ids("Mexico-Stad")).toEqual(["city:mxmex"]);
    expect(ids("Zuid-Koreaanse")).toEqual(["region:KR"]);
  });
});

describe("CLDR names: cities, months, weekdays", () => {
  it("maps London to Londen in the United Kingdom", () => {
    expect(ids("London")).toEqual(["city:gblon"]);
    expect(formsOf("city:gblon", "nl")).toEqual(["Londen"]);
    expect(countryOf("city:gblon")?.id).toBe("region:GB");
    expect(sameEntity("London", "Londen")).toBe(true);
  });

  it("knows Kyiv and Kiev as one city", () => {
    expect(sameEntity("Kyiv", "Kiev")).toBe(true);
    expect(ids("kiev")).toEqual(["city:uaiev"]);
    expect(countryOf("city:uaiev")?.forms.nl).toEqual(["Oekraïne"]);
  });

  it("leaves out shortened island names and small towns that would find ordinary words", () => {
    expect(ids("Easter Island")).toEqual(["city:clipc"]);
    expect(ids("at Easter, wake up")).toEqual([]);
    expect(ids("Sint-Petersburg")).toEqual([]);
  });

  it("does not take a city for its country", () => {
    expect(sameEntity("Berlin", "Germany")).toBe(false);
    expect(countryOf("city:deber")?.id).toBe("region:DE");
  });

  it("pairs months and weekdays across the languages", () => {
    expect(sameEntity("juni", "June")).toBe(true);
    expect(sameEntity("maandag", "Monday")).toBe(true);
    expect(sameEntity("Germany", "Duitsland")).toBe(true);
    expect(sameEntity("Duitse", "Germany")).toBe(true);
    expect(ids("maandagavond")).toEqual(["weekday:1"]);
    expect(ids("on Mondays")).toEqual(["weekday:1"]);
  });

  it("relates a language to its main country", () => {
    expect(countryOf("language:de")?.id).toBe("region:DE");
    expect(countryOf("language:en-GB")?.id).toBe("region:GB");
    expect(countryOf("month:6")).toBeUndefined();
  });

  it("builds one table with every kind", () => {
    const { entries } = nameTableStats();
    expect(entries.country).toBeGreaterThan(240);
    expect(entries.city).toBeGreaterThan(300);
    expect(entries.month).toBe(12);
    expect(entries.weekday).toBe(7);
  });
});
