import pg from "pg";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import { SharedStateError } from "../port/errors.js";
import { CircuitBreaker } from "../util/circuit-breaker.js";
import { redactUrlCredentials } from "../util/url-credentials.js";

export interface SharedDatabaseOptions {
  /** Give up connecting after this long (ms): a host that does not answer must not hold a caller. Default 5000. */
  connectTimeoutMs?: number;
  /** Give up waiting for one query's answer after this long (ms), on the client side. Default 15,000. */
  queryTimeoutMs?: number;
  /** Connections this process keeps open at most. Default 5: per-question work is one small query. */
  maxConnections?: number;
  /** Shown in `pg_stat_activity`, so an operator sees which host a session belongs to. */
  applicationName?: string;
  /**
   * How long the per-question stores skip the database after a call of theirs found it unavailable
   * or over its time budget (ms), before one call probes it again. Default 5000; 0 never skips.
   */
  breakerCooldownMs?: number;
  logger?: Logger;
}

/**
 * The shared PostgreSQL database of shared mode (`DATABASE_URL`): a small connection pool for short
 * queries, and dedicated sessions for what lives as long as a connection (advisory locks, LISTEN).
 * Connection failures come out as `SharedStateError` `DATABASE_UNAVAILABLE`, and are logged once when
 * the database goes and once when it returns, however many queries fail in between.
 */
export class SharedDatabase {
  readonly pool: pg.Pool;
  /** `DATABASE_URL` without its password, for log lines and error messages. */
  readonly description: string;
  /**
   * Shared by the per-question stores of this process (rate limit, conversation turns, the answers
   * behind buttons, votes): once one of their calls finds the database unavailable or over its
   * budget, they use their fallbacks at once for a cool-down instead of each waiting out a budget
   * on every question. Refresh, the version listener and outbox retries do not consult it.
   */
  readonly breaker: CircuitBreaker;
  private readonly logger: Logger;
  private available = true;

  constructor(
    private readonly url: string,
    private readonly options: SharedDatabaseOptions = {},
  ) {
    this.description = redactUrlCredentials(url);
    this.logger = options.logger ?? silentLogger;
    this.breaker = new CircuitBreaker(options.breakerCooldownMs ?? 5000);
    this.pool = new pg.Pool({ ...this.clientConfig(), max: options.maxConnections ?? 5, idleTimeoutMillis: 30_000 });
    // An idle pooled connection that breaks emits here; unhandled, it would end the process.
    this.pool.on("error", (error) => this.markUnavailable(error));
  }

  /** One query on a pooled connection. */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      const result = await this.pool.query<R>(text, values);
      this.markAvailable();
      return result;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Runs `work` in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
  async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.translate(error);
    }
    let broken = false;
    // A checked-out client has no pool listener: without this, its connection dropping mid-transaction
    // emits an unhandled `error` that ends the process (the failing query rejects as well).
    const onError = (error: Error) => this.markUnavailable(error);
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      this.markAvailable();
      return result;
    } catch (error) {
      broken = isConnectionFault(error);
      if (!broken) await client.query("ROLLBACK").catch(() => undefined);
      throw this.translate(error);
    } finally {
      client.off("error", onError);
      // A connection that failed mid-transaction is not handed to the next caller.
      client.release(broken);
    }
  }

  /**
   * A connected session of its own, outside the pool, for state tied to a connection (a session
   * advisory lock, LISTEN). The caller ends it; its `error` event is already handled.
   */
  async session(): Promise<pg.Client> {
    const client = new pg.Client(this.clientConfig());
    // Without a listener a broken connection's `error` event ends the process; callers watch `end`.
    client.on("error", (error) => this.markUnavailable(error));
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw this.translate(error);
    }
    this.markAvailable();
    return client;
  }

  /** Turns a driver failure into `SharedStateError` when the database cannot be reached; other errors pass unchanged. */
  translate(error: unknown): unknown {
    if (error instanceof SharedStateError || !isConnectionFault(error)) return error;
    this.markUnavailable(error);
    const reason = redactUrlCredentials(error instanceof Error ? error.message : String(error));
    return new SharedStateError("DATABASE_UNAVAILABLE", `The shared database ${this.description} cannot be reached: ${reason}`, { cause: error });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private clientConfig(): pg.ClientConfig {
    return {
      connectionString: this.url,
      connectionTimeoutMillis: this.options.connectTimeoutMs ?? 5000,
      query_timeout: this.options.queryTimeoutMs ?? 15_000,
      // Notices a peer that vanished without closing the connection (a host that lost power).
      keepAlive: true,
      application_name: this.options.applicationName ?? "nieuwsbot",
    };
  }

  private markUnavailable(error: unknown): void {
    if (!this.available) return;
    this.available = false;
    const reason = redactUrlCredentials(error instanceof Error ? error.message : String(error));
    this.logger.warn(`shared database ${this.description} unreachable: ${reason}`);
  }

  private markAvailable(): void {
    if (this.available) return;
    this.available = true;
    this.logger.info(`shared database ${this.description} reachable again`);
  }
}

/** Whether an error is `SharedStateError` `DATABASE_UNAVAILABLE` (the database cannot be reached, or a store skipped it). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof SharedStateError && error.code === "DATABASE_UNAVAILABLE";
}

/** What a per-question store throws while `SharedDatabase.breaker` skips the database. */
export function skippedDatabase(): SharedStateError {
  return new SharedStateError("DATABASE_UNAVAILABLE", "the shared database is skipped for a moment after it did not answer in time");
}

/** SQLSTATE classes that mean the connection, not the statement, failed. */
const connectionClasses = ["08", "28", "53", "57"];

/**
 * Whether an error means the database could not be used at all (refused, timed out, dropped, shut
 * down, wrong password, too many connections) rather than that one statement was wrong.
 */
export function isConnectionFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  // A server error carries a five-character SQLSTATE; Node's socket errors carry E… codes.
  if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return connectionClasses.includes(code.slice(0, 2)) && code !== "57014";
  if (typeof code === "string" && code.startsWith("E")) return true;
  return /connection|terminated|timeout|timed out|ECONN/i.test(error.message);
}
