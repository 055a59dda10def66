import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLexicon, namesOnly } from "../../src/lexicon/lexicon.js";
import { silentLogger } from "../../src/logging/logger.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";

/**
 * English questions that share no word with the article, through the real core on the shipped
 * article: the bundled word list is what finds their paragraph (not eval questions).
 */
const questions = [
  { question: "Who confirmed the promise?", paragraph: 1, quoted: "bevestigde" },
  { question: "Did the hospitals get enough protection?", paragraph: 2, quoted: "genoeg" },
  { question: "Which weapons will Berlin deliver?", paragraph: 3, quoted: "leveren" },
];

let withList: CoreFixture;
let withoutList: CoreFixture;
beforeAll(async () => {
  [withList, withoutList] = await Promise.all([coreFixture(), coreFixture()]);
});
afterAll(async () => Promise.all([withList.cleanup(), withoutList.cleanup()]));

describe("the bundled word list in answers", () => {
  it("finds the paragraph of English questions in other words and quotes the sentence that answers", async () => {
    const core = await withList.open(undefined, { lexicon: createLexicon({ dictionaryDir: undefined, bundled: true }, silentLogger) });
    for (const { question, paragraph, quoted } of questions) {
      const answer = await core.ask(question, { platform: "test" });
      expect(answer.abstained, question).toBe(false);
      expect(answer.citations[0]?.paragraph, question).toBe(paragraph);
      expect(answer.citations[0]?.sentence, question).toContain(quoted);
    }
    expect(core.status().calibration.lexicon).toBe("cldr+bundled");
  });

  it("is what makes the difference: with CLDR names only the same questions are refused", async () => {
    const core = await withoutList.open(undefined, { lexicon: namesOnly });
    for (const { question } of questions) expect((await core.ask(question, { platform: "test" })).abstained, question).toBe(true);
  });
});
