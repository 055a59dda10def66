import { describe, expect, it } from "vitest";
import { cityEntries, exemplarCities, zoneCountry, type Bcp47Zone } from "../../src/lexicon/cldr-cities.js";
import { readCldrZoneData } from "../../src/lexicon/cldr-files.js";
import { regionCodes } from "../../src/lexicon/intl-names.js";
import { capitalForms } from "../../src/lexicon/capitals.js";
import { countryOf, lookupNames } from "../../src/lexicon/cldr-names.js";

const countries = new Set(["GB", "UA", "MF", "IL", "DE", "AQ", "US"]);

describe("zone → country", () => {
  it("reads the country from the id or from _region", () => {
    expect(zoneCountry("gblon", { _alias: "Europe/London Europe/Belfast GB GB-Eire" }, countries)).toBe("GB");
    expect(zoneCountry("gpmsb", { _alias: "America/Marigot", _region: "MF" }, countries)).toBe("MF");
    expect(zoneCountry("jeruslm", { _alias: "Asia/Jerusalem Asia/Tel_Aviv Israel", _region: "IL" }, countries)).toBe("IL");
  });

  it("gives none for deprecated ids and Etc zones", () => {
    expect(zoneCountry("camtr", { _deprecated: true }, countries)).toBeUndefined();
    expect(zoneCountry("gmt", { _alias: "Etc/GMT GMT" }, countries)).toBeUndefined();
    expect(zoneCountry("unk", { _alias: "Etc/Unknown Factory" }, countries)).toBeUndefined();
    expect(zoneCountry("utce01", { _alias: "Etc/GMT-1" }, countries)).toBeUndefined();
  });

  it("holds on the real cldr-bcp47 data, exceptions included", () => {
    const { zones } = readCldrZoneData();
    const all = new Set(regionCodes().countries);
    const country = (id: string) => zoneCountry(id, zones[id] as Bcp47Zone, all);
    const ids = Object.keys(zones).filter((id) => !id.startsWith("_"));
    expect(ids.filter(country).length).toBeGreaterThan(400);
    expect([country("gblon"), country("uaiev"), country("nlams"), country("gazastrp"), country("hebron"), country("jeruslm"), country("ancur")]).toEqual([
      "GB",
      "UA",
      "NL",
      "PS",
      "PS",
      "IL",
      "CW",
    ]);
    expect([country("gmt"), country("utc"), country("unk"), country("est5edt")]).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe("city entries", () => {
  const data = {
    zones: {
      gblon: { _alias: "Europe/London Europe/Belfast GB GB-Eire" },
      uaiev: { _alias: "Europe/Kiev Europe/Kyiv Europe/Zaporozhye", _iana: "Europe/Kyiv" },
      debsngn: { _alias: "Europe/Busingen" },
      aqcas: { _alias: "Antarctica/Casey" },
      usxul: { _alias: "America/North_Dakota/Beulah" },
    },
    exemplar: {
      nl: exemplarCities({
        Europe: { London: { _type: "zone", exemplarCity: "Londen" }, Kiev: { _type: "zone", exemplarCity: "Kiev" } },
        America: { North_Dakota: { Beulah: { _type: "zone", exemplarCity: "Beulah, Noord-Dakota" } } },
      }),
      en: exemplarCities({ Europe: { Kiev: { _type: "zone", exemplarCity: "Kyiv" }, Busingen: { _type: "zone", exemplarCity: "Büsingen" } } }),
    },
  };

  it("names each city in both languages, old IANA spellings included", () => {
    const entries = cityEntries(data, countries, new Set());
    expect(entries.find((entry) => entry.id === "city:gblon")).toEqual({
      id: "city:gblon",
      kind: "city",
      country: "GB",
      forms: { nl: ["Londen"], en: ["London"] },
    });
    expect(entries.find((entry) => entry.id === "city:uaiev")?.forms).toEqual({ nl: ["Kiev"], en: ["Kyiv", "Kiev"] });
    // "Busingen" only repeats CLDR's name without the accent, which matching ignores anyway.
    expect(entries.find((entry) => entry.id === "city:debsngn")?.forms).toEqual({ nl: ["Büsingen"], en: ["Büsingen"] });
  });

  it("leaves out research stations and towns CLDR qualifies with a state", () => {
    const ids = cityEntries(data, countries, new Set()).map((entry) => entry.id);
    expect(ids).not.toContain("city:aqcas");
    expect(ids).not.toContain("city:usxul");
  });

  it("drops a city form that is a country's name", () => {
    const entries = cityEntries(data, countries, new Set(["londen", "london"]));
    expect(entries.map((entry) => entry.id)).not.toContain("city:gblon");
  });
});

describe("capitals CLDR's zone cities lack (countries-list)", () => {
  it("lead to their country, in any case, Washington with or without D.C.", () => {
    const countryFound = (text: string) => lookupNames(text).map((match) => countryOf(match.entry)?.id);
    expect(countryFound("Wat zei Ottawa?")).toEqual(["region:CA"]);
    expect(countryFound("wat beloofde washington")).toEqual(["region:US"]);
    expect(countryFound("What did Washington D.C. say?")).toEqual(["region:US"]);
    expect(countryFound("Canberra")).toEqual(["region:AU"]);
  });

  it("leave out capitals that are short or common words, and those CLDR already knows", () => {
    expect(capitalForms("Male")).toEqual([]);
    expect(capitalForms("The Valley")).toEqual([]);
    expect(capitalForms("Washington D.C.")).toEqual(["Washington D.C.", "Washington DC", "Washington"]);
    // London is a zone city with its Dutch name; it is found once, as that city.
    expect(lookupNames("Londen en London").map((match) => match.entry.id)).toEqual(["city:gblon", "city:gblon"]);
  });
});
