import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocket, WebSocketServer } from "ws";
import { guildCreate, type FakeGuild, type FakeUser } from "./discord-payloads.js";

/** A dispatch as sent, for replay on RESUME. */
interface SentDispatch {
  s: number;
  t: string;
  d: unknown;
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

/**
 * A Discord gateway (v10, JSON, no compression) for one shard: HELLO → IDENTIFY → READY +
 * GUILD_CREATE, heartbeats ACKed, RESUME replays missed dispatches then RESUMED. `dispatch` sends
 * events; `drop` closes the connection so the client has to resume.
 */
export class FakeGateway {
  readonly identifies: Array<{ intents: number; token: string }> = [];
  readonly resumes: Array<{ session_id: string; seq: number }> = [];
  /** Close codes the client sent when it closed the connection itself. */
  readonly clientCloses: number[] = [];
  connections = 0;
  private readonly server = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private ready = false;
  private sessionId = "";
  private sequence = 0;
  private history: SentDispatch[] = [];

  constructor(private readonly options: GatewayOptions) {
    this.server.on("connection", (socket) => this.accept(socket));
  }

  /** Hands an HTTP upgrade request over to the WebSocket server. */
  upgrade(request: IncomingMessage, stream: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, stream, head, (socket) => this.server.emit("connection", socket, request));
  }

  /** True while a client is connected and identified or resumed. */
  get connected(): boolean {
    return this.ready && this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends a dispatch event (or keeps it for the replay when the client is away). Returns its sequence. */
  dispatch(t: string, d: unknown): number {
    this.sequence += 1;
    const event = { s: this.sequence, t, d };
    this.history.push(event);
    if (this.connected) this.send({ op: 0, ...event });
    return this.sequence;
  }

  /** Drops the connection: a resumable close code (default 4000) or, with `terminate`, no close frame at all. */
  drop(options: { code?: number; terminate?: boolean } = {}): void {
    const socket = this.socket;
    this.ready = false;
    if (!socket) return;
    if (options.terminate) socket.terminate();
    else socket.close(options.code ?? 4000, "fake: dropped");
  }

  async close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.connections += 1;
    this.socket?.terminate();
    this.socket = socket;
    this.ready = false;
    socket.on("message", (raw) => this.receive(socket, raw.toString()));
    socket.on("close", (code) => {
      if (this.socket === socket) this.ready = false;
      if (code !== 1006) this.clientCloses.push(code);
    });
    socket.on("error", () => socket.terminate());
    // A long interval: tests finish before the first heartbeat is due, so none can fail them.
    this.sendTo(socket, { op: 10, d: { heartbeat_interval: 41_250 } });
  }

  private receive(socket: WebSocket, text: string): void {
    const payload = JSON.parse(text) as { op: number; d: Record<string, unknown> | number | null };
    switch (payload.op) {
      case 1:
        this.sendTo(socket, { op: 11 });
        return;
      case 2:
        return this.identify(socket, payload.d as { token: string; intents: number });
      case 6:
        return this.resume(socket, payload.d as { session_id: string; seq: number });
      default:
        return; // Presence updates and the like need no answer.
    }
  }

  private identify(socket: WebSocket, identify: { token: string; intents: number }): void {
    this.identifies.push({ intents: identify.intents, token: identify.token });
    if (this.options.disallowedIntents && (identify.intents & this.options.disallowedIntents) !== 0) {
      socket.close(4014, "Disallowed intent(s).");
      return;
    }
    this.sessionId = randomUUID();
    this.history = [];
    this.ready = true;
    const { bot, applicationId, guilds } = this.options;
    this.dispatch("READY", {
      v: 10,
      user: { ...bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: guilds.map((fake) => ({ id: fake.id, unavailable: true })),
      session_id: this.sessionId,
      resume_gateway_url: this.options.resumeUrl(),
      shard: [0, 1],
      application: { id: applicationId, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      user_settings: {},
    });
    for (const fake of guilds) this.dispatch("GUILD_CREATE", guildCreate(fake, bot));
  }

  private resume(socket: WebSocket, resume: { session_id: string; seq: number }): void {
    this.resumes.push(resume);
    if (resume.session_id !== this.sessionId) {
      this.sendTo(socket, { op: 9, d: false });
      return;
    }
    this.ready = true;
    for (const event of this.history.filter((sent) => sent.s > resume.seq)) this.send({ op: 0, ...event });
    this.dispatch("RESUMED", {});
  }

  private send(payload: unknown): void {
    if (this.socket) this.sendTo(this.socket, payload);
  }

  private sendTo(socket: WebSocket, payload: unknown): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
  }
}
