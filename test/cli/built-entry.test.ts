import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreFixture, repoRoot, type CoreFixture } from "../helpers/core-fixture.js";

/**
 * The commands users run (`npm start`, `npm run ask`) execute the compiled JavaScript in `dist/`
 * (built by `npm ci` through `prepare`, and by `npm test` before vitest). These tests run exactly
 * that, so a build problem fails here rather than in a user's hands.
 */
let fixture: CoreFixture;
let env: Record<string, string>;
beforeAll(async () => {
  fixture = await coreFixture();
  env = { DATA_DIR: fixture.dataDir, CORPUS_DIR: fixture.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "info" };
});
afterAll(async () => fixture.cleanup());

function runBuilt(entry: string, args: string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "dist", entry), ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`dist/${entry} did not finish in time\n${stderr}`));
    }, 20_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

describe("the built entry points", () => {
  it("exist (npm ci / npm test build them)", () => {
    expect(existsSync(path.join(repoRoot, "dist/adapters/start.js"))).toBe(true);
    expect(existsSync(path.join(repoRoot, "dist/src/cli/ask.js"))).toBe(true);
  });

  it("npm start answers a question on stdin in the console and exits at EOF", async () => {
    const result = await runBuilt("adapters/start.js", [], "Welk luchtafweersysteem levert Duitsland?\n");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Iris-T");
    expect(result.stdout).toContain("alinea 3");
  });

  it("npm run ask -- --json prints one JSON object citing paragraph 3", async () => {
    const result = await runBuilt("src/cli/ask.js", ["--json", "Welk luchtafweersysteem levert Duitsland?"], "");
    expect(result.code).toBe(0);
    const answer = JSON.parse(result.stdout);
    expect(answer.citations[0]).toMatchObject({ paragraph: 3 });
    expect(answer.citations[0].quote).toContain("Iris-T SLM-luchtafweersystemen");
  });
});
