import type pg from "pg";
import { silentLogger, type Logger } from "../logging/logger.js";
import { readCurrentVersion } from "./corpus-record.js";
import type { SharedDatabase } from "./database.js";
import { versionChannel } from "./lock-keys.js";

export interface VersionListenerOptions {
  /**
   * Called with each new current corpus version, one call at a time, in order: the replica builds
   * or loads it and switches. Also called once on start with the version current then, and after a
   * lost connection with the version it missed, if it changed.
   */
  onVersion: (version: number) => void | Promise<void>;
  logger?: Logger;
  /** First wait before reconnecting, doubled after each failed attempt up to `maxRetryMs`. Default 250. */
  initialRetryMs?: number;
  /** Longest wait between reconnect attempts. Default 10,000. */
  maxRetryMs?: number;
  /**
   * How often the idle LISTEN connection is checked with a query (ms; default 10,000). A connection
   * that only listens sends nothing, so without this a silently dropped network is never noticed.
   */
  heartbeatMs?: number;
}

/**
 * Hears which corpus version is current (LISTEN `nieuwsbot_corpus_version`) on a session of its own.
 * An announcement is a cue, not the truth: on each one the pointer is read again on the same
 * session, so versions are seen in the order they became current however notifications and reads
 * interleave. When the connection is lost the listener says so once, reconnects with backoff, and
 * catches up by reading the pointer: a version announced while it was away is not missed.
 */
export class VersionListener {
  private client: pg.Client | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastSeen: number | undefined;
  private closed = false;
  private down = false;
  /** One pointer read at a time; `recheck` asks for another after the one in flight. */
  private checking: Promise<void> | undefined;
  private recheck = false;
  /** Deliveries run one after another. */
  private delivery: Promise<void> = Promise.resolve();
  private readonly logger: Logger;
  private readonly connecting: Promise<void>;

  constructor(
    private readonly database: SharedDatabase,
    private readonly options: VersionListenerOptions,
  ) {
    this.logger = options.logger ?? silentLogger;
    this.connecting = this.connectWithRetry();
  }

  /** Resolves once the listener is connected the first time (or closed before it could be). */
  ready(): Promise<void> {
    return this.connecting;
  }

  get connected(): boolean {
    return this.client !== undefined;
  }

  /** The last version handed to `onVersion`. */
  get version(): number | undefined {
    return this.lastSeen;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
    await this.delivery;
  }

  private async connectWithRetry(): Promise<void> {
    let waitMs = this.options.initialRetryMs ?? 250;
    while (!this.closed) {
      try {
        await this.connect();
        return;
      } catch (error) {
        this.reportDown(error);
        // Jitter, so replicas that lost the database together do not return in lockstep.
        await sleep(waitMs * (0.75 + Math.random() * 0.5));
        waitMs = Math.min(waitMs * 2, this.options.maxRetryMs ?? 10_000);
      }
    }
  }

  private async connect(): Promise<void> {
    const client = await this.database.session();
    try {
      client.on("notification", (message) => {
        if (message.channel === versionChannel && this.client === client) this.check();
      });
      client.once("end", () => this.lost(client, new Error("connection ended")));
      await client.query(`LISTEN ${versionChannel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) return void (await client.end().catch(() => undefined));
    this.client = client;
    this.startHeartbeat(client);
    if (this.down) this.logger.info("corpus version announcements: listening again");
    this.down = false;
    // Listening first, then reading: a version committed in between is announced, never lost.
    await this.checkNow();
  }

  /** A read of the pointer after the one in flight (announcements arriving together make one more read). */
  private check(): void {
    if (this.checking) {
      this.recheck = true;
      return;
    }
    this.checking = this.checkNow().finally(() => {
      this.checking = undefined;
      if (this.recheck) {
        this.recheck = false;
        this.check();
      }
    });
  }

  private async checkNow(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      const version = await readCurrentVersion(client);
      if (version !== undefined && version !== this.lastSeen) this.deliver(version);
    } catch (error) {
      // The connection is failing; `end` (or the heartbeat) starts the reconnect and its catch-up read.
      this.logger.debug("reading the current corpus version failed", { error });
    }
  }

  private deliver(version: number): void {
    this.lastSeen = version;
    this.delivery = this.delivery.then(async () => {
      try {
        await this.options.onVersion(version);
      } catch (error) {
        this.logger.error(`switching to corpus version ${version} failed`, { error });
      }
    });
  }

  private startHeartbeat(client: pg.Client): void {
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      client.query("SELECT 1").catch((error: unknown) => {
        // A check that fails or times out means the connection is gone even if no `end` came.
        this.lost(client, error instanceof Error ? error : new Error(String(error)));
        void client.end().catch(() => undefined);
      });
    }, this.options.heartbeatMs ?? 10_000);
    this.heartbeat.unref();
  }

  /** The connection `client` failed; only the first report per connection counts. */
  private lost(client: pg.Client, reason: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    this.reportDown(reason);
    void this.connectWithRetry();
  }

  /** One log line when announcements stop, however many reconnects fail after it. */
  private reportDown(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn(`corpus version announcements: connection lost (${reason}); reconnecting and catching up`);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
