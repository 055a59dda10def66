import { describe, expect, it } from "vitest";
import { dictionaryFrom, loadBilingualDictionary } from "../../src/lexicon/bilingual-dictionary.js";
import { parseLexiconTsv } from "../../src/lexicon/bundled-lexicon.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import { matchStrength, textTerms, type QueryTerm } from "../../src/retrieval/term-match.js";
import { DUTCH_ENGLISH, ENGLISH_DUTCH, tempFolder, writeDictd } from "../lexicon/dictd-fixture.js";

const forms = (term: QueryTerm | undefined) => (term?.alternatives ?? []).map((form) => `${form.words.map((word) => word.word).join(" ")}@${form.weight}`);
const term = (question: string, word: string, language: "nl" | "en" = "nl") => analyzeQuery(question, language).terms.find((found) => found.word === word);

describe("questions in other words", () => {
  it("gives a country its names in both languages and its adjectives, inflected Dutch ones too", () => {
    const germany = term("Which air defence system is Germany sending?", "germany", "en");
    expect(forms(germany)).toEqual(expect.arrayContaining(["duitsland@1", "duits@0.9", "german@0.9"]));
    expect(matchStrength(germany!, textTerms("De Duitse raketten kwamen aan."))).toBeCloseTo(0.9);
  });

  it("lets a city stand for its country (Berlijn levert …), weaker than the country's own name", () => {
    const berlin = forms(term("Wat stuurt Berlijn?", "berlijn"));
    expect(berlin).toEqual(expect.arrayContaining(["berlin@1", "duitsland@0.7"]));
  });

  it("lets a country's capital speak for it, also for a country spanning many zones (Amerikaanse → Washington)", () => {
    const american = term("Hoe lang wachtten ze op de Amerikaanse wapens?", "amerikaanse");
    expect(forms(american)).toEqual(expect.arrayContaining(["washington@0.7"]));
    expect(matchStrength(american!, textTerms("Naar verluidt bezorgde Washington Kiev twee batterijen."))).toBeCloseTo(0.7);
    expect(forms(term("Wat beloofde Canada?", "canada"))).toEqual(expect.arrayContaining(["ottawa@0.7"]));
  });

  it("keeps a name of several words together as one term", () => {
    const { terms } = analyzeQuery("Helpen de Verenigde Staten Oekraïne?", "nl");
    expect(terms.map((found) => found.word)).toEqual(expect.arrayContaining(["verenigde staten", "oekraine", "helpen"]));
    expect(terms.some((found) => found.word === "staten")).toBe(false);
  });

  it("lets a Dutch diminutive stand for its base word, as an article would write it", () => {
    const message = term("Wie stuurde dat telefoontje?", "telefoontje");
    expect(forms(message)).toContain("telefoon@0.9");
    expect(matchStrength(message!, textTerms("Het telefoongesprek duurde een uur."))).toBeCloseTo(0.9 * 0.85);
    // A dictionary keeps only the bases it knows.
    const lexicon = { id: "test", dictionary: dictionaryFrom([[{ name: "test", from: "en", pairs: parseLexiconTsv("telephone\ttelefoon\n") }]]) };
    const known = analyzeQuery("Wie stuurde dat telefoontje?", "nl", lexicon).terms.find((found) => found.word === "telefoontje");
    expect(forms(known).filter((form) => form.endsWith("@0.9"))).toEqual(["telefoon@0.9"]);
  });

  it("lets an English word's Dutch diminutive translation stand for its base word too (call → telefoontje → telefoon)", () => {
    const lexicon = {
      id: "test",
      dictionary: dictionaryFrom([[{ name: "test", from: "en", pairs: parseLexiconTsv("call\ttelefoontje\ntelephone\ttelefoon\n") }]]),
    };
    const call = analyzeQuery("Who made the call?", "en", lexicon).terms.find((found) => found.word === "call");
    expect(forms(call)).toEqual(expect.arrayContaining(["telefoontje@0.85", `telefoon@${0.85 * 0.9}`]));
    expect(matchStrength(call!, textTerms("Het telefoongesprek duurde een uur."))).toBeGreaterThan(0.6);
  });

  it("guesses the Dutch spelling of English cognates", () => {
    const priority = term("What is the first priority?", "priority", "en");
    expect(matchStrength(priority!, textTerms("Luchtafweer is de eerste prioriteit."))).toBeCloseTo(0.75);
  });

  it("adds translations of English words and synonyms of Dutch ones from the optional dictionary", () => {
    const folder = tempFolder();
    writeDictd(folder, "freedict-nld-eng", DUTCH_ENGLISH);
    writeDictd(folder, "freedict-eng-nld", ENGLISH_DUTCH);
    const lexicon = { id: "cldr+freedict", dictionary: loadBilingualDictionary({ folder })! };
    const weapons = analyzeQuery("Which weapons arrived?", "en", lexicon).terms.find((found) => found.word === "weapons");
    expect(forms(weapons)).toContain("wapen@0.85");
    expect(matchStrength(weapons!, textTerms("De wapens kwamen aan."))).toBeCloseTo(0.85);
    const attack = analyzeQuery("Wanneer begon de aanval?", "nl", lexicon).terms.find((found) => found.word === "aanval");
    expect(forms(attack)).toContain("offensief@0.6");
  });

  it("translates an English expression as a whole: its words get its translations instead of their own", () => {
    const lexicon = {
      id: "test",
      dictionary: dictionaryFrom([
        [{ name: "test", from: "en", pairs: parseLexiconTsv("prime\teerste, voornaamste\nminister\tminister\nprime minister\tpremier\ncall\tbellen\n") }],
      ]),
    };
    const query = analyzeQuery("Which prime minister did he call?", "en", lexicon);
    const by = (word: string) => query.terms.find((found) => found.word === word);
    expect(forms(by("prime"))).toContain("premier@0.85");
    expect(forms(by("prime"))).not.toContain("eerste@0.85");
    expect(forms(by("minister"))).toContain("premier@0.85");
    expect(forms(by("call"))).toContain("bellen@0.85");
    expect(matchStrength(by("prime")!, textTerms("Hij sprak met de Britse premier."))).toBeCloseTo(0.85);
    // Without the expression, `prime` alone is eerste.
    expect(forms(analyzeQuery("Is this the prime reason?", "en", lexicon).terms.find((found) => found.word === "prime"))).toContain("eerste@0.85");
  });

  it("searches vectors with the question followed by the other forms of its names", () => {
    expect(analyzeQuery("Wat stuurt Berlijn?", "nl").vectorText).toMatch(/^Wat stuurt Berlijn\? .*berlin/);
  });
});

describe("what a question sets aside", () => {
  it("marks the word after 'behalve', 'besides', 'other than' (past an article), in either language and case", () => {
    const marked = (question: string, language: "nl" | "en") =>
      analyzeQuery(question, language)
        .terms.filter((found) => found.setAside)
        .map((found) => found.word);
    expect(marked("Met wie sprak Zelenski behalve Biden?", "nl")).toEqual(["biden"]);
    expect(marked("met wie sprak zelenski behalve biden", "nl")).toEqual(["biden"]);
    expect(marked("Besides Biden, who did Zelensky talk to?", "en")).toEqual(["biden"]);
    // Past a preposition too: "behalve met Biden".
    expect(marked("Met wie sprak Zelenski behalve met Biden?", "nl")).toEqual(["biden"]);
    expect(marked("Met wie sprak Zelenski na Biden?", "nl")).toEqual([]);
  });
});

describe("a common word and a name the stemmer runs together", () => {
  it("'baas' is not the first name 'Bas', though both stem to 'bas'; an inflected name still matches", () => {
    const text = textTerms("Daarna sprak wethouder Bas de Groot met de Amerikanen.");
    expect(matchStrength({ word: "baas", stem: "bas" }, text)).toBe(0);
    expect(matchStrength({ word: "bas", stem: "bas" }, text)).toBe(1);
    expect(matchStrength({ word: "amerikanen", stem: "amerikan" }, text)).toBe(1);
    // A common word the text writes in lower case still matches by its stem.
    expect(matchStrength({ word: "baas", stem: "bas" }, textTerms("Daarna sprak de baas van de Groot."))).toBe(1);
  });
});
