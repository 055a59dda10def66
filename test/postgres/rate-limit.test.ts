import { RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, describe, expect, it } from "vitest";
import { sharedRateLimiter } from "../../src/shared-state/rate-limit.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: unknown) => (error instanceof RateLimiterRes ? "limited" : `error: ${String(error)}`),
  );

describe.skipIf(!postgresAvailable)("shared rate limit", () => {
  const db = useTestDatabase();
  const proxies: TcpProxy[] = [];
  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
  });

  it("a user's 6th question in the window is refused whichever replica gets it; other users are not affected", async () => {
    const [a, b] = [sharedRateLimiter(db.open(), { points: 5, durationSeconds: 60 }), sharedRateLimiter(db.open(), { points: 5, durationSeconds: 60 })];
    const results: string[] = [];
    for (let question = 0; question < 6; question += 1) results.push(await outcome((question % 2 === 0 ? a : b).consume("telegram:1")));
    expect(results).toEqual(["ok", "ok", "ok", "ok", "ok", "limited"]);
    expect(await outcome(a.consume("telegram:1"))).toBe("limited");
    expect(await outcome(b.consume("telegram:2"))).toBe("ok");
    const stored = await db.admin<{ points: number }>("SELECT points FROM rate_limits WHERE key = 'questions:telegram:1'");
    expect(stored.rows[0]?.points).toBeGreaterThanOrEqual(6);
  });

  it("a database that stops answering costs a question at most the time budget, and this process's own count takes over", async () => {
    const proxy = await TcpProxy.start(Number(new URL(db.url).port));
    proxies.push(proxy);
    const limiter = sharedRateLimiter(db.open({ connectTimeoutMs: 2000 }, proxy.through(db.url)), { points: 2, durationSeconds: 60, timeoutMs: 150 });
    expect(await outcome(limiter.consume("discord:7"))).toBe("ok");
    proxy.blackhole();
    const started = Date.now();
    const results = [await outcome(limiter.consume("discord:7")), await outcome(limiter.consume("discord:7")), await outcome(limiter.consume("discord:7"))];
    const elapsed = Date.now() - started;
    // The local count starts from zero: two more questions pass, the third is refused.
    expect(results).toEqual(["ok", "ok", "limited"]);
    expect(elapsed).toBeLessThan(3 * 150 + 300);
  });
});
