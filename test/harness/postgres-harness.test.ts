import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPostgresBinaries, startOrExplain } from "../helpers/postgres-server.js";

/** The harness that starts PostgreSQL for test/postgres: skipped only without binaries, failed loudly otherwise. */
describe("test PostgreSQL harness", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-fake-pg-"));
    // Readable and runnable by the unprivileged user the server would run as.
    await chmod(dir, 0o755);
    for (const name of ["initdb", "postgres"]) {
      await writeFile(path.join(dir, name), `#!/bin/sh\necho "${name}: simulated failure" >&2\nexit 3\n`);
      await chmod(path.join(dir, name), 0o755);
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("finds server binaries on PATH when pg_config and the usual folders have none", () => {
    expect(findPostgresBinaries({ PATH: `/nonexistent${path.delimiter}${dir}` }, [])).toBe(dir);
    expect(findPostgresBinaries({ PATH: "/nonexistent" }, [])).toBeUndefined();
  });

  it("no binaries at all: the PostgreSQL tests are skipped, with how to get them", async () => {
    const { state, server } = await startOrExplain(() => undefined);
    expect(server).toBeUndefined();
    expect(state).toEqual({ state: "skipped", reason: expect.stringContaining("apt-get install postgresql") as unknown });
  });

  it("binaries that do not work: the PostgreSQL tests fail, with the tool's own words", async () => {
    const { state, server } = await startOrExplain(() => dir);
    expect(server).toBeUndefined();
    expect(state.state).toBe("failed");
    expect(state.state !== "running" && state.reason).toMatch(/initdb failed \(exit 3\) as user \w+:\ninitdb: simulated failure/);
  });
});
