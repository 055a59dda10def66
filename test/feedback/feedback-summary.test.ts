import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { complaintsToEvalLines } from "../../src/feedback/eval-export.js";
import { parseFeedbackLines, type FeedbackRecord } from "../../src/feedback/feedback-record.js";
import { firstLine, summarizeFeedback } from "../../src/feedback/feedback-summary.js";
import { compactVotes, latestVotes } from "../../src/feedback/feedback-votes.js";
import { readEvalSet } from "../eval/eval-set.js";

/** A vote with sensible defaults: user u1 rates answer t1 (v3, paragraph 3) 👍. */
function vote(overrides: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return {
    at: "2026-11-30T10:00:00.000Z",
    platform: "telegram",
    userHash: "u1",
    rating: "up",
    question: "Welk luchtafweersysteem levert Duitsland?",
    answer: "Volgens het artikel (alinea 3): Duitsland levert Iris-T SLM-luchtafweersystemen.\nTweede regel.",
    passageIds: ["2022-10-luchtafweer#abc123"],
    corpusVersion: 3,
    abstained: false,
    answerId: "t1",
    paragraphs: [3],
    language: "nl",
    ...overrides,
  };
}

describe("one vote per user per answer", () => {
  it("keeps only the last press of each user on each answer, in the order of those presses", () => {
    const presses = [
      vote({ rating: "up" }),
      vote({ userHash: "u2", rating: "down" }),
      vote({ rating: "down" }),
      vote({ answerId: "t2", rating: "up" }),
      vote({ rating: "up" }),
    ];
    expect(latestVotes(presses).map((record) => [record.userHash, record.answerId, record.rating])).toEqual([
      ["u2", "t1", "down"],
      ["u1", "t2", "up"],
      ["u1", "t1", "up"],
    ]);
  });

  it("50 presses by one user are one vote", () => {
    const presses = Array.from({ length: 50 }, (_, index) => vote({ rating: index % 2 === 0 ? "up" : "down" }));
    const summary = summarizeFeedback(presses);
    expect(summary.totals).toEqual({ up: 0, down: 1, voters: 1 });
  });

  it("groups older lines without an answer id by version, question and answer", () => {
    const legacy = (overrides: Partial<FeedbackRecord>) => vote({ answerId: undefined, paragraphs: undefined, language: undefined, ...overrides });
    const votes = latestVotes([legacy({ rating: "up" }), legacy({ rating: "down" }), legacy({ corpusVersion: 2 })]);
    expect(votes.map((record) => [record.corpusVersion, record.rating])).toEqual([
      [3, "down"],
      [2, "up"],
    ]);
  });

  it("compaction keeps the newest votes and drops the oldest", () => {
    const presses = Array.from({ length: 30 }, (_, index) => vote({ answerId: `t${index}`, question: `vraag ${index}` }));
    presses.push(vote({ answerId: "t0", rating: "down", question: "vraag 0" }));
    const kept = compactVotes(presses, 10);
    expect(kept).toHaveLength(10);
    // t0's vote was renewed last, so it survives; t1 … t20 were the oldest.
    expect(kept.map((record) => record.answerId)).toEqual(["t21", "t22", "t23", "t24", "t25", "t26", "t27", "t28", "t29", "t0"]);
  });
});

describe("summarizeFeedback", () => {
  it("counts per corpus version, newest version first", () => {
    const summary = summarizeFeedback([
      vote({ corpusVersion: 2, rating: "down", answerId: "a" }),
      vote({ corpusVersion: 3, rating: "up", answerId: "b" }),
      vote({ corpusVersion: 3, rating: "down", answerId: "c", userHash: "u2" }),
      vote({ corpusVersion: 3, rating: "up", answerId: "c", userHash: "u3" }),
    ]);
    expect(summary.perVersion).toEqual([
      { corpusVersion: 3, up: 2, down: 1 },
      { corpusVersion: 2, up: 0, down: 1 },
    ]);
    expect(summary.totals).toEqual({ up: 2, down: 2, voters: 3 });
  });

  it("lists 👎 answers with question, first line, paragraphs, time and platform, most recently criticised first", () => {
    const summary = summarizeFeedback([
      vote({ answerId: "a", rating: "down", at: "2026-11-30T10:00:00.000Z", question: "Eerste?" }),
      vote({ answerId: "b", rating: "down", at: "2026-11-30T11:00:00.000Z", question: "Tweede?", platform: "discord", paragraphs: [1, 4] }),
      vote({ answerId: "a", rating: "down", userHash: "u2", at: "2026-11-30T12:00:00.000Z", question: "Eerste?" }),
      vote({ answerId: "a", rating: "up", userHash: "u3", question: "Eerste?" }),
    ]);
    expect(summary.complaints.map((complaint) => [complaint.question, complaint.down, complaint.up, complaint.at])).toEqual([
      ["Eerste?", 2, 1, "2026-11-30T12:00:00.000Z"],
      ["Tweede?", 1, 0, "2026-11-30T11:00:00.000Z"],
    ]);
    expect(summary.complaints[1]).toMatchObject({
      answerFirstLine: "Volgens het artikel (alinea 3): Duitsland levert Iris-T SLM-luchtafweersystemen.",
      paragraphs: [1, 4],
      documents: ["2022-10-luchtafweer"],
      platform: "discord",
      corpusVersion: 3,
      language: "nl",
    });
  });

  it("a 👎 changed to 👍 is no complaint any more", () => {
    const summary = summarizeFeedback([vote({ rating: "down" }), vote({ rating: "up" })]);
    expect(summary.complaints).toEqual([]);
    expect(summary.totals).toEqual({ up: 1, down: 0, voters: 1 });
  });

  it("tells the language of older lines from the question", () => {
    const [complaint] = summarizeFeedback([vote({ rating: "down", language: undefined, question: "Which air defence system is Germany sending?" })]).complaints;
    expect(complaint!.language).toBe("en");
  });

  it("firstLine skips blank lines", () => {
    expect(firstLine("\n  Eerste regel  \nTweede")).toBe("Eerste regel");
  });
});

describe("parseFeedbackLines", () => {
  it("reads the lines written before votes were counted per answer, and skips torn or foreign lines", () => {
    const old = JSON.stringify({
      at: "2026-01-01T00:00:00.000Z",
      platform: "discord",
      userHash: "abc",
      rating: "down",
      question: "Q?",
      answer: "A",
      passageIds: [],
      corpusVersion: 1,
      abstained: true,
    });
    const records = parseFeedbackLines(`${old}\n{"at": "2026-01-0\nnot json\n{"hello":1}\n\n${JSON.stringify(vote())}\n`);
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual(JSON.parse(old));
    expect(records[1]).toEqual(vote());
  });
});

describe("complaintsToEvalLines", () => {
  it("writes lines readEvalSet accepts: dev split, cited paragraph, no keys, one per question", async () => {
    const summary = summarizeFeedback([
      vote({ answerId: "a", rating: "down", question: "Welk luchtafweersysteem levert Duitsland?" }),
      vote({ answerId: "b", rating: "down", question: "Which air defence system is Germany sending?", language: "en", paragraphs: [2] }),
      vote({ answerId: "c", rating: "down", question: "Hoeveel raketten?", abstained: true, paragraphs: [], passageIds: [] }),
      vote({ answerId: "d", rating: "down", userHash: "u9", question: "welk  luchtafweersysteem levert Duitsland?" }),
    ]);
    const lines = complaintsToEvalLines(summary.complaints);
    expect(lines).toEqual([
      {
        id: expect.stringMatching(/^fb-[0-9a-f]{10}$/),
        split: "dev",
        language: "nl",
        kind: "words",
        paragraph: 3,
        question: "welk  luchtafweersysteem levert Duitsland?",
        keys: [],
      },
      { id: expect.stringMatching(/^fb-/), split: "dev", language: "nl", kind: "other-words", paragraph: null, question: "Hoeveel raketten?", keys: [] },
      {
        id: expect.stringMatching(/^fb-/),
        split: "dev",
        language: "en",
        kind: "other-words",
        paragraph: 2,
        question: "Which air defence system is Germany sending?",
        keys: [],
      },
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-eval-export-"));
    try {
      const file = path.join(dir, "export.jsonl");
      await writeFile(file, lines.map((line) => JSON.stringify(line)).join("\n") + "\n");
      expect(readEvalSet(file)).toEqual(lines);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("gives a question the same id in every export", () => {
    const complaint = summarizeFeedback([vote({ rating: "down" })]).complaints;
    expect(complaintsToEvalLines(complaint)[0]!.id).toBe(complaintsToEvalLines(complaint)[0]!.id);
  });
});
