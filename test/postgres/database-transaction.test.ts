import { afterAll, describe, expect, it } from "vitest";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

describe.skipIf(!postgresAvailable)("a transaction whose connection drops", () => {
  const db = useTestDatabase({ migrated: false });
  let proxy: TcpProxy | undefined;
  afterAll(async () => proxy?.close());

  it("rejects with DATABASE_UNAVAILABLE instead of ending the process with an unhandled error event", async () => {
    proxy = await TcpProxy.start(Number(new URL(db.url).port));
    const database = db.open({}, proxy.through(db.url));
    const running = database.transaction(async (client) => client.query("SELECT pg_sleep(2)"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.refuse();
    await expect(running).rejects.toMatchObject({ code: "DATABASE_UNAVAILABLE" });
  });
});
