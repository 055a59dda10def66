import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOllama, startFakeOpenAi, type FakeLlmServer } from "../fakes/llm-servers.js";
import { measureGenerativeOverhead } from "./overhead.js";

describe("measureGenerativeOverhead", () => {
  let servers: FakeLlmServer[] = [];
  beforeAll(async () => {
    servers = [await startFakeOpenAi(), await startFakeOllama()];
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
  });

  it("subtracts the model time from the ask time", async () => {
    for (const server of servers) {
      const result = await measureGenerativeOverhead({ server, runs: 6, modelDelayMs: 40 });
      expect(result.samples).toHaveLength(6);
      expect(result.generative).toBe(6);
      expect(result.modelP50Ms).toBeGreaterThanOrEqual(40);
      expect(result.p50Ms).toBeGreaterThanOrEqual(0);
      expect(result.p50Ms).toBeLessThan(result.askP50Ms);
    }
  });
});
