import { describe, expect, it } from "vitest";
import { answerability } from "../../src/answer/answerable.js";
import { analyzeQuery } from "../../src/retrieval/query.js";
import type { Candidate } from "../../src/retrieval/hybrid-retriever.js";

const texts = [
  "Naar verluidt bezorgde Washington Kiev twee batterijen van het systeem.",
  "Niet alleen de Amerikanen schieten Kiev te hulp; Duitsland belooft luchtafweer.",
  "Hij sprak maandagavond eveneens met de Canadese premier Justin Trudeau over het Oekraïense luchtruim.",
];

function candidates(question: string, relevances: number[]): Candidate[] {
  const query = analyzeQuery(question, "en");
  return texts.map((text, position) => ({
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

  it("does not reach far under the threshold for it, and answers from the best relevant passage instead", () => {
    const found = answerability(candidates(question, [0.3, 0.25, 0.1]), 0.2);
    expect(found.status).toBe("answerable");
    expect(found.status === "answerable" && found.candidates.map((candidate) => candidate.position)).toEqual([0, 1]);
  });

  it("answers from a relevant passage that names everything, and refuses when nothing is relevant", () => {
    expect(answerability(candidates(question, [0.21, 0.1, 0.3]), 0.2)).toMatchObject({ status: "answerable", candidates: [{ position: 2 }] });
    expect(answerability(candidates(question, [0.1, 0.1, 0.1]), 0.2)).toEqual({ status: "off-topic" });
  });
});
