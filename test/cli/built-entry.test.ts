import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, useCliEnvironment } from "../helpers/core-fixture.js";
import { runScript } from "../helpers/run-script.js";

/**
 * The commands users run (`npm start`, `npm run ask`) execute the compiled JavaScript in `dist/`
 * (built by `npm ci` through `prepare`, and by `npm test` before vitest). These tests run exactly
 * that, so a build problem fails here rather than in a user's hands.
 */
const cli = useCliEnvironment();

describe("the built entry points", () => {
  it("exist (npm ci / npm test build them)", () => {
    expect(existsSync(path.join(repoRoot, "dist/adapters/start.js"))).toBe(true);
    expect(existsSync(path.join(repoRoot, "dist/adapters/cli/ask.js"))).toBe(true);
  });

  it("npm start answers a question on stdin in the console and exits at EOF", async () => {
    const result = await runScript("adapters/start.ts", [], { env: cli.env, built: true, input: "Welk luchtafweersysteem levert Duitsland?\n" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Iris-T");
    expect(result.stdout).toContain("alinea 3");
  });

  it("npm run ask -- --json prints one JSON object citing paragraph 3", async () => {
    const result = await runScript("adapters/cli/ask.ts", ["--json", "Welk luchtafweersysteem levert Duitsland?"], { env: cli.env, built: true });
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.citations[0]).toMatchObject({ paragraph: 3 });
    expect(answer.citations[0].quote).toContain("Iris-T SLM-luchtafweersystemen");
  });
});
