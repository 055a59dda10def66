import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./core-fixture.js";

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");

/** Runs a TypeScript entry point of the project with tsx, feeding `input` on stdin; bounded in time. */
export function runScript(entry: string, args: string[], options: { env: Record<string, string>; input?: string; timeoutMs?: number }): Promise<ScriptResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(repoRoot, entry), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${entry} did not finish within ${options.timeoutMs ?? 20_000} ms\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}
