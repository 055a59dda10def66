import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real grammY bot.
 *
 * It speaks the real wire format (`POST /bot<token>/<method>`, JSON or form bodies, `{ok, result}`
 * envelopes), holds `getUpdates` like long polling does, and is as strict as Telegram where our
 * output could go wrong: HTML in `parse_mode: "HTML"` is checked for allowed tags, balance and
 * entities, and text over 4096 characters is refused. Failures (429, 5xx) can be injected per method.
 */

export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  first_name?: string;
}

/** One request the bot made, successful or not. */
export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  ok: boolean;
  errorCode?: number;
  description?: string;
}

/** A message the bot sent successfully. */
export interface SentMessage {
  message_id: number;
  chat: FakeChat;
  /** The HTML as the bot sent it. */
  html: string;
  /** The text as a user sees it (tags removed, entities decoded). */
  text: string;
  params: Record<string, unknown>;
  /** The message object returned to the bot. */
  message: Record<string, unknown>;
}

type Update = Record<string, unknown> & { update_id: number };

interface PendingPoll {
  offset: number;
  limit: number;
  respond: (updates: Update[]) => void;
}

interface Failure {
  code: number;
  retryAfter?: number;
  remaining: number;
}

/** How the fake misrepresents an uploaded file (see `addFile`). */
export interface FakeFileOptions {
  /** The size getFile reports instead of the real one. */
  declaredSize?: number;
  /** Stream this many bytes on download (the content repeated), without a Content-Length. */
  servedBytes?: number;
}

export interface FakeBotApiOptions {
  token: string;
  bot?: Partial<FakeUser>;
}

const maxTextLength = 4096;

export class FakeTelegramBotApi {
  readonly calls: ApiCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly botUser: FakeUser & { username: string };
  private readonly updates: Update[] = [];
  private readonly polls = new Set<PendingPoll>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly chats = new Map<number, FakeChat>();
  private readonly messageIds = new Map<number, Set<number>>();
  private readonly listeners = new Set<() => void>();
  /** Files users "uploaded", served by getFile and `/file/bot<token>/<path>`. */
  private readonly files = new Map<string, Uint8Array>();
  private nextUpdateId = 1;
  private nextMessageId = 10_000;
  private offsetConfirmed = 0;

  private constructor(
    private readonly server: Server,
    readonly token: string,
    bot: Partial<FakeUser> | undefined,
  ) {
    this.botUser = { id: 7_000_000_001, is_bot: true, first_name: "Nieuwsbot", username: "NieuwsTestBot", ...bot } as FakeUser & { username: string };
  }

  /** Starts the fake on a random loopback port. */
  static async start(options: FakeBotApiOptions): Promise<FakeTelegramBotApi> {
    let fake: FakeTelegramBotApi | undefined;
    const server = createServer((request, response) => {
      fake!.handle(request, response).catch((error: unknown) => {
        // A bug in the fake must fail the test loudly, not look like a Telegram error.
        process.stderr.write(`fake Bot API crashed: ${(error as Error).stack ?? String(error)}\n`);
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
    });
    fake = new FakeTelegramBotApi(server, options.token, options.bot);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return fake;
  }

  /** The API root to give grammY (`client.apiRoot`). */
  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** What `getMe` returns; tests may hand it to grammY as `botInfo` to skip the call. */
  getMe() {
    return {
      ...this.botUser,
      is_bot: true as const,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  /** getUpdates requests currently held open. */
  get pendingPolls(): number {
    return this.polls.size;
  }

  /** Updates queued and not yet confirmed by a later offset. */
  get unconfirmedUpdates(): number {
    return this.updates.filter((update) => update.update_id >= this.offsetConfirmed).length;
  }

  /** The highest offset a poll has sent: every update below it has been received by the bot. */
  get confirmedOffset(): number {
    return this.offsetConfirmed;
  }

  /** Resolves once the bot has polled past `updateId` (received it; handling may still be going on). */
  waitForReceived(updateId: number, timeoutMs = 5000): Promise<true> {
    return this.waitFor(() => this.offsetConfirmed > updateId, timeoutMs, `update ${updateId} to be received`);
  }

  /** Queues an update (the update_id is assigned) and wakes a held poll. Returns the update_id. */
  pushUpdate(update: Record<string, unknown>): number {
    const full = { ...update, update_id: this.nextUpdateId++ } as Update;
    const message = (full.message ?? full.edited_message ?? full.channel_post) as { chat?: FakeChat; message_id?: number } | undefined;
    if (message?.chat) this.knowMessage(message.chat, message.message_id);
    this.updates.push(full);
    for (const poll of [...this.polls]) {
      const ready = this.readyUpdates(poll.offset, poll.limit);
      if (ready.length > 0) {
        this.polls.delete(poll);
        poll.respond(ready);
      }
    }
    return full.update_id;
  }

  /** A fresh message id for a user message, unique across the fake. */
  newMessageId(): number {
    return this.nextMessageId++;
  }

  /** Makes the next `count` calls of `method` fail with `code` (429 carries `retry_after`). */
  failNext(method: string, count: number, code: 429 | 500 | 502, retryAfter = 1): void {
    const list = this.failures.get(method) ?? [];
    list.push({ code, retryAfter: code === 429 ? retryAfter : undefined, remaining: count });
    this.failures.set(method, list);
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  sentTo(chatId: number): SentMessage[] {
    return this.sent.filter((message) => message.chat.id === chatId);
  }

  /**
   * Resolves with `check()`'s first defined value, re-checked after every API call and held poll
   * (and every 25 ms, for conditions outside the fake such as log lines); rejects after `timeoutMs`.
   */
  waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
    return new Promise((resolve, reject) => {
      const test = () => {
        let value: T | undefined | false;
        try {
          value = check();
        } catch (error) {
          finish();
          reject(error as Error);
          return;
        }
        if (value !== undefined && value !== false) {
          finish();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${this.calls.map((call) => call.method).join(", ")}`));
      }, timeoutMs);
      const ticker = setInterval(test, 25);
      const finish = () => {
        clearTimeout(timer);
        clearInterval(ticker);
        this.listeners.delete(test);
      };
      this.listeners.add(test);
      test();
    });
  }

  /** Waits until at least `count` messages went to `chatId` (after `since` messages), returns them. */
  waitForMessages(chatId: number, count = 1, since = 0, timeoutMs = 5000): Promise<SentMessage[]> {
    return this.waitFor(
      () => {
        const messages = this.sentTo(chatId).slice(since);
        return messages.length >= count ? messages : undefined;
      },
      timeoutMs,
      `${count} message(s) to chat ${chatId}`,
    );
  }

  /** Answers held polls with nothing and closes every connection. */
  async close(): Promise<void> {
    for (const poll of this.polls) poll.respond([]);
    this.polls.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private knowMessage(chat: FakeChat, messageId: number | undefined): void {
    this.chats.set(chat.id, chat);
    if (messageId === undefined) return;
    const ids = this.messageIds.get(chat.id) ?? new Set<number>();
    ids.add(messageId);
    this.messageIds.set(chat.id, ids);
  }

  private readyUpdates(offset: number, limit: number): Update[] {
    return this.updates.filter((update) => update.update_id >= offset).slice(0, limit);
  }

  /**
   * Stores a file as if a user had uploaded it; returns the `file_id` to put in a document message.
   * With `options` the fake lies like a hostile or broken server could: `declaredSize` is the size
   * getFile reports, and `servedBytes` makes the download stream that many bytes (the content
   * repeated) without a Content-Length, at the pace the client reads them.
   */
  addFile(bytes: Uint8Array, options: FakeFileOptions = {}): string {
    const fileId = `file-${this.files.size + 1}`;
    this.files.set(fileId, bytes);
    this.fileOptions.set(fileId, options);
    return fileId;
  }

  /** How often each file was downloaded, to prove a refused upload was never fetched. */
  readonly downloads: string[] = [];
  /** Bytes of each file (by file id) handed to the socket, summed over downloads; a client that stops reading stops this. */
  readonly bytesServed = new Map<string, number>();
  private readonly fileOptions = new Map<string, FakeFileOptions>();

  /** Serves a file download, streamed with backpressure so `bytesServed` shows how much the client really read. */
  private async serveFile(fileId: string, bytes: Uint8Array, response: ServerResponse): Promise<void> {
    this.downloads.push(fileId);
    const total = this.fileOptions.get(fileId)?.servedBytes;
    if (total === undefined) {
      this.bytesServed.set(fileId, (this.bytesServed.get(fileId) ?? 0) + bytes.byteLength);
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(bytes.byteLength) });
      response.end(Buffer.from(bytes));
      return;
    }
    // No Content-Length: chunked, so only reading tells the client how big the file is.
    response.writeHead(200, { "content-type": "application/octet-stream" });
    const chunk = bytes.byteLength > 0 ? Buffer.alloc(64 * 1024, Buffer.from(bytes)) : Buffer.alloc(64 * 1024);
    let closed = false;
    response.once("close", () => (closed = true));
    let sent = 0;
    while (sent < total && !closed) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      this.bytesServed.set(fileId, (this.bytesServed.get(fileId) ?? 0) + piece.length);
      if (!response.write(piece)) await drainedOrClosed(response);
    }
    if (!closed) response.end();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const download = /^\/file\/bot([^/]+)\/documents\/(.+)$/.exec(url.pathname);
    if (download) {
      const bytes = download[1] === this.token ? this.files.get(download[2]!) : undefined;
      if (bytes) return this.serveFile(download[2]!, bytes, response);
      response.writeHead(404, { "content-type": "application/octet-stream" });
      response.end();
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    const params = { ...Object.fromEntries(url.searchParams), ...(await readBody(request)) };
    if (!match) return send(response, { ok: false, error_code: 404, description: "Not Found" });
    const [, token, method] = match as unknown as [string, string, string];
    const reply = (body: ApiReply) => {
      this.calls.push({ method, params, ok: body.ok, errorCode: body.ok ? undefined : body.error_code, description: body.ok ? undefined : body.description });
      send(response, body);
      this.notify();
    };
    if (token !== this.token) return reply({ ok: false, error_code: 401, description: "Unauthorized" });
    const failure = this.takeFailure(method);
    if (failure) {
      return reply(
        failure.code === 429
          ? { ok: false, error_code: 429, description: `Too Many Requests: retry after ${failure.retryAfter}`, parameters: { retry_after: failure.retryAfter } }
          : { ok: false, error_code: failure.code, description: "Internal Server Error" },
      );
    }
    if (method === "getUpdates") return this.getUpdates(params, response, reply);
    reply(this.call(method, params));
  }

  private takeFailure(method: string): Failure | undefined {
    const list = this.failures.get(method);
    const failure = list?.[0];
    if (!failure) return undefined;
    failure.remaining -= 1;
    if (failure.remaining <= 0) list!.shift();
    return failure;
  }

  private getUpdates(params: Record<string, unknown>, response: ServerResponse, reply: (body: ApiReply) => void): void {
    const offset = Number(params.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeout = Math.min(50, Math.max(0, Number(params.timeout ?? 0)));
    // A later offset confirms every update before it, as on Telegram.
    if (offset > this.offsetConfirmed) {
      this.offsetConfirmed = offset;
      for (let index = this.updates.length - 1; index >= 0; index -= 1) if (this.updates[index]!.update_id < offset) this.updates.splice(index, 1);
      this.notify();
    }
    const ready = this.readyUpdates(offset, limit);
    if (ready.length > 0 || timeout === 0) return reply({ ok: true, result: ready });
    let timer: NodeJS.Timeout | undefined;
    const poll: PendingPoll = {
      offset,
      limit,
      respond: (updates) => {
        clearTimeout(timer);
        response.off("close", abandon);
        reply({ ok: true, result: updates });
      },
    };
    // The client gave up (grammY aborts its poll on stop): forget the poll. (The response's
    // "close" fires on a dropped connection; the request's fires as soon as its body was read.)
    const abandon = () => {
      clearTimeout(timer);
      this.polls.delete(poll);
    };
    timer = setTimeout(() => {
      this.polls.delete(poll);
      poll.respond([]);
    }, timeout * 1000);
    response.once("close", abandon);
    this.polls.add(poll);
    this.notify();
  }

  private call(method: string, params: Record<string, unknown>): ApiReply {
    switch (method) {
      case "getMe":
        return { ok: true, result: this.getMe() };
      case "sendMessage":
        return this.sendMessage(params);
      case "editMessageText":
        return this.editMessageText(params);
      case "sendChatAction":
        return params.chat_id === undefined ? badRequest("chat_id is empty") : { ok: true, result: true };
      case "answerCallbackQuery":
        if (typeof params.callback_query_id !== "string") return badRequest("query_id is empty");
        if (typeof params.text === "string" && params.text.length > 200) return badRequest("MESSAGE_TOO_LONG");
        return { ok: true, result: true };
      case "setMyCommands":
        return checkCommands(params.commands);
      case "deleteWebhook":
      case "setWebhook":
      case "editMessageReplyMarkup":
      case "deleteMyCommands":
        return { ok: true, result: true };
      case "getWebhookInfo":
        return { ok: true, result: { url: "", has_custom_certificate: false, pending_update_count: 0 } };
      case "getFile": {
        const bytes = this.files.get(String(params.file_id));
        if (!bytes) return { ok: false, error_code: 400, description: "Bad Request: invalid file_id" };
        return {
          ok: true,
          result: {
            file_id: String(params.file_id),
            file_unique_id: "u",
            file_size: this.fileOptions.get(String(params.file_id))?.declaredSize ?? bytes.byteLength,
            file_path: `documents/${String(params.file_id)}`,
          },
        };
      }
      default:
        return { ok: false, error_code: 404, description: "Not Found: method not found" };
    }
  }

  private sendMessage(params: Record<string, unknown>): ApiReply {
    const chatId = Number(params.chat_id);
    if (!Number.isFinite(chatId)) return badRequest("chat not found");
    const checked = checkMessageText(params.text, params.parse_mode);
    if (!checked.ok) return checked;
    const markup = checkReplyMarkup(params.reply_markup);
    if (markup) return markup;
    const replyTo = (params.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined) ?? undefined;
    if (replyTo?.message_id !== undefined && !this.messageIds.get(chatId)?.has(replyTo.message_id) && !replyTo.allow_sending_without_reply) {
      return badRequest("message to be replied not found");
    }
    const chat = this.chats.get(chatId) ?? { id: chatId, type: "private" as const, first_name: "User" };
    const messageId = this.newMessageId();
    this.knowMessage(chat, messageId);
    const message: Record<string, unknown> = {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat,
      from: { id: this.botUser.id, is_bot: true, first_name: this.botUser.first_name, username: this.botUser.username },
      text: checked.text,
      ...(params.reply_markup ? { reply_markup: params.reply_markup } : {}),
    };
    this.sent.push({ message_id: messageId, chat, html: String(params.text), text: checked.text, params, message });
    return { ok: true, result: message };
  }

  private editMessageText(params: Record<string, unknown>): ApiReply {
    const checked = checkMessageText(params.text, params.parse_mode);
    if (!checked.ok) return checked;
    const original = this.sent.find((message) => message.message_id === Number(params.message_id) && message.chat.id === Number(params.chat_id));
    if (!original) return badRequest("message to edit not found");
    original.html = String(params.text);
    original.text = checked.text;
    return { ok: true, result: { ...original.message, text: checked.text } };
  }
}

/** Resolves when the socket can take more, or when the client went away. */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.once("drain", done);
    response.once("close", done);
  });
}

type ApiReply = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

function badRequest(reason: string): ApiReply {
  return { ok: false, error_code: 400, description: `Bad Request: ${reason}` };
}

function send(response: ServerResponse, body: ApiReply): void {
  response.writeHead(body.ok ? 200 : body.error_code, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  if (raw === "") return {};
  const type = request.headers["content-type"] ?? "";
  if (type.includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  if (type.includes("application/x-www-form-urlencoded")) {
    // Form bodies carry objects (reply_markup, …) as JSON strings.
    return Object.fromEntries([...new URLSearchParams(raw)].map(([key, value]) => [key, parseMaybeJson(value)]));
  }
  throw new Error(`fake Bot API: unsupported content type ${type}`);
}

function parseMaybeJson(value: string): unknown {
  if (!/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // Plain text that merely starts with a bracket.
  }
}

function checkMessageText(text: unknown, parseMode: unknown): { ok: true; text: string } | (ApiReply & { ok: false }) {
  if (typeof text !== "string" || text.trim() === "") return badRequest("message text is empty") as ApiReply & { ok: false };
  // Deliberately stricter than Telegram, which counts after parsing: the raw HTML must fit too.
  if (text.length > maxTextLength) return badRequest("message is too long") as ApiReply & { ok: false };
  if (parseMode === undefined) return { ok: true, text };
  if (parseMode !== "HTML") return badRequest(`unsupported parse_mode ${String(parseMode)} in this fake`) as ApiReply & { ok: false };
  const parsed = parseTelegramHtml(text);
  if (!parsed.ok) return badRequest(`can't parse entities: ${parsed.error}`) as ApiReply & { ok: false };
  if (parsed.text.trim() === "") return badRequest("message text is empty") as ApiReply & { ok: false };
  return { ok: true, text: parsed.text };
}

function checkReplyMarkup(markup: unknown): ApiReply | undefined {
  if (markup === undefined) return undefined;
  const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard;
  if (!Array.isArray(rows)) return badRequest("inline keyboard expected");
  for (const row of rows) {
    if (!Array.isArray(row)) return badRequest("inline keyboard row expected");
    for (const button of row as Array<{ text?: unknown; callback_data?: unknown; url?: unknown }>) {
      if (typeof button.text !== "string" || button.text === "") return badRequest("button text is empty");
      if (button.callback_data !== undefined) {
        if (typeof button.callback_data !== "string" || Buffer.byteLength(button.callback_data) > 64 || button.callback_data === "") {
          return badRequest("BUTTON_DATA_INVALID");
        }
      } else if (button.url === undefined) return badRequest("button action expected");
    }
  }
  return undefined;
}

function checkCommands(commands: unknown): ApiReply {
  if (!Array.isArray(commands)) return badRequest("commands expected");
  for (const entry of commands as Array<{ command?: unknown; description?: unknown }>) {
    if (typeof entry.command !== "string" || !/^[a-z0-9_]{1,32}$/.test(entry.command)) return badRequest("BOT_COMMAND_INVALID");
    if (typeof entry.description !== "string" || entry.description.length < 1 || entry.description.length > 256) {
      return badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
  }
  return { ok: true, result: true };
}

const allowedTags = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre", "blockquote", "tg-spoiler", "span", "tg-emoji"]);
const namedEntities: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

/**
 * Parses Telegram-flavoured HTML the way the Bot API does, strictly: only Telegram's tags, every
 * tag closed in order, no nested links or blockquotes, nothing inside `code`/`pre` but text, and
 * `&` only as `&lt;` `&gt;` `&amp;` `&quot;` or a numeric entity. A raw `<` or `>` in text is an
 * error. Returns the visible text.
 */
export function parseTelegramHtml(html: string): { ok: true; text: string } | { ok: false; error: string } {
  const stack: string[] = [];
  let text = "";
  let index = 0;
  const at = () => `at byte offset ${Buffer.byteLength(html.slice(0, index))}`;
  while (index < html.length) {
    const char = html[index]!;
    if (char === "<") {
      const tagMatch = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^<>]*)>/.exec(html.slice(index));
      if (!tagMatch) return { ok: false, error: `Unsupported start tag ${at()}` };
      const [whole, slash, rawName, attributes] = tagMatch as unknown as [string, string, string, string];
      const name = rawName.toLowerCase();
      if (!allowedTags.has(name)) return { ok: false, error: `Unsupported start tag "${name}" ${at()}` };
      if (slash) {
        const open = stack.pop();
        if (open !== name) return { ok: false, error: `Unmatched end tag ${at()}, expected "</${open ?? ""}>", found "</${name}>"` };
        if (attributes.trim() !== "") return { ok: false, error: `Unexpected attributes in end tag ${at()}` };
      } else {
        const problem = checkOpenTag(name, attributes, stack);
        if (problem) return { ok: false, error: `${problem} ${at()}` };
        stack.push(name);
      }
      index += whole.length;
      continue;
    }
    if (char === ">") return { ok: false, error: `Unexpected ">" in text ${at()}` };
    if (char === "&") {
      const entity = /^&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/.exec(html.slice(index));
      if (!entity) return { ok: false, error: `Unsupported HTML entity ${at()}` };
      const name = entity[1]!;
      text += name.startsWith("#x")
        ? String.fromCodePoint(parseInt(name.slice(2), 16))
        : name.startsWith("#")
          ? String.fromCodePoint(Number(name.slice(1)))
          : namedEntities[name]!;
      index += entity[0].length;
      continue;
    }
    text += char;
    index += 1;
  }
  if (stack.length > 0) return { ok: false, error: `Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"` };
  return { ok: true, text };
}

function checkOpenTag(name: string, attributes: string, stack: readonly string[]): string | undefined {
  const parent = stack[stack.length - 1];
  if (parent === "code" || (parent === "pre" && name !== "code")) return `Tag "${name}" is not allowed inside "${parent}"`;
  if (name === "a" && stack.includes("a")) return `Nested links are not allowed`;
  if (name === "blockquote" && stack.includes("blockquote")) return `Nested blockquotes are not allowed`;
  const attributeList = [...attributes.matchAll(/\s+([a-z-]+)(?:="([^"]*)")?/g)];
  const consumed = attributeList.map((match) => match[0]).join("");
  if (consumed !== attributes.replace(/\s+$/, "")) return `Malformed attributes in tag "${name}"`;
  for (const [, attribute, value] of attributeList) {
    if (value !== undefined && /&(?!(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)|</.test(value)) return `Unescaped character in attribute value`;
    const allowed =
      (name === "a" && attribute === "href" && value !== undefined) ||
      (name === "blockquote" && attribute === "expandable" && value === undefined) ||
      (name === "span" && attribute === "class" && value === "tg-spoiler") ||
      (name === "code" && attribute === "class" && value !== undefined && value.startsWith("language-")) ||
      (name === "tg-emoji" && attribute === "emoji-id" && value !== undefined);
    if (!allowed) return `Unsupported attribute "${attribute}" in tag "${name}"`;
  }
  if (name === "a" && !attributeList.some(([, attribute]) => attribute === "href")) return `Tag "a" must have an href`;
  return undefined;
}
