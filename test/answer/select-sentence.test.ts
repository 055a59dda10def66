import { describe, expect, it } from "vitest";
import { answerKind } from "../../src/answer/answer-kind.js";
import { chosenText, selectSentences } from "../../src/answer/select-sentence.js";
import { splitSentences } from "../../src/text/sentences.js";

const paragraph3 =
  "Niet alleen de Amerikanen schieten Kiev te hulp. Duitsland belooft om “binnen enkele dagen” gelijkaardige Iris-T SLM-luchtafweersystemen te leveren. De Duitse luchtdoelraketten - die naar verluidt een volledige stad kunnen beschermen tegen raketaanvallen - waren al toegezegd in juni, en zouden aanvankelijk tegen het einde van dit jaar geleverd worden.";

describe("sentence selection", () => {
  const sentences = splitSentences(paragraph3);

  it("classifies what kind of fact a question asks for", () => {
    expect(answerKind("Wanneer komt het?")).toBe("time");
    expect(answerKind("Hoeveel batterijen?")).toBe("number");
    expect(answerKind("Wie is de minister?")).toBe("person");
    expect(answerKind("Welke Canadese premier belde hij?")).toBe("person");
    expect(answerKind("Wat levert Duitsland?")).toBe("other");
  });

  it("picks the sentence holding the asked fact", () => {
    const choice = selectSentences("Welk luchtafweersysteem levert Duitsland?", sentences);
    expect(chosenText(paragraph3, sentences, choice)).toContain("Iris-T");
    const when = selectSentences("In welke maand waren de raketten toegezegd?", sentences);
    expect(chosenText(paragraph3, sentences, when)).toContain("juni");
  });

  it("takes two neighbouring sentences only when the second adds question words", () => {
    const text = "Washington leverde twee batterijen Nasams. Het beschermt tegen drones en helikopters.";
    const split = splitSentences(text);
    const choice = selectSentences("Waartegen beschermt het Nasams-systeem?", split);
    expect(choice.count).toBe(2);
    expect(chosenText(text, split, choice)).toBe(text);
    expect(selectSentences("Hoeveel batterijen Nasams leverde Washington?", split).count).toBe(1);
  });
});
