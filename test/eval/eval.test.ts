import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/core/nieuwsbot-core.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { readEvalSet } from "./eval-set.js";
import { computeMetrics, type EvalRow } from "./metrics.js";
import { evaluate } from "./run-eval.js";

let fixture: CoreFixture;
let core: Core;
let rows: EvalRow[];
beforeAll(async () => {
  fixture = await coreFixture();
  core = await fixture.open();
  rows = await evaluate(core, readEvalSet());
});
afterAll(async () => fixture.cleanup());

/** Quality gate on our own eval set with the offline embedder: a regression here is a bug. */
describe("evaluation (offline hashing embedder)", () => {
  it("has at least 40 questions covering every paragraph, English and off-topic", () => {
    const questions = readEvalSet();
    expect(questions.length).toBeGreaterThanOrEqual(40);
    expect(new Set(questions.map((question) => question.paragraph))).toEqual(new Set([1, 2, 3, 4, null]));
    expect(questions.some((question) => question.language === "en")).toBe(true);
  });

  it("finds the right paragraph and the asked fact for Dutch questions, abstaining on none", () => {
    const dutch = computeMetrics(rows.filter((row) => row.question.language === "nl" && row.question.paragraph !== null));
    expect(dutch.hitAt1).toBeGreaterThanOrEqual(0.9);
    expect(dutch.keyInAnswer).toBeGreaterThanOrEqual(0.85);
    expect(dutch.wronglyAbstained).toBe(0);
  });

  it("refuses off-topic questions in both languages", () => {
    const offTopic = computeMetrics(rows.filter((row) => row.question.paragraph === null));
    expect(offTopic.abstentionRecall).toBeGreaterThanOrEqual(0.9);
  });

  it("answers in the language of the question", () => {
    expect(computeMetrics(rows).languageCorrect).toBe(1);
  });
});
