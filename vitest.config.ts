import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Network tests bind loopback ports and native hnswlib is memory-heavy: keep parallelism modest on 2 cores.
    pool: "forks",
    maxWorkers: 2,
    // The load test forces garbage collection before it compares heap sizes.
    execArgv: ["--expose-gc"],
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/postgres/**"] } },
      {
        // Tests against a real PostgreSQL server, which the global setup starts only when one of them is selected.
        extends: true,
        test: { name: "postgres", include: ["test/postgres/**/*.test.ts"], globalSetup: ["test/postgres/global-setup.ts"] },
      },
    ],
  },
});
