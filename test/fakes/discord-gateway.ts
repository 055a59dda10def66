import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { guildCreate, shardOfGuild, type FakeGuild, type FakeUser } from "./discord-payloads.js";

/** A dispatch as sent, for replay on RESUME. */
interface SentDispatch {
  s: number;
  t: string;
  d: unknown;
}

/** One shard's session: its current socket, sequence and the dispatches a RESUME may replay. */
interface ShardSession {
  shardId: number;
  socket: WebSocket | undefined;
  ready: boolean;
  sessionId: string;
  sequence: number;
  history: SentDispatch[];
}

export interface GatewayOptions {
  bot: FakeUser;
  applicationId: string;
  guilds: FakeGuild[];
  /** Intent bits that make IDENTIFY fail with close code 4014 (Disallowed intents). */
  disallowedIntents?: number;
  /** URL the client should resume on (READY's `resume_gateway_url`). */
  resumeUrl: () => string;
}

export interface IdentifyRecord {
  intents: number;
  token: string;
  /** `[shard_id, num_shards]` as sent (`[0, 1]` when the client sent none). */
  shard: [number, number];
}

/**
 * A Discord gateway (v10, JSON, no compression), sharded like Discord's: each IDENTIFY opens the
 * session of its `[shard_id, num_shards]`, READY and GUILD_CREATE carry only that shard's guilds
 * (`(guild_id >> 22) % num_shards`), and every dispatch goes to the shard its guild belongs to
 * (DMs to shard 0). Heartbeats are ACKed; RESUME replays a session's missed dispatches then sends
 * RESUMED. `drop` closes connections so the clients have to resume.
 */
export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: Array<{ session_id: string; seq: number }> = [];
  /** Close codes the clients sent when they closed a connection themselves. */
  readonly clientCloses: number[] = [];
  /** Which shard each dispatch was routed to, in order. */
  readonly routed: Array<{ t: string; shard: number }> = [];
  connections = 0;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<number, ShardSession>();
  private shardCount = 1;

  constructor(private readonly options: GatewayOptions) {
    this.server.on("connection", (socket) => this.accept(socket));
  }

  /** Hands an HTTP upgrade request over to the WebSocket server. */
  upgrade(request: IncomingMessage, stream: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, stream, head, (socket) => this.server.emit("connection", socket, request));
  }

  /** True while every shard that identified is connected and identified or resumed. */
  get connected(): boolean {
    return this.sessions.size > 0 && [...this.sessions.values()].every((session) => isLive(session));
  }

  /** Shard ids whose session is live right now. */
  get connectedShards(): number[] {
    return [...this.sessions.values()]
      .filter(isLive)
      .map((session) => session.shardId)
      .sort((a, b) => a - b);
  }

  /**
   * Sends a dispatch to the shard its guild belongs to (or keeps it for that shard's replay while
   * the shard is away). Returns its sequence within that shard's session.
   */
  dispatch(t: string, d: unknown): number {
    const shardId = this.shardFor(d);
    const session = this.sessions.get(shardId) ?? this.openSession(shardId);
    this.routed.push({ t, shard: shardId });
    return this.sendDispatch(session, t, d);
  }

  /** Drops connections (every shard's, or one): a resumable close code (default 4000) or, with `terminate`, no close frame. */
  drop(options: { code?: number; terminate?: boolean; shard?: number } = {}): void {
    for (const session of this.sessions.values()) {
      if (options.shard !== undefined && session.shardId !== options.shard) continue;
      const socket = session.socket;
      session.ready = false;
      if (!socket) continue;
      if (options.terminate) socket.terminate();
      else socket.close(options.code ?? 4000, "fake: dropped");
    }
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private shardFor(d: unknown): number {
    const guildId = (d as { guild_id?: unknown } | null)?.guild_id;
    return typeof guildId === "string" ? shardOfGuild(guildId, this.shardCount) : 0;
  }

  private openSession(shardId: number): ShardSession {
    const session: ShardSession = { shardId, socket: undefined, ready: false, sessionId: "", sequence: 0, history: [] };
    this.sessions.set(shardId, session);
    return session;
  }

  private sendDispatch(session: ShardSession, t: string, d: unknown): number {
    session.sequence += 1;
    const event = { s: session.sequence, t, d };
    session.history.push(event);
    if (isLive(session)) sendTo(session.socket!, { op: 0, ...event });
    return session.sequence;
  }

  private accept(socket: WebSocket): void {
    this.connections += 1;
    socket.on("message", (raw) => this.receive(socket, raw.toString()));
    socket.on("close", (code) => {
      for (const session of this.sessions.values()) if (session.socket === socket) session.ready = false;
      if (code !== 1006) this.clientCloses.push(code);
    });
    socket.on("error", () => socket.terminate());
    // A long interval: tests finish before the first heartbeat is due, so none can fail them.
    sendTo(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private receive(socket: WebSocket, text: string): void {
    const payload = JSON.parse(text) as { op: number; d: Record<string, unknown> | number | null };
    switch (payload.op) {
      case 1:
        sendTo(socket, { op: 11 });
        return;
      case 2:
        return this.identify(socket, payload.d as { token: string; intents: number; shard?: [number, number] });
      case 6:
        return this.resume(socket, payload.d as { session_id: string; seq: number });
      default:
        return; // Presence updates and the like need no answer.
    }
  }

  private identify(socket: WebSocket, identify: { token: string; intents: number; shard?: [number, number] }): void {
    const shard = identify.shard ?? [0, 1];
    this.identifies.push({ intents: identify.intents, token: identify.token, shard });
    if (this.options.disallowedIntents && (identify.intents & this.options.disallowedIntents) !== 0) {
      socket.close(4014, "Disallowed intent(s).");
      return;
    }
    const [shardId, shardCount] = shard;
    if (shardCount !== this.shardCount) {
      // A new shard layout starts every session afresh, as Discord's does.
      this.shardCount = shardCount;
      this.sessions.clear();
    }
    const session = this.sessions.get(shardId) ?? this.openSession(shardId);
    if (session.socket && session.socket !== socket) session.socket.terminate();
    Object.assign(session, { socket, ready: true, sessionId: randomUUID(), sequence: 0, history: [] });
    const { bot, applicationId } = this.options;
    const guilds = this.options.guilds.filter((fake) => shardOfGuild(fake.id, shardCount) === shardId);
    this.sendDispatch(session, "READY", {
      v: 10,
      user: { ...bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((fake) => ({ id: fake.id, unavailable: true })),
      session_id: session.sessionId,
      resume_gateway_url: this.options.resumeUrl(),
      shard,
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const fake of guilds) this.sendDispatch(session, "GUILD_CREATE", guildCreate(fake, bot));
  }

  private resume(socket: WebSocket, resume: { session_id: string; seq: number }): void {
    this.resumes.push(resume);
    const session = [...this.sessions.values()].find((candidate) => candidate.sessionId === resume.session_id);
    if (!session) {
      sendTo(socket, { op: 9, d: false });
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    session.ready = true;
    for (const event of session.history.filter((sent) => sent.s > resume.seq)) sendTo(socket, { op: 0, ...event });
    this.sendDispatch(session, "RESUMED", {});
  }
}

function isLive(session: ShardSession): boolean {
  return session.ready && session.socket?.readyState === WebSocket.OPEN;
}

function sendTo(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
}
