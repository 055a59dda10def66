import { describe, expect, it } from "vitest";
import { useCliEnvironment } from "../helpers/core-fixture.js";
import { runScript } from "../helpers/run-script.js";

const cli = useCliEnvironment();

describe("npm run ask", () => {
  it("--json prints exactly one JSON object on stdout, logs on stderr", async () => {
    const result = await runScript("adapters/cli/ask.ts", ["--json", "Welk luchtafweersysteem levert Duitsland?"], { env: cli.env });
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer).toMatchObject({ abstained: false, language: "nl" });
    expect(answer.answer).toContain("Iris-T");
    expect(answer.citations[0]).toMatchObject({ paragraph: 3, title: expect.any(String), score: expect.any(Number) });
    expect(answer.citations[0].quote).toContain(answer.citations[0].sentence);
    expect(result.stderr).toContain("embeddings: hashing");
  });

  it("--jsonl answers each stdin line in order in one process", async () => {
    const questions = ["Wie is de Duitse minister van Defensie?", "How do I bake bread?", "   ", "Hoeveel Nasams-batterijen stuurde Washington?"];
    const result = await runScript("adapters/cli/ask.ts", ["--jsonl"], { env: cli.env, input: questions.join("\n") + "\n" });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.question)).toEqual([questions[0], questions[1], questions[3]]);
    expect(lines[0].citations[0].paragraph).toBe(3);
    expect(lines[1]).toMatchObject({ abstained: true, language: "en", citations: [] });
    expect(lines[2].citations[0].paragraph).toBe(2);
  });

  it("reports a question that is too long as a JSON error, not a crash", async () => {
    const result = await runScript("adapters/cli/ask.ts", ["--json", "waarom ".repeat(200)], { env: cli.env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ error: "QUESTION_TOO_LONG", abstained: true });
  });

  it("names the wrong variable when the configuration is invalid", async () => {
    const result = await runScript("adapters/cli/ask.ts", ["--json", "x"], { env: { ...cli.env, EMBEDDINGS_PROVIDER: "magic", HNSW_M: "-3" } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("EMBEDDINGS_PROVIDER");
    expect(result.stderr).toContain("HNSW_M");
    expect(result.stdout).toBe("");
  });
});

describe("npm start without tokens", () => {
  it("answers questions typed on stdin in the console and exits at EOF", async () => {
    const result = await runScript("adapters/start.ts", [], { env: cli.env, input: "Met welke Britse premier sprak Zelenski?\n\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Liz Truss");
    expect(result.stdout).toContain("alinea 4");
    expect(result.stderr).toContain("starting the console chat");
  });
});

describe("npm run ingest", () => {
  it("with the corpus unchanged makes no version and says so", async () => {
    const result = await runScript("adapters/cli/ingest.ts", [], { env: cli.env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Corpus: geen wijzigingen; nog steeds v\d+ \(1 document, 4 passages, \d+ ms\)\nDrempel om te antwoorden: 0\.\d\d, gemeten op 100 vragen buiten het onderwerp \(95 % daarvan scoort onder 0\.\d\d\)\.\n$/,
    );
  });
});
