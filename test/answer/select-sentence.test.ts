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

describe("the sentence holds what was asked", () => {
  const paragraph =
    "“Een goed gesprek met de burgemeester. Veiligheid gaat voor.” Dat schreef minister Jan Peters dinsdag op sociale media. Het stadhuis bevestigde daarop dat burgemeester Anna de Vries twee extra agenten beloofde.";
  const sentences = splitSentences(paragraph);
  const chosen = (question: string) => chosenText(paragraph, sentences, selectSentences(question, sentences));

  it("answers 'who' with the sentence that names someone the question does not", () => {
    expect(chosen("Welke burgemeester beloofde extra agenten?")).toContain("Anna de Vries");
  });

  it("answers 'how many' with a sentence holding a number, not the article een", () => {
    expect(chosen("Hoeveel agenten beloofde de burgemeester?")).toContain("twee");
  });

  it("keeps a quotation together with the sentence that names its speaker", () => {
    const quote = chosen("Wat gaat volgens het gesprek voor?");
    expect(quote).toContain("Veiligheid gaat voor.");
    expect(quote).toContain("Dat schreef minister Jan Peters");
    expect(chosen("Wanneer schreef de minister over het gesprek?")).toMatch(/^“Een goed gesprek[\s\S]*dinsdag/);
  });

  it("gives a yes/no question the sentence that decides it", () => {
    const text = "De minister kreeg de brief in maart. “Dit is nog lang niet genoeg”, zei hij erbij.";
    const split = splitSentences(text);
    expect(chosenText(text, split, selectSentences("Vindt de minister de brief genoeg?", split))).toContain("niet genoeg");
  });

  it("adds the sentence before or after when only it holds the asked fact", () => {
    const text = "Begin mei bevestigde de gemeente het voor het eerst. Naar verluidt leverde Philips de lampen aan Utrecht. Ze branden sindsdien dag en nacht.";
    const split = splitSentences(text);
    expect(chosenText(text, split, selectSentences("Wanneer leverde Philips de lampen aan Utrecht?", split))).toBe(
      "Begin mei bevestigde de gemeente het voor het eerst. Naar verluidt leverde Philips de lampen aan Utrecht.",
    );
    // A yes/no question's deciding words are too common to earn a second sentence.
    expect(chosenText(text, split, selectSentences("Leverde Philips de lampen aan Utrecht?", split))).toBe(
      "Naar verluidt leverde Philips de lampen aan Utrecht.",
    );
  });

  it("asked whether someone said something, gives the sentence reporting their words", () => {
    // "toegezegd" (promised) is another verb than "gezegd" (said), however alike they look.
    const text = "De brug over de dijk was al in maart toegezegd. De bouw begint in mei. Volgens Jansen is het plan te duur.";
    const split = splitSentences(text);
    expect(chosenText(text, split, selectSentences("Heeft Jansen iets gezegd over de brug over de dijk?", split))).toBe("Volgens Jansen is het plan te duur.");
  });

  it("a pronoun stands for the people named before it: the sentence with what was asked wins over the one naming them", () => {
    const text =
      "Minister Sigrid Kaag reisde dinsdag naar Brussel. Zij sprak daar met de Belgische premier Alexander De Croo en de Franse president Emmanuel Macron. Ook hen vroeg zij om steun voor het klimaatfonds.";
    const split = splitSentences(text);
    const choice = selectSentences("Wat vroeg Kaag aan De Croo en Macron?", split);
    expect(chosenText(text, split, choice)).toContain("klimaatfonds");
    // Who she spoke with is said where they are named, not in the sentence that only says "hen".
    const spoke = selectSentences("Sprak Kaag ook met Macron?", split);
    expect(chosenText(text, split, spoke)).toMatch(/^Zij sprak daar met/);
  });

  it("asked what someone thought or said of a thing, gives that person's words over the sentences naming the thing", () => {
    const text =
      "In maart bevestigde Jansen dat de gemeente het geld had ontvangen. Naar verluidt gaf de provincie twee miljoen euro voor de nieuwe brug. “Maar dit is bij lange na niet genoeg”, zei Jansen erbij. Ook de bewoners willen meer.";
    const split = splitSentences(text);
    for (const question of ["Wat vond Jansen van de twee miljoen euro voor de brug?", "Wat zei Jansen over het geld van de provincie?"]) {
      expect(chosenText(text, split, selectSentences(question, split)), question).toContain("niet genoeg");
    }
  });

  it("on a tie, the sentence holding the asked fact wins over an earlier one that only matches", () => {
    const text = "Trainer Henk van Dijk vertrekt aan het einde van het seizoen. Dat maakte de club vrijdag bekend. Van Dijk (58) werkte vier jaar bij de club.";
    const split = splitSentences(text);
    expect(chosenText(text, split, selectSentences("Hoe oud is de trainer?", split))).toContain("(58)");
  });
});
