import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { createLexicon } from "../../src/lexicon/lexicon.js";
import { createLogger } from "../../src/logging/logger.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { articleText } from "./article-text.js";
import { readEvalSet } from "./eval-set.js";
import { computeMetrics, wordedIn, type EvalRow } from "./metrics.js";
import { evaluate, sharesWordWith, targetGroups } from "./eval-groups.js";

let fixture: CoreFixture;
let core: Core;
let rows: EvalRow[];
beforeAll(async () => {
  fixture = await coreFixture();
  // The offline default: CLDR names and the bundled word list, no installed dictionary.
  core = await fixture.open(undefined, { lexicon: createLexicon({ dictionaryDir: undefined, bundled: true }, createLogger({ level: "warn" })) });
  rows = await evaluate(core, readEvalSet());
});
afterAll(async () => fixture.cleanup());

const shared = sharesWordWith(articleText());
const group = (name: string) => {
  const { select } = targetGroups.find((candidate) => candidate.name === name)!;
  return computeMetrics(rows.filter((row) => select(row.question, shared)));
};

/**
 * Quality gate on our own eval set (both splits) with the offline hashing embedder, the bundled
 * word list and no installed dictionary: a drop below these floors is a regression. The floors are the levels measured when
 * they were last raised; the README lists the project's targets next to the measured figures.
 */
describe("evaluation (offline hashing embedder)", () => {
  it("has the questions the targets are stated for", () => {
    const questions = readEvalSet();
    const count = (language: string, kind: string) => questions.filter((question) => question.language === language && question.kind === kind).length;
    expect(count("nl", "other-words")).toBeGreaterThanOrEqual(40);
    expect(questions.filter((question) => question.language === "en" && question.paragraph !== null).length).toBeGreaterThanOrEqual(25);
    expect(questions.filter((question) => question.language === "en" && question.paragraph !== null && !shared(question)).length).toBeGreaterThanOrEqual(10);
    expect(count("nl", "near-topic") + count("en", "near-topic")).toBeGreaterThanOrEqual(10);
    expect(new Set(questions.map((question) => question.paragraph))).toEqual(new Set([1, 4, 2, 3, null]));
  });

  it("answers Dutch questions in the article's words with the right paragraph and the asked fact", () => {
    const dutch = group("Dutch, article's words");
    expect(dutch.hitAt1).toBeGreaterThanOrEqual(0.94);
    expect(dutch.keyInAnswer).toBeGreaterThanOrEqual(0.92);
    expect(dutch.wronglyAbstained).toBe(0);
  });

  it("finds the right paragraph for Dutch asked in other words", () => {
    // 136 of 152 (key 123) today, after the 2026-12-03 checks (set-aside names, opinions of the
    // person asked); 0.86 / 0.74 the day before, 0.76 / 0.6 before the 2026-12-02 round.
    expect(group("Dutch, other words").hitAt1).toBeGreaterThanOrEqual(0.88);
    expect(group("Dutch, other words").keyInAnswer).toBeGreaterThanOrEqual(0.79);
  });

  it("finds the right paragraph for English questions", () => {
    // 109 of 122 today (107 with the key fact), with the dev probes and the held-out batches of
    // 2026-12-02 and -03 in. Misses are mostly wording the lexicon does not reach ("post his message",
    // "the US hardware", "besides the US … helping Kyiv"); "also ask for help" was answered from the
    // wrong paragraph until "also" was read as asking for more (2026-12-03).
    expect(group("English").hitAt1).toBeGreaterThanOrEqual(0.89);
    expect(group("English").keyInAnswer).toBeGreaterThanOrEqual(0.87);
    // 50 of 57 today.
    expect(group("English, no word shared").hitAt1).toBeGreaterThanOrEqual(0.87);
  });

  it("refuses every off-topic question and near-topic ones the article does not answer", () => {
    expect(group("off-topic").abstentionRecall).toBe(1);
    // 253 of 313 today. The set grew by 291 near-topic questions in 2026-12 (109 dev; 182 test, each
    // written before it was first run — the last 166 in nine held-out batches committed before the
    // rules they measure and run once after them: 114 refused), many of kinds no check here catches
    // (a verb or event the article never uses, how something is done, a category the article has no
    // member of). The gate holds today's level, so a check that stops working fails it.
    expect(group("near-topic").abstentionRecall).toBeGreaterThanOrEqual(0.8);
  });

  it("answers in the language of the question: the reply's own words, the quote left out", () => {
    const wrong = rows.filter((row) => wordedIn(row.answer) !== row.question.language).map((row) => `${row.question.id}: ${row.answer.text.slice(0, 80)}`);
    expect(wrong).toEqual([]);
  });
});
