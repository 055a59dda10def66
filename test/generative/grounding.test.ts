import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkGrounding, type SameName } from "../../src/generative/grounding.js";
import { splitSentences } from "../../src/text/sentences.js";

// The real article, split the way citations are: each cited sentence is one of these, verbatim.
const article = readFileSync(path.join(import.meta.dirname, "../../corpus/2022-10-luchtafweer.md"), "utf8").replace(/^---[\s\S]*?---\n/, "");
const sentences = article.split(/\n\s*\n/).flatMap((paragraph) => splitSentences(paragraph.trim()));

/** The article sentence containing `fragment`. */
function sentence(fragment: string): string {
  const found = sentences.find((candidate) => candidate.includes(fragment));
  if (!found) throw new Error(`no article sentence contains "${fragment}"`);
  return found;
}

const nasams = sentence("twee batterijen");
const iris = sentence("Iris-T SLM");
const june = sentence("toegezegd in juni");
const tweet = sentence("maandagavond laat in een tweet");
const priority = sentence("eerste prioriteit");
const september = sentence("Eind september");
const truss = sentence("Liz Truss");

const check = (answer: string, cited: string[], question = "", sameName?: SameName) => checkGrounding(answer, { sentences: cited, question }, { sameName });

describe("checkGrounding on the air-defence article", () => {
  it("refuses an invented number, though the cited sentence is real", () => {
    expect(check("Washington bezorgde Kiev vijf batterijen Nasams.", [nasams], "Welke systemen leverde Washington aan Kiev?")).toEqual({
      grounded: false,
      unsupported: [{ kind: "number", text: "vijf" }],
    });
    expect(check("Washington delivered 5 Nasams batteries to Kiev.", [nasams]).unsupported).toEqual([{ kind: "number", text: "5" }]);
  });

  it("takes names from the question, but not numbers or dates: a false premise is no evidence", () => {
    expect(check("Ja, Washington leverde vijf batterijen.", [nasams], "Klopt het dat Washington vijf batterijen leverde?").unsupported).toEqual([
      { kind: "number", text: "vijf" },
    ]);
    expect(check("Yes, the systems were promised in August.", [june], "Were the systems promised in August?").unsupported).toEqual([
      { kind: "date", text: "August" },
    ]);
  });

  it("compares numbers by value across digits, Dutch and English", () => {
    expect(check("Washington bezorgde Kiev twee batterijen Nasams.", [nasams]).grounded).toBe(true);
    expect(check("Washington bezorgde Kiev 2 batterijen Nasams.", [nasams]).grounded).toBe(true);
    expect(check("Washington reportedly delivered two Nasams batteries to Kiev.", [nasams]).grounded).toBe(true);
  });

  it("refuses an invented name, also at the start of a sentence", () => {
    expect(
      check("Macron beloofde om binnen enkele dagen Iris-T SLM-luchtafweersystemen te leveren.", [iris], "Welk luchtafweersysteem levert Duitsland?")
        .unsupported,
    ).toEqual([{ kind: "name", text: "Macron" }]);
    expect(check("Zelenski sprak maandagavond ook met Boris Johnson.", [truss], "Met wie sprak Zelenski?").unsupported).toEqual([
      { kind: "name", text: "Boris Johnson" },
    ]);
  });

  it("refuses an invented date, and an invented part of a month", () => {
    expect(check("De Duitse luchtdoelraketten waren al in augustus toegezegd.", [june], "Wanneer waren ze toegezegd?").unsupported).toEqual([
      { kind: "date", text: "augustus" },
    ]);
    expect(check("Begin september bevestigde Zelenski dat.", [september]).unsupported).toEqual([{ kind: "date", text: "Begin september" }]);
    expect(check("Zelenski bevestigde het gisteren.", [september]).unsupported).toEqual([{ kind: "date", text: "gisteren" }]);
    expect(check("In 2023 leverde Duitsland Iris-T.", [iris]).unsupported).toEqual([{ kind: "date", text: "2023" }]);
  });

  it("matches months and weekdays across languages, also inside a Dutch compound", () => {
    expect(check("Zelensky tweeted late on Monday evening that air defence is the first priority.", [tweet, priority], "What did Zelensky say?").grounded).toBe(
      true,
    );
    expect(
      check(
        "The German missiles had already been promised in June and were to be delivered by the end of this year.",
        [june],
        "When were the German missiles promised?",
      ).grounded,
    ).toBe(true);
    expect(check("At the end of September Zelenski confirmed that his country had received such systems.", [september]).grounded).toBe(true);
    expect(check("Zelensky tweeted on Tuesday.", [tweet], "What did Zelensky say?").unsupported).toEqual([{ kind: "date", text: "Tuesday" }]);
  });

  it("accepts a faithful Dutch paraphrase", () => {
    expect(check("Volgens het artikel leverde Washington twee Nasams-batterijen aan Kiev.", [nasams]).grounded).toBe(true);
    expect(check("Duitsland levert binnen enkele dagen gelijkaardige Iris-T SLM-systemen.", [iris]).grounded).toBe(true);
    expect(check("De Oekraïense president Zelensky sprak met Liz Truss en Justin Trudeau.", [tweet, truss]).grounded).toBe(true);
  });

  it("accepts a faithful English translation when the question names the country", () => {
    const answer = "Germany promises to deliver similar Iris-T SLM air defence systems within a few days.";
    expect(check(answer, [iris], "Which air defence system is Germany sending?").grounded).toBe(true);
    // Without the question or a lexicon, `Germany` cannot be matched to `Duitsland`: refused, never guessed.
    expect(check(answer, [iris], "Which air defence system?").unsupported).toEqual([{ kind: "name", text: "Germany" }]);
  });

  it("asks sameName about names spelling cannot match, whole and word by word", () => {
    const lexicon: SameName = (a, b) =>
      [
        ["Germany", "Duitsland"],
        ["Kyiv", "Kiev"],
        ["White House", "Witte Huis"],
      ].some(([english, dutch]) => a === english && b === dutch);
    expect(check("Germany promises to deliver Iris-T SLM systems within a few days.", [iris], "", lexicon).grounded).toBe(true);
    expect(check("Washington reportedly delivered two Nasams batteries to Kyiv.", [nasams], "", lexicon).grounded).toBe(true);
    expect(check("Washington reportedly delivered two Nasams batteries to Kyiv.", [nasams]).unsupported).toEqual([{ kind: "name", text: "Kyiv" }]);
    const whiteHouse = sentence("Het Witte Huis bevestigde");
    expect(check("The White House confirmed that Joe Biden promised support.", [whiteHouse], "", lexicon).grounded).toBe(true);
  });

  it("matches names by inflection and near spelling, not by mere resemblance", () => {
    expect(check("Christine Lambrecht sprak van een Oekraïense nood.", [sentence("Christine Lambrecht")]).grounded).toBe(true);
    expect(check("Volodymyr Zelensky tweeted.", [tweet]).grounded).toBe(true);
    expect(check("Christine Albrecht sprak.", [sentence("Christine Lambrecht")]).unsupported).toEqual([{ kind: "name", text: "Christine Albrecht" }]);
    expect(check("Liz Trump sprak.", [truss]).unsupported).toEqual([{ kind: "name", text: "Liz Trump" }]);
  });

  it("ignores titles and sentence openers, checking the name they introduce", () => {
    expect(check("According to the article, Prime Minister Liz Truss also spoke with Zelensky.", [truss], "Did Zelensky speak with Truss?").grounded).toBe(
      true,
    );
    expect(check("Ja. Naar verluidt leverde Washington twee batterijen.", [nasams]).grounded).toBe(true);
  });

  it("accepts a quote that occurs in a cited sentence, however the quote marks are typed", () => {
    expect(check("Duitsland belooft de systemen “binnen enkele dagen” te leveren.", [iris]).grounded).toBe(true);
    expect(check('Germany promises to deliver them "binnen enkele dagen".', [iris], "When will Germany deliver?").grounded).toBe(true);
    expect(check("Zelenski noemde luchtafweer „de eerste prioriteit in onze defensiesamenwerking”.", [priority, tweet]).grounded).toBe(true);
    expect(check("Zelenski zei: “Maar geloof me, dit is … nog niet genoeg”.", [sentence("Maar geloof me")]).grounded).toBe(true);
  });

  it("refuses a quote that is not in the cited sentences, including a translated one", () => {
    expect(check("Duitsland belooft de systemen “met voorrang” te leveren.", [iris]).unsupported).toEqual([{ kind: "quote", text: "met voorrang" }]);
    expect(
      check("Zelensky called air defence “the first priority in our defence cooperation”.", [priority, tweet], "What did Zelensky say?").unsupported,
    ).toEqual([{ kind: "quote", text: "the first priority in our defence cooperation" }]);
    // A quote from the question is not a quote from the article.
    expect(check("Duitsland noemde het “een pak sneller”.", [iris], "Klopt het dat het “een pak sneller” gaat?").unsupported).toEqual([
      { kind: "quote", text: "een pak sneller" },
    ]);
  });

  it("accepts a Dutch quote whose words all occur in the cited sentence", () => {
    expect(check("Duitsland belooft “binnen enkele dagen Iris-T SLM-luchtafweersystemen”.", [iris]).grounded).toBe(true);
  });

  it("reports every unsupported claim once", () => {
    const result = check("Macron leverde in augustus vijf batterijen; Macron deed dat in augustus.", [nasams]);
    expect(result.unsupported).toEqual([
      { kind: "number", text: "vijf" },
      { kind: "date", text: "augustus" },
      { kind: "name", text: "Macron" },
    ]);
  });

  it("needs nothing from an answer without numbers, dates, names or quotes", () => {
    expect(check("Binnen enkele dagen.", [iris])).toEqual({ grounded: true, unsupported: [] });
    expect(check("Within a few days, according to the article.", [iris])).toEqual({ grounded: true, unsupported: [] });
  });
});
