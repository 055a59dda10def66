import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedbackReportPages } from "../../adapters/shared/feedback-report.js";
import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Answer } from "../../src/port/types.js";
import { readEvalSet } from "../eval/eval-set.js";
import { runScript } from "../helpers/run-script.js";

/** `npm run feedback` on a data folder with votes from both platforms and one line in the old format. */
let dir: string;
let env: Record<string, string>;

function answer(question: string, paragraph: number | undefined, language: "nl" | "en" = "nl"): Answer {
  const citation =
    paragraph === undefined
      ? []
      : [{ passageId: `2022-10-luchtafweer#p${paragraph}`, documentId: "2022-10-luchtafweer", quote: "Q.", sentence: "Q.", paragraph, title: "T", score: 1 }];
  return {
    text:
      paragraph === undefined
        ? "Daar geeft het artikel geen antwoord op, dus ik ga niet gokken."
        : `Volgens het artikel (alinea ${paragraph}): een zin.\nMeer.`,
    abstained: paragraph === undefined,
    language,
    citations: citation,
    corpusVersion: 2,
    mode: "extractive",
    question,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-feedback-cli-"));
  env = { DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent" };
  const store = new FeedbackStore(env.DATA_DIR!);
  const good = store.remember(answer("Welk luchtafweersysteem levert Duitsland?", 3), "telegram");
  const wrong = store.remember(answer("Hoeveel Nasams-batterijen stuurde Washington?", 4), "discord");
  const refused = store.remember(answer("Which air defence system is Germany sending?", undefined, "en"), "telegram");
  await store.record(good, "up", "1");
  for (let press = 0; press < 10; press += 1) await store.record(wrong, "down", "2");
  await store.record(wrong, "down", "3");
  await store.record(refused, "up", "4");
  await store.record(refused, "down", "4");
  // A line written before votes were counted per answer (no answer id, paragraphs or language).
  const legacy = {
    at: "2026-01-02T03:04:05.000Z",
    platform: "discord",
    userHash: "0123456789abcdef",
    rating: "down",
    question: "Wie is de Duitse minister van Defensie?",
    answer: "Volgens het artikel (alinea 3): Christine Lambrecht.",
    passageIds: ["2022-10-luchtafweer#abc"],
    corpusVersion: 1,
    abstained: false,
  };
  await appendFile(store.file, JSON.stringify(legacy) + "\n");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm run feedback", () => {
  it("prints what /feedback shows, without the page breaks", async () => {
    const result = await runScript("adapters/cli/feedback.ts", [], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Feedback: 1 👍 en 4 👎 van 5 gebruikers (één stem per gebruiker per antwoord).");
    expect(result.stdout).toContain("Per corpusversie:\n• v2: 1 👍, 3 👎\n• v1: 0 👍, 1 👎");
    expect(result.stdout).toContain("Laatste 👎 (3):");
    expect(result.stdout).toMatch(
      /1\. “Wie is de Duitse minister van Defensie\?”\nAntwoord: Volgens het artikel \(alinea 3\): Christine Lambrecht\.\nGeciteerd: alinea \? van 2022-10-luchtafweer\n2026-01-02 03:04 UTC · discord · corpus v1 · 👎 1 · 👍 0/,
    );
    expect(result.stdout).toMatch(
      /2\. “Which air defence system is Germany sending\?”\n.*\nGeciteerd: niets \(de bot gaf geen antwoord\)\n.* · telegram · corpus v2 · 👎 1 · 👍 0/,
    );
    expect(result.stdout).toMatch(
      /3\. “Hoeveel Nasams-batterijen stuurde Washington\?”\nAntwoord: Volgens het artikel \(alinea 4\): een zin\.\nGeciteerd: alinea 4 van 2022-10-luchtafweer\n.* · discord · corpus v2 · 👎 2 · 👍 0/,
    );

    // The same blocks as the bots' pages (here cut at Discord's 2000 characters), page numbers left out.
    const summary = await new FeedbackStore(env.DATA_DIR!).summary();
    const pages = feedbackReportPages(summary, "nl", { limit: 2000 }).map((page) => page.replace(/\n\nPagina \d+\/\d+$/, ""));
    expect(result.stdout).toBe(pages.join("\n\n") + "\n");
  });

  it("--lang en prints it in English; a wrong option prints the usage", async () => {
    const english = await runScript("adapters/cli/feedback.ts", ["--lang", "en"], { env });
    expect(english.stdout).toContain("Feedback: 1 👍 and 4 👎 from 5 users");
    const wrong = await runScript("adapters/cli/feedback.ts", ["--limit", "veel"], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("--export FILE");
  });

  it("--export FILE writes the 👎 questions as eval lines readEvalSet accepts", async () => {
    const file = path.join(dir, "out", "klachten.jsonl");
    const result = await runScript("adapters/cli/feedback.ts", ["--export", file], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`3 vragen geschreven naar ${file}`);
    const questions = readEvalSet(file);
    expect(questions).toEqual([
      {
        id: expect.stringMatching(/^fb-/),
        split: "dev",
        language: "nl",
        kind: "words",
        paragraph: null,
        question: "Wie is de Duitse minister van Defensie?",
        keys: [],
      },
      {
        id: expect.stringMatching(/^fb-/),
        split: "dev",
        language: "en",
        kind: "other-words",
        paragraph: null,
        question: "Which air defence system is Germany sending?",
        keys: [],
      },
      {
        id: expect.stringMatching(/^fb-/),
        split: "dev",
        language: "nl",
        kind: "words",
        paragraph: 4,
        question: "Hoeveel Nasams-batterijen stuurde Washington?",
        keys: [],
      },
    ]);
    // Lines in the eval set's own field order, so they can be pasted in as they are.
    expect((await readFile(file, "utf8")).split("\n")[0]).toMatch(/^\{"id":"fb-[0-9a-f]+","split":"dev","language":"nl","kind":"words","paragraph":null,/);
  });

  it("the built script that npm run feedback starts runs too", async () => {
    const result = await runScript("adapters/cli/feedback.ts", [], { env, built: true });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Laatste 👎 (3):");
  });
});
