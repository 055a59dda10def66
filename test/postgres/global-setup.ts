import type { TestProject } from "vitest/node";
import { startOrExplain, type PostgresForTests } from "../helpers/postgres-server.js";

export type { PostgresForTests };

declare module "vitest" {
  export interface ProvidedContext {
    postgres: PostgresForTests;
  }
}

/**
 * Starts one PostgreSQL server for the `postgres` test project (vitest runs this only when a test of
 * that project is selected) and prints one line saying whether the PostgreSQL tests run.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { state, server } = await startOrExplain();
  project.provide("postgres", state);
  if (state.state === "running") {
    console.log(`PostgreSQL tests: running against ${server!.version} on 127.0.0.1:${server!.port} (server run as OS user ${server!.osUser})`);
  } else {
    console.log(`PostgreSQL tests: ${state.state.toUpperCase()} — ${state.reason}`);
  }
  // An exit that skips the teardown (a crash) must not leave a server behind.
  const kill = () => server?.kill();
  process.once("exit", kill);
  return async () => {
    process.off("exit", kill);
    await server?.stop();
  };
}
