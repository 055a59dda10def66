import { describe, expect, it } from "vitest";
import { crashTestPause, pauseMs } from "../../adapters/cli/crash-test-pause.js";
import { indexPhases } from "../../src/index/index-phase.js";
import { ConfigError } from "../../src/port/errors.js";

describe("NIEUWSBOT_TEST_PAUSE_PHASE (only for the crash-safety test)", () => {
  it("unset or empty: no hook, so ingest announces nothing and never pauses", () => {
    expect(crashTestPause({})).toBeUndefined();
    expect(crashTestPause({ NIEUWSBOT_TEST_PAUSE_PHASE: " " })).toBeUndefined();
  });

  it("set: announces every phase as a `phase <name>` line and waits only inside the named one", async () => {
    const lines: string[] = [];
    const waits: number[] = [];
    const hook = crashTestPause({ NIEUWSBOT_TEST_PAUSE_PHASE: "renaming" }, { write: (line) => lines.push(line), wait: async (ms) => waits.push(ms) })!;
    for (const phase of indexPhases) await hook(phase);
    expect(lines).toEqual(indexPhases.map((phase) => `phase ${phase}\n`));
    expect(waits).toEqual([pauseMs]);
  });

  it("refuses a phase that does not exist, naming the variable", () => {
    let error: unknown;
    try {
      crashTestPause({ NIEUWSBOT_TEST_PAUSE_PHASE: "writing" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables).toEqual(["NIEUWSBOT_TEST_PAUSE_PHASE"]);
    expect((error as ConfigError).message).toContain("writing-vectors");
  });
});
