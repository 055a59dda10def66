import { describe, expect, it } from "vitest";
import { currencyAdjectives, variantAdjective } from "../../src/lexicon/demonyms.js";

const words = (...list: string[]) => new Set(list);

describe("adjectives from currency names", () => {
  it("takes the word before the currency", () => {
    expect(currencyAdjectives("Canadese dollar", "Canadian Dollar", words("canada"), words("canada"))).toEqual({ nl: "Canadees", en: "Canadian" });
    expect(currencyAdjectives("Britse pond", "British Pound", words("verenigd", "koninkrijk"), words("united", "kingdom"))).toEqual({
      nl: "Brits",
      en: "British",
    });
    expect(currencyAdjectives("Duitse mark", "German Mark", words("duitsland"), words("germany"))).toEqual({ nl: "Duits", en: "German" });
  });

  it("uses the Dutch noun's length to find the English adjective", () => {
    expect(currencyAdjectives("Israëlische nieuwe shekel", "Israeli New Shekel", words("israel"), words("israel"))).toEqual({
      nl: "Israëlisch",
      en: "Israeli",
    });
  });

  it("extends only over words of the country's own name", () => {
    expect(currencyAdjectives("Sri Lankaanse roepie", "Sri Lankan Rupee", words("sri", "lanka"), words("sri", "lanka"))).toEqual({
      nl: "Sri Lankaans",
      en: "Sri Lankan",
    });
    expect(currencyAdjectives("Nieuwe Taiwanese dollar", "New Taiwan Dollar", words("taiwan"), words("taiwan")).nl).toBe("Taiwanees");
  });

  it("finds nothing in a name without an adjective", () => {
    expect(currencyAdjectives("Bermuda-dollar", "Bermuda Dollar", words("bermuda"), words("bermuda"))).toEqual({});
    expect(currencyAdjectives("Euro", "Euro", words(), words())).toEqual({});
  });
});

describe("adjectives from regional language names", () => {
  it("strips the language name", () => {
    expect(variantAdjective("British English", "English", "en")).toBe("British");
    expect(variantAdjective("Swiss High German", "German", "en")).toBe("Swiss");
    expect(variantAdjective("Canadees Frans", "Frans", "nl")).toBe("Canadees");
  });

  it("refuses a first word that is not an adjective", () => {
    expect(variantAdjective("Congo Swahili", "Swahili", "en")).toBeUndefined();
    expect(variantAdjective("Flemish", "Dutch", "en")).toBeUndefined();
  });
});
