import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { parseEnv } from "../../src/config/parse-env.js";
import { indexPhases, type IndexPhase, type OnIndexPhase } from "../../src/index/index-phase.js";

/**
 * `NIEUWSBOT_TEST_PAUSE_PHASE` exists only for `test/refresh/crash-safety.test.ts`; it is not an
 * operator setting (and so not in `.env.example`). Unset — always, outside that test — it changes
 * nothing and prints nothing. Set to a phase of `indexPhases`, `npm run ingest` prints
 * `phase <name>` on stderr as it enters each phase, and on entering that one stops there for a
 * minute, so the test can SIGKILL it while it is certainly inside that phase. Any other value is
 * refused at start-up with a `ConfigError` naming the variable.
 */
export const pausePhaseShape = {
  NIEUWSBOT_TEST_PAUSE_PHASE: z.enum(indexPhases, { errorMap: () => ({ message: `expected one of: ${indexPhases.join(", ")}` }) }).optional(),
};

/** How long the process waits inside the paused phase before it carries on. */
export const pauseMs = 60_000;

export interface PauseOptions {
  write?: (line: string) => void;
  wait?: (ms: number) => Promise<unknown>;
}

/** The phase hook `NIEUWSBOT_TEST_PAUSE_PHASE` asks for, or undefined when it is not set. */
export function crashTestPause(env: NodeJS.ProcessEnv, options: PauseOptions = {}): OnIndexPhase | undefined {
  const paused: IndexPhase | undefined = parseEnv(pausePhaseShape, env).NIEUWSBOT_TEST_PAUSE_PHASE;
  if (paused === undefined) return undefined;
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const wait = options.wait ?? sleep;
  return async (phase) => {
    // stderr is synchronous for pipes and files, so the line is out before the pause begins.
    write(`phase ${phase}\n`);
    if (phase === paused) await wait(pauseMs);
  };
}
