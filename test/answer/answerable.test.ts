import { describe, expect, it } from "vitest";
import { answerability } from "../../src/answer/answerable.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import type { Candidate } from "../../src/retrieval/hybrid-retriever.js";

const texts = [
  "Naar verluidt bezorgde Washington Kiev twee batterijen van het systeem.",
  "Niet alleen de Amerikanen schieten Kiev te hulp; Duitsland belooft luchtafweer.",
  "Hij sprak maandagavond eveneens met de Canadese premier Justin Trudeau over het Oekraïense luchtruim.",
];

function candidates(question: string, relevances: number[], passages = texts, language: "nl" | "en" = "en"): Candidate[] {
  const query = analyzeQuery(question, language);
  return passages.map((text, position) => ({
    passage: { id: `d#${position}`, documentId: "d", paragraph: position + 1, text, title: "t" },
    query,
    position,
    similarity: undefined,
    bm25: undefined,
    fused: 1,
    coverage: relevances[position]!,
    relevance: relevances[position]!,
  }));
}

describe("answerability", () => {
  const question = "Did Kyiv's leader also reach out to Ottawa?";

  it("cites a passage just under the threshold when it alone names what the question is about", () => {
    const found = answerability(candidates(question, [0.21, 0.21, 0.19]), 0.2);
    expect(found).toMatchObject({ status: "answerable", candidates: [{ position: 2 }] });
  });

  it("does not reach far under the threshold for it: the article names it only in another connection", () => {
    const found = answerability(candidates(question, [0.3, 0.25, 0.1]), 0.2);
    expect(found).toMatchObject({ status: "unsaid", unsaid: { kind: "context", text: "Ottawa" }, nearest: { position: 0 } });
  });

  it("answers from a relevant passage that names everything, and refuses when nothing is relevant", () => {
    expect(answerability(candidates(question, [0.21, 0.1, 0.3]), 0.2)).toMatchObject({ status: "answerable", candidates: [{ position: 2 }] });
    expect(answerability(candidates(question, [0.1, 0.1, 0.1]), 0.2)).toEqual({ status: "off-topic" });
  });
});

describe("a question asking who or what else", () => {
  const told = [
    "Oekraïens president Zelenski sprak maandagavond met de Amerikaanse president Joe Biden.",
    "Zelenski was niet tevreden. Hij sprak eveneens met de Britse premier Liz Truss.",
    "De Duitse minister Anna Berg belooft luchtafweer.",
  ];
  const ranked = (question: string, relevances: number[]): number[] => {
    const found = answerability(candidates(question, relevances, told, "nl"), 0.2);
    return found.status === "answerable" ? found.candidates.map((candidate) => candidate.position) : [];
  };

  it("is answered where the article adds to what it told first, when that passage is nearly as relevant", () => {
    expect(ranked("Met wie sprak Zelenski nog meer?", [0.8, 0.5, 0.1])[0]).toBe(1);
    expect(ranked("Met welke andere leiders sprak Zelenski?", [0.8, 0.5, 0.1])[0]).toBe(1);
    // The sentence that adds says "Hij"; the one before it names him.
    expect(ranked("Wie belde Zelenski nog meer?", [0.8, 0.5, 0.1])[0]).toBe(1);
    // "ook" / "also" in an open question asks for more too.
    expect(ranked("Met wie sprak Zelenski ook?", [0.8, 0.5, 0.1])[0]).toBe(1);
    expect(ranked("Who did Zelensky also talk to?", [0.8, 0.5, 0.1])[0]).toBe(1);
    // Not asked for more, or the adding passage far less relevant: the best passage stays first.
    expect(ranked("Met wie sprak Zelenski?", [0.8, 0.5, 0.1])[0]).toBe(0);
    expect(ranked("Met wie sprak Zelenski nog meer?", [0.8, 0.4, 0.1])[0]).toBe(0);
  });
});
