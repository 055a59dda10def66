import { spawn } from "node:child_process";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { startTelegram } from "../../../adapters/telegram/start-telegram.js";
import { loadTelegramConfig } from "../../../adapters/telegram/telegram-config.js";
import { FeedbackStore } from "../../../src/feedback/feedback-store.js";
import { createLogger } from "../../../src/logging/logger.js";
import { ConfigError } from "../../../src/port/errors.js";
import { repoRoot, testToken } from "./telegram-harness.js";

/** A loopback server that accepts connections and never answers: a firewalled or wedged Bot API. */
interface BlackHole {
  url: string;
  host: string;
  sockets: Set<Socket>;
  /** Connections ever accepted. */
  accepted: number;
  close(): Promise<void>;
}

async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const hole = { accepted: 0 } as BlackHole;
  const server: Server = createServer((socket) => {
    hole.accepted += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined); // the client hanging up is the point
    socket.resume(); // read (and ignore) the request, so the client's hang-up is seen
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(hole, {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Dependencies for a start-up that must fail before the core is ever used. */
function unusedDeps(logLines: string[]) {
  const unused = () => Promise.reject(new Error("unused"));
  return {
    core: {
      ask: unused,
      status: () => {
        throw new Error("unused");
      },
      fullStatus: unused,
      refresh: unused,
      close: async () => {},
    },
    feedback: new FeedbackStore("/nonexistent"),
    logger: createLogger({ level: "debug", write: (line) => logLines.push(line) }),
    limits: { questionsPerWindow: 5, windowSeconds: 60, maxQuestionLength: 500 },
  };
}

describe("TELEGRAM_STARTUP_TIMEOUT_MS", () => {
  test("defaults to 30 s and refuses values that are not a number of milliseconds", () => {
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: testToken }).startupTimeoutMs).toBe(30_000);
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: testToken, TELEGRAM_STARTUP_TIMEOUT_MS: "5000" }).startupTimeoutMs).toBe(5000);
    for (const wrong of ["soon", "0", "-1"]) {
      let error: unknown;
      try {
        loadTelegramConfig({ TELEGRAM_BOT_TOKEN: testToken, TELEGRAM_STARTUP_TIMEOUT_MS: wrong });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variables).toEqual(["TELEGRAM_STARTUP_TIMEOUT_MS"]);
    }
  });
});

describe("a Bot API that never answers", () => {
  test("start-up says what it waits for, then fails within the bound with a ConfigError naming TELEGRAM_API_ROOT", async () => {
    const hole = await startBlackHole();
    cleanups.push(() => hole.close());
    const logLines: string[] = [];
    const started = Date.now();
    const error = await startTelegram(unusedDeps(logLines), {
      TELEGRAM_BOT_TOKEN: testToken,
      TELEGRAM_API_ROOT: hole.url,
      TELEGRAM_STARTUP_TIMEOUT_MS: "1000",
    }).catch((caught: unknown) => caught);
    const elapsed = Date.now() - started;

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("CONFIG_INVALID");
    expect((error as ConfigError).variables).toContain("TELEGRAM_API_ROOT");
    expect((error as ConfigError).message).toContain(hole.host);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeLessThan(3000);
    expect(hole.accepted).toBeGreaterThanOrEqual(1);
    expect(logLines.filter((line) => line.includes(`waiting for the Telegram Bot API at ${hole.host} …`))).toHaveLength(1);
    const secret = testToken.split(":")[1]!;
    expect([...logLines, (error as Error).message].filter((line) => line.includes(secret))).toEqual([]);
    // The hanging request was abandoned, not left open for grammY's 500-second client time-out.
    await expect.poll(() => hole.sockets.size, { timeout: 2000 }).toBe(0);
  });

  test("`npm start` logs the wait, then exits non-zero within the bound with the error on stderr", async () => {
    const hole = await startBlackHole();
    cleanups.push(() => hole.close());
    const root = await mkdtemp(path.join(tmpdir(), "nieuwsbot-telegram-start-"));
    cleanups.push(() => rm(root, { recursive: true, force: true }));
    await cp(path.join(repoRoot, "corpus"), path.join(root, "corpus"), { recursive: true });
    const timeoutMs = 1500;
    const child = spawn(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "adapters/start.ts"], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        TELEGRAM_BOT_TOKEN: testToken,
        TELEGRAM_API_ROOT: hole.url,
        TELEGRAM_STARTUP_TIMEOUT_MS: String(timeoutMs),
        DATA_DIR: path.join(root, "data"),
        CORPUS_DIR: path.join(root, "corpus"),
        EMBEDDINGS_PROVIDER: "hashing",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    let output = "";
    let waitingSince: number | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (waitingSince === undefined && output.includes("waiting for the Telegram Bot API")) waitingSince = Date.now();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const code = await new Promise<number | null>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`npm start still running after 40 s:\n${output}`)), 40_000);
      child.on("exit", (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode);
      });
    });
    const exitedAfter = Date.now() - (waitingSince ?? Number.NaN);

    expect(code, output).toBe(1);
    expect(output).toContain(`waiting for the Telegram Bot API at ${hole.host} …`);
    expect(output).toContain("TELEGRAM_API_ROOT");
    expect(output).toContain(`did not answer within ${timeoutMs} ms`);
    expect(exitedAfter).toBeGreaterThanOrEqual(timeoutMs - 100);
    expect(exitedAfter).toBeLessThan(timeoutMs + 3000);
    expect(output).not.toContain(testToken.split(":")[1]!);
  }, 60_000);
});
