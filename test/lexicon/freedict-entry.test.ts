import { describe, expect, it } from "vitest";
import { cleanTerm, parseFreedictEntry } from "../../src/lexicon/freedict-entry.js";

describe("FreeDict entries", () => {
  it("reads the headword and the numbered, comma-separated senses", () => {
    expect(parseFreedictEntry("lopen /ˈloːpə/\n1. run\n2. flow, march\n")).toEqual({ headword: "lopen", translations: ["run", "flow", "march"] });
  });

  it("reads an entry without numbers, lower-cases and deduplicates", () => {
    expect(parseFreedictEntry("Duits /dœyts/\nGerman, german\n")).toEqual({ headword: "duits", translations: ["german"] });
  });

  it("cleans terms: ligatures, Unicode hyphens, notes, affixes, fragments, long phrases", () => {
    expect(cleanTerm("krĳg")).toBe("krijg");
    expect(cleanTerm("air‐defence")).toBe("air-defence");
    expect(cleanTerm("hop (plant)")).toBe("hop");
    expect(cleanTerm("hoe gaat het?")).toBe("hoe gaat het");
    expect(cleanTerm("huis‐")).toBeUndefined();
    expect(cleanTerm("feel...")).toBeUndefined();
    expect(cleanTerm("to go for a long walk")).toBeUndefined();
    expect(cleanTerm("  ")).toBeUndefined();
  });

  it("keeps a slash inside a translation and drops an entry without a headword", () => {
    expect(parseFreedictEntry("wisselstroom /ˈʋɪsəlstroːm/\nAC/DC\n")?.translations).toEqual(["ac/dc"]);
    expect(parseFreedictEntry("\nno headword\n")).toBeUndefined();
  });
});
