import { describe, expect, it } from "vitest";
import { asksOverview, overviewAnswer } from "../../src/answer/overview.js";
import type { Passage } from "../../src/port/types.js";

const passage = (documentId: string, paragraph: number, text: string, title: string, published?: string): Passage => ({
  id: `${documentId}#${paragraph}`,
  documentId,
  paragraph,
  text,
  title,
  published,
});

const bridge = [
  passage("brug", 2, "De bouw begon in 2021. Er werkten tweehonderd mensen aan.", "Nieuwe brug over de Waal open", "2024-03"),
  passage(
    "brug",
    1,
    "“Eindelijk!” Dat riep de burgemeester. De nieuwe brug over de Waal gaat dinsdag open voor fietsers.",
    "Nieuwe brug over de Waal open",
    "2024-03",
  ),
];
const ferry = [passage("veer", 1, "Het pontveer bij Kampen stopt. De gemeente zoekt een vervanger.", "Pontveer Kampen stopt", "2023-11")];

describe("questions about the article as a whole", () => {
  it("are recognised in Dutch and English, casual or not", () => {
    for (const question of [
      "Waar gaat het artikel over?",
      "waar gaat dit over",
      "Waarover gaat het stuk?",
      "Vat het artikel samen",
      "kun je het kort samenvatten",
      "samenvatting",
      "Wat is het nieuws?",
    ]) {
      expect(asksOverview(question), question).toBe("nl");
    }
    for (const question of ["What is the article about?", "what's this about", "Summarize the article please", "tl;dr", "Give me a short summary"]) {
      expect(asksOverview(question), question).toBe("en");
    }
  });

  it("a question about something in the article is not one", () => {
    for (const question of [
      "Waar gaat het artikel over Nasams?",
      "Wat zegt het artikel over de brug?",
      "What is the bridge about?",
      "Wanneer gaat de brug open?",
      "samenvatting van de toespraak van de burgemeester",
    ]) {
      expect(asksOverview(question), question).toBeUndefined();
    }
  });

  it("is answered with the newest document's opening paragraph, the sentence closest to its title cited verbatim", () => {
    const answer = overviewAnswer({ question: "Waar gaat het over?", language: "nl", passages: [...ferry, ...bridge], corpusVersion: 3 })!;
    expect(answer.abstained).toBe(false);
    expect(answer.corpusVersion).toBe(3);
    const [citation] = answer.citations;
    expect(citation).toMatchObject({ documentId: "brug", paragraph: 1, title: "Nieuwe brug over de Waal open" });
    expect(citation!.sentence).toBe("De nieuwe brug over de Waal gaat dinsdag open voor fietsers.");
    expect(citation!.quote).toContain(citation!.sentence);
    expect(answer.text).toContain("“Pontveer Kampen stopt”");
    expect(answer.text.endsWith(citation!.sentence)).toBe(true);
  });

  it("names a single article once, in the question's language", () => {
    const answer = overviewAnswer({ question: "What is this article about?", language: "nl", passages: ferry, corpusVersion: 1 })!;
    expect(answer.language).toBe("en");
    expect(answer.text).toBe("The article “Pontveer Kampen stopt” in short (paragraph 1, quoted in Dutch): Het pontveer bij Kampen stopt.");
    expect(overviewAnswer({ question: "Wanneer stopt het veer?", language: "nl", passages: ferry, corpusVersion: 1 })).toBeUndefined();
  });
});
