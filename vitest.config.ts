import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Network tests bind loopback ports and native hnswlib is memory-heavy: keep parallelism modest on 2 cores.
    pool: "forks",
    maxWorkers: 2,
    // The load test forces garbage collection before it compares heap sizes.
    execArgv: ["--expose-gc"],
  },
});
