import { Client, Events, GatewayIntentBits, Partials, RESTEvents, type ClientOptions } from "discord.js";
import type { AdapterDeps } from "../shared/adapter.js";
import { questionRateLimiter } from "../shared/rate-limiter.js";
import type { BotContext } from "./bot-context.js";
import type { DiscordConfig } from "./discord-config.js";
import { handleInteraction } from "./interaction-handlers.js";
import { handleMessage } from "./message-handler.js";
import { noPings } from "./render-discord.js";

export interface DiscordBotOptions {
  deps: AdapterDeps;
  config: DiscordConfig;
  /** Extra client options, mainly for tests; `rest.api` here wins over `DISCORD_API_URL`. */
  clientOptions?: Partial<ClientOptions>;
  /**
   * Ask for the privileged Message Content intent (default true). Without it Discord still
   * delivers the text of DMs and of messages that mention the bot, and slash commands do not need
   * message text at all; only replies to the bot that do not ping it arrive without text.
   */
  messageContentIntent?: boolean;
}

/**
 * The discord.js client for the bot: guild and DM messages (DM channels arrive uncached, hence
 * `Partials.Channel`), and a client-wide default that nobody is ever pinged.
 */
export function createDiscordClient(options: Pick<DiscordBotOptions, "config" | "clientOptions" | "messageContentIntent">): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  if (options.messageContentIntent ?? true) intents.push(GatewayIntentBits.MessageContent);
  const { rest, ...overrides } = options.clientOptions ?? {};
  return new Client({
    intents,
    partials: [Partials.Channel],
    allowedMentions: noPings,
    ...overrides,
    // The gateway URL is whatever `GET /gateway/bot` on this REST base returns.
    rest: { ...(options.config.apiUrl ? { api: options.config.apiUrl } : {}), ...rest },
  });
}

/**
 * Wires the handlers to a client and tracks in-flight work so `stop` can let answers finish
 * before the connection is closed.
 */
export class DiscordBot {
  readonly client: Client;
  private readonly context: BotContext;
  private readonly inFlight = new Set<Promise<void>>();
  private accepting = true;

  constructor(options: DiscordBotOptions) {
    const { deps, config } = options;
    this.client = createDiscordClient(options);
    const logger = deps.logger.child("discord");
    const limiter = questionRateLimiter(deps.limits);
    this.context = { deps, config, logger, ask: { core: deps.core, feedback: deps.feedback, logger, limiter } };
    this.attach();
  }

  private attach(): void {
    const { client } = this;
    const logger = this.context.logger;
    client.on(Events.InteractionCreate, (interaction) => this.track(() => handleInteraction(this.context, interaction)));
    client.on(Events.MessageCreate, (message) => this.track(() => handleMessage(this.context, message)));
    // Without an `error` listener an EventEmitter error would crash the process.
    client.on(Events.Error, (error) => logger.error("discord client error", { error }));
    client.on(Events.Warn, (message) => logger.warn(`discord.js: ${message}`));
    client.on(Events.Debug, (message) => {
      // discord.js prints a partly censored token at login; keep every part of it out of the log.
      if (!message.startsWith("Provided token")) logger.debug(`discord.js: ${redactToken(message, this.context.config.token)}`);
    });
    client.on(Events.ShardError, (error, shard) => logger.warn("discord gateway connection error", { error, shard }));
    client.on(Events.ShardDisconnect, (event, shard) => logger.warn("discord gateway closed for good", { code: event.code, shard }));
    client.on(Events.ShardReconnecting, (shard) => logger.info("discord gateway reconnecting", { shard }));
    client.on(Events.ShardResume, (shard, replayed) => logger.info("discord gateway resumed", { shard, replayed }));
    client.on(Events.Invalidated, () => logger.error("discord session invalidated; the client stops"));
    // discord.js waits and retries 429s itself; this only makes them visible to the operator.
    client.rest.on(RESTEvents.RateLimited, (info) =>
      logger.warn("discord rate limit hit; discord.js waits and retries", {
        method: info.method,
        route: info.route,
        retryAfterMs: info.retryAfter,
        global: info.global,
        scope: info.scope,
      }),
    );
  }

  private track(work: () => Promise<void>): void {
    if (!this.accepting) return;
    const running: Promise<void> = work()
      .catch((error: unknown) => this.context.logger.error("unhandled error in a discord handler", { error }))
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Stops taking new work, waits for answers in progress (at most `timeoutMs`), then disconnects. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.accepting = false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const outcome = await Promise.race([Promise.allSettled([...this.inFlight]), timeout]);
    clearTimeout(timer);
    if (outcome === "timeout") this.context.logger.warn("stopping with discord work still in progress", { pending: this.inFlight.size });
    await this.client.destroy();
  }
}

/** Removes the token and each of its dot-separated parts from a line (a token is `id.timestamp.hmac`). */
export function redactToken(line: string, token: string): string {
  let result = line;
  for (const secret of [token, ...token.split(".")]) if (secret.length >= 6) result = result.split(secret).join("[redacted]");
  return result;
}
