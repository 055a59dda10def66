import { spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./core-fixture.js";

export interface ScriptResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");

/**
 * Runs an entry point of the project, feeding `input` on stdin; bounded in time. By default the
 * TypeScript source runs with tsx; with `built: true` the compiled `dist/` file runs with plain node,
 * exactly as `npm start` / `npm run ask` do.
 */
export function runScript(
  entry: string,
  args: string[],
  options: { env: Record<string, string>; input?: string; timeoutMs?: number; built?: boolean },
): Promise<ScriptResult> {
  const [command, script] = options.built ? [process.execPath, path.join(repoRoot, "dist", entry.replace(/\.ts$/, ".js"))] : [tsx, path.join(repoRoot, entry)];
  return new Promise((resolve, reject) => {
    const child = spawn(command, [script, ...args], {
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
