import { describe, expect, it } from "vitest";
import { splitSentences } from "../../src/text/sentences.js";

describe("splitSentences (Dutch)", () => {
  it("keeps a quotation of two sentences together and leaves the unclosed final quote alone", () => {
    const paragraph =
      "“Productief gesprek met de Amerikaanse president. Luchtafweer is momenteel de eerste prioriteit in onze defensiesamenwerking.” Dat zei Oekraïens president Volodimir Zelenski maandagavond laat in een tweet. Het Witte Huis bevestigde daarop dat Joe Biden de belofte heeft gemaakt. “Inclusief geavanceerde luchtafweersystemen.";
    expect(splitSentences(paragraph)).toEqual([
      "“Productief gesprek met de Amerikaanse president. Luchtafweer is momenteel de eerste prioriteit in onze defensiesamenwerking.”",
      "Dat zei Oekraïens president Volodimir Zelenski maandagavond laat in een tweet.",
      "Het Witte Huis bevestigde daarop dat Joe Biden de belofte heeft gemaakt.",
      "“Inclusief geavanceerde luchtafweersystemen.",
    ]);
  });

  it("does not split inside hyphenated compounds or quoted phrases mid-sentence", () => {
    expect(
      splitSentences(
        "Niet alleen de Amerikanen schieten Kiev te hulp. Duitsland belooft om “binnen enkele dagen” gelijkaardige Iris-T SLM-luchtafweersystemen te leveren.",
      ),
    ).toEqual([
      "Niet alleen de Amerikanen schieten Kiev te hulp.",
      "Duitsland belooft om “binnen enkele dagen” gelijkaardige Iris-T SLM-luchtafweersystemen te leveren.",
    ]);
  });

  it("does not split after Dutch abbreviations", () => {
    expect(splitSentences("Volgens dhr. Jansen en mevr. De Vries kost het 1,5 mln. euro. Dat is veel.")).toEqual([
      "Volgens dhr. Jansen en mevr. De Vries kost het 1,5 mln. euro.",
      "Dat is veel.",
    ]);
    expect(splitSentences("Hij zei o.a. dit. En dat.")).toEqual(["Hij zei o.a. dit.", "En dat."]);
  });

  it("keeps a closing quote followed by an attribution in one sentence", () => {
    expect(splitSentences("“Maar geloof me, dit is niet genoeg”, zei Zelenski er toen bij. Nu lijkt het erop.")).toEqual([
      "“Maar geloof me, dit is niet genoeg”, zei Zelenski er toen bij.",
      "Nu lijkt het erop.",
    ]);
  });

  it("returns verbatim substrings in order", () => {
    const paragraph = "Eerste zin.  Tweede zin?\nDerde zin!";
    const sentences = splitSentences(paragraph);
    expect(sentences).toEqual(["Eerste zin.", "Tweede zin?", "Derde zin!"]);
    let from = 0;
    for (const sentence of sentences) {
      const at = paragraph.indexOf(sentence, from);
      expect(at).toBeGreaterThanOrEqual(from);
      from = at + sentence.length;
    }
  });
});
