import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./discord-gateway.js";
import { guild, snowflake, user, type FakeGuild, type FakeUser } from "./discord-payloads.js";

/** One REST call the bot made, with its body parsed (JSON, or a multipart form's `payload_json`). */
export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, percent-decoded (`/webhooks/1/tok/messages/@original`). */
  path: string;
  query: Record<string, string>;
  // Wire JSON, asserted field by field in tests.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Discord payload fields
  body: any;
  headers: Record<string, string | string[] | undefined>;
  status: number;
  at: number;
}

interface RateLimitRule {
  method: string;
  path: RegExp;
  remaining: number;
  retryAfterSeconds: number;
}

export interface FakeDiscordOptions {
  /** Intent bits that IDENTIFY may not ask for (the gateway closes with 4014). */
  disallowedIntents?: number;
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  recommendedShards?: number;
  /** Guilds the bot is in besides `guild` (e.g. one per shard). */
  extraGuilds?: FakeGuild[];
}

/**
 * A fake Discord on 127.0.0.1: the REST routes discord.js uses (`/api/v10/...`) and a gateway on
 * the same port (`GET /gateway/bot` returns its ws:// URL). Every REST call is recorded; 429s can
 * be injected per route. Bind, use, `close()`.
 */
export class FakeDiscord {
  readonly bot: FakeUser = user("Nieuwsbot", { bot: true });
  readonly applicationId = this.bot.id;
  readonly guild: FakeGuild = guild();
  /** Every guild the bot is in: `guild` first, then the extra ones. */
  readonly guilds: FakeGuild[];
  readonly requests: RecordedRequest[] = [];
  /** Registered commands: `global` and per guild id. */
  readonly commands = { global: [] as Record<string, unknown>[], guilds: new Map<string, Record<string, unknown>[]>() };
  /** Messages the bot created, by id (channel messages, interaction responses, follow-ups). */
  readonly messages = new Map<string, Record<string, unknown>>();
  readonly gateway: FakeGateway;
  private readonly originals = new Map<string, string>();
  /** Interaction token → channel, so responses land in the channel the interaction came from. */
  private readonly interactionChannels = new Map<string, string>();
  private readonly rules: RateLimitRule[] = [];
  private readonly server: Server;
  private port = 0;

  private constructor(private readonly options: FakeDiscordOptions) {
    this.guilds = [this.guild, ...(options.extraGuilds ?? [])];
    this.gateway = new FakeGateway({
      bot: this.bot,
      applicationId: this.applicationId,
      guilds: this.guilds,
      disallowedIntents: options.disallowedIntents,
      resumeUrl: () => `${this.gatewayUrl}/resume`,
    });
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on("upgrade", (request, socket, head) => this.gateway.upgrade(request, socket, head));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** The REST base for discord.js's `rest.api` / `DISCORD_API_URL`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** The next `count` calls matching method and path get a 429 with `retry_after`. */
  rateLimitNext(method: string, path: RegExp, count = 1, retryAfterSeconds = 0.3): void {
    this.rules.push({ method, path, remaining: count, retryAfterSeconds });
  }

  /** Requests matching a predicate, oldest first. */
  find(predicate: (request: RecordedRequest) => boolean): RecordedRequest[] {
    return this.requests.filter(predicate);
  }

  /** Waits (bounded) for a request matching the predicate; rejects listing what did arrive. */
  async waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.requests.map((request) => `${request.method} ${request.path} ${request.status}`).join("\n  ");
        throw new Error(`fake Discord: no matching request within ${timeoutMs} ms. Seen:\n  ${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends a gateway dispatch (INTERACTION_CREATE, MESSAGE_CREATE, ...). */
  dispatch(t: string, d: unknown): number {
    const interaction = d as { token?: string; channel_id?: string };
    if (t === "INTERACTION_CREATE" && interaction.token && interaction.channel_id) this.interactionChannels.set(interaction.token, interaction.channel_id);
    return this.gateway.dispatch(t, d);
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    // discord.js sends `@original` as `%40original`: decode before matching.
    const path = decodeURIComponent(url.pathname)
      .replace(/^\/api/, "")
      .replace(/^\/v\d+/, "");
    const raw = await readBody(request);
    const recorded: RecordedRequest = {
      method: request.method ?? "GET",
      path,
      query: Object.fromEntries(url.searchParams),
      body: parseBody(raw, String(request.headers["content-type"] ?? "")),
      headers: request.headers,
      status: 0,
      at: Date.now(),
    };
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      recorded.status = status;
      this.requests.push(recorded);
      response.writeHead(status, { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers });
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const rule = this.rules.find((candidate) => candidate.remaining > 0 && candidate.method === recorded.method && candidate.path.test(path));
    if (rule) {
      rule.remaining -= 1;
      return send(
        429,
        { message: "You are being rate limited.", retry_after: rule.retryAfterSeconds, global: false },
        {
          "retry-after": String(rule.retryAfterSeconds),
          "x-ratelimit-limit": "1",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset-after": String(rule.retryAfterSeconds),
          "x-ratelimit-bucket": "fake-bucket",
          "x-ratelimit-scope": "user",
        },
      );
    }
    const route = this.route(recorded);
    return send(route.status, route.body);
  }

  private route(request: RecordedRequest): { status: number; body?: unknown } {
    const { method, path, body } = request;
    let match: RegExpExecArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      return {
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.options.recommendedShards ?? 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (method === "GET" && path === "/gateway") return { status: 200, body: { url: this.gatewayUrl } };
    if (method === "GET" && path === "/users/@me") return { status: 200, body: this.bot };
    if (method === "GET" && path === "/applications/@me")
      return { status: 200, body: { id: this.applicationId, name: this.bot.username, flags: 0, bot: this.bot } };
    if ((match = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      const guildId = match[2];
      if (method === "GET") return { status: 200, body: guildId ? (this.commands.guilds.get(guildId) ?? []) : this.commands.global };
      if (method === "PUT") {
        const stored = (body as Record<string, unknown>[]).map((command) => ({
          ...command,
          id: snowflake(),
          application_id: match![1],
          version: snowflake(),
          ...(guildId ? { guild_id: guildId } : {}),
        }));
        if (guildId) this.commands.guilds.set(guildId, stored);
        else this.commands.global = stored;
        return { status: 200, body: stored };
      }
    }
    if (method === "POST" && (match = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) {
      const callback = body as { type: number; data?: Record<string, unknown> };
      const token = match[2]!;
      if (callback.type === 4 || callback.type === 5)
        this.originals.set(token, this.store(this.message(this.channelFor(token), callback.data ?? {}, true)).id as string);
      if (request.query.with_response === "true") {
        const original = this.messages.get(this.originals.get(token) ?? "");
        return { status: 200, body: { interaction: { id: match[1], type: 2 }, resource: { type: callback.type, ...(original ? { message: original } : {}) } } };
      }
      return { status: 204 };
    }
    if ((match = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/.exec(path))) {
      const id = match[3] === "@original" ? this.originals.get(match[2]!) : match[3];
      const existing = id ? this.messages.get(id) : undefined;
      if (!existing) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
      if (method === "GET") return { status: 200, body: existing };
      if (method === "DELETE") {
        this.messages.delete(id!);
        return { status: 204 };
      }
      if (method === "PATCH")
        return { status: 200, body: this.store({ ...existing, ...this.fields(body as Record<string, unknown>), edited_timestamp: new Date().toISOString() }) };
    }
    if (method === "POST" && (match = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) {
      return { status: 200, body: this.store(this.message(this.channelFor(match[2]!), body as Record<string, unknown>, true)) };
    }
    if ((match = /^\/channels\/(\d+)\/typing$/.exec(path)) && method === "POST") return { status: 204 };
    if ((match = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === "POST") {
      return { status: 200, body: this.store(this.message(match[1]!, body as Record<string, unknown>, false)) };
    }
    if ((match = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === "GET") {
      const found = this.messages.get(match[2]!);
      return found ? { status: 200, body: found } : { status: 404, body: { message: "Unknown Message", code: 10008 } };
    }
    if ((match = /^\/channels\/(\d+)$/.exec(path)) && method === "GET") {
      const owner = this.guilds.find((fake) => fake.channelId === match![1]);
      if (owner) return { status: 200, body: { id: owner.channelId, type: 0, guild_id: owner.id, name: "vragen" } };
      return { status: 200, body: { id: match[1], type: 1, recipients: [], last_message_id: null } };
    }
    // Never 401: discord.js drops its token on a 401 from an authenticated route.
    return { status: 404, body: { message: "404: Not Found", code: 0 } };
  }

  private channelFor(token: string): string {
    return this.interactionChannels.get(token) ?? this.guild.channelId;
  }

  /** The fields of a create/edit body that end up on the message object. */
  private fields(body: Record<string, unknown>): Record<string, unknown> {
    const picked: Record<string, unknown> = {};
    for (const key of ["content", "embeds", "components", "flags"]) if (key in body) picked[key] = body[key];
    return picked;
  }

  private message(channelId: string, body: Record<string, unknown>, fromWebhook: boolean): Record<string, unknown> {
    const reference = body.message_reference as Record<string, unknown> | undefined;
    return {
      id: snowflake(),
      channel_id: channelId,
      author: this.bot,
      content: "",
      embeds: [],
      components: [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: 0,
      type: reference ? 19 : fromWebhook ? 20 : 0,
      ...(fromWebhook ? { webhook_id: this.applicationId, application_id: this.applicationId } : {}),
      ...(reference ? { message_reference: reference } : {}),
      ...this.fields(body),
    };
  }

  private store(message: Record<string, unknown>): Record<string, unknown> {
    this.messages.set(message.id as string, message);
    return message;
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** JSON bodies as JSON; multipart forms (files) by their `payload_json` part. */
function parseBody(raw: Buffer, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (contentType.startsWith("multipart/form-data") && boundary) {
    for (const part of text.split(`--${boundary}`)) {
      if (!/name="payload_json"/.test(part)) continue;
      const content = part.slice(part.indexOf("\r\n\r\n") + 4).replace(/\r\n$/, "");
      return JSON.parse(content);
    }
    return undefined;
  }
  return contentType.includes("application/json") ? JSON.parse(text) : text;
}
