import type { TestProject } from "vitest/node";
import { findPostgresBinaries, serverUser, startTestPostgres, type TestPostgres } from "../helpers/postgres-server.js";

/**
 * What the PostgreSQL tests get (through `inject("postgres")`): the server's URL, or why there is none.
 * `skipped` only when no server binaries exist at all; binaries that fail to start are `failed`, and
 * the tests fail with that reason instead of passing unseen.
 */
export type PostgresForTests = { state: "running"; adminUrl: string } | { state: "skipped"; reason: string } | { state: "failed"; reason: string };

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

async function startOrExplain(): Promise<{ state: PostgresForTests; server?: TestPostgres }> {
  const binDir = findPostgresBinaries();
  if (!binDir) {
    return {
      state: {
        state: "skipped",
        reason:
          "no PostgreSQL server binaries found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH); install them (Debian: apt-get install postgresql) to run these tests",
      },
    };
  }
  const user = serverUser();
  if (!user) return { state: { state: "failed", reason: "running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as" } };
  try {
    const server = await startTestPostgres(binDir, user);
    return { state: { state: "running", adminUrl: server.adminUrl }, server };
  } catch (error) {
    return { state: { state: "failed", reason: `PostgreSQL in ${binDir} did not start: ${error instanceof Error ? error.message : String(error)}` } };
  }
}
