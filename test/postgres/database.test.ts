import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { SharedStateError } from "../../src/port/errors.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

describe.skipIf(!postgresAvailable)("shared database connection", () => {
  const db = useTestDatabase();
  const proxies: TcpProxy[] = [];
  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  });

  it("an outage is one log line when it starts and one when it ends, however many queries fail; the password is in neither", async () => {
    const proxy = await TcpProxy.start(Number(new URL(db.url).port));
    proxies.push(proxy);
    const lines: string[] = [];
    const database = db.open({ logger: createLogger({ write: (line) => lines.push(line) }), connectTimeoutMs: 1000 }, proxy.through(db.url));
    expect((await database.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
    proxy.refuse();
    const failures = await Promise.all(Array.from({ length: 8 }, () => database.query("SELECT 1").catch((error: unknown) => error)));
    expect(failures.every((error) => error instanceof SharedStateError && error.code === "DATABASE_UNAVAILABLE")).toBe(true);
    expect((failures[0] as SharedStateError).message).toMatch(/^The shared database postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/test_\w+ cannot be reached: /);
    proxy.forward();
    await database.query("SELECT 1");
    await database.query("SELECT 1");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/WARN shared database postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/test_\w+ unreachable: /);
    expect(lines[1]).toMatch(/INFO shared database .* reachable again/);
    expect(lines.join("\n")).not.toContain(new URL(db.url).password);
  });

  it("a wrong statement stays the driver's error, and a failed transaction changes nothing", async () => {
    const database = db.open();
    const error = await database.query("SELEC 1").catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(SharedStateError);
    expect((error as { code?: string }).code).toBe("42601");
    await database.query("CREATE TABLE scratch (n integer)");
    await expect(
      database.transaction(async (client) => {
        await client.query("INSERT INTO scratch VALUES (1)");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect((await database.query("SELECT * FROM scratch")).rowCount).toBe(0);
  });
});
