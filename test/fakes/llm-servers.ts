import http from "node:http";
import type { AddressInfo } from "node:net";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { splitSentences } from "../../src/text/sentences.js";

/**
 * Fake OpenAI-compatible and Ollama servers on 127.0.0.1 (random port) that the REAL LangChain
 * clients talk to. They answer in the shape each client asked for, as read from the clients'
 * sources in node_modules:
 *
 * - ChatOpenAI (`@langchain/openai` 1.5.8) `withStructuredOutput` → `POST /v1/chat/completions`
 *   with `response_format: { type: "json_schema", json_schema: { name, schema, strict } }` by
 *   default (parsed by the SDK's `chat.completions.parse` from `message.content`), or with
 *   `tools` + `tool_choice` for `functionCalling` (and gpt-3.5/gpt-4 names), parsed from
 *   `message.tool_calls[0].function.arguments`; `json_object` for `jsonMode`.
 * - ChatOllama (`@langchain/ollama` 1.3) → `POST /api/chat` with `format: <JSON schema>` and
 *   `stream: true`: the reply is NDJSON chunks, `message.content` concatenated, ending `done: true`.
 * - OpenAIEmbeddings → `POST /v1/embeddings` (`encoding_format` float or base64);
 *   OllamaEmbeddings → `POST /api/embed` (`{ model, input: [...] }` → `{ embeddings }`).
 */

/** One chat request as the fake understood it. */
export interface FakeChatCall {
  provider: "openai" | "ollama";
  model: string;
  /** How the client asked for structured output. */
  structured: "json_schema" | "tool" | "format" | "json_mode" | "none";
  /** `response_format.json_schema.name` or the tool name (Ollama's `format` carries none). */
  schemaName?: string;
  /** Top-level properties of the requested schema: tells answer requests from rewrite requests. */
  schemaProperties: string[];
  system: string;
  user: string;
  body: Record<string, unknown>;
}

/** What the fake "model" does with one request. */
export type FakeReply =
  /** The structured output, delivered where the client expects it (content, tool call, stream). */
  | { json: unknown }
  /** Raw text where the JSON would go: malformed JSON, an empty string. */
  | { content: string }
  /** An HTTP error with the provider's error body. */
  | { status: number; message?: string; retryAfterSeconds?: number }
  /** Waits, then replies (a slow model); gives up silently if the client hung up. */
  | { delayMs: number; then: FakeReply };

export type FakeScript = FakeReply | ((call: FakeChatCall) => FakeReply);

export interface FakeLlmServer {
  readonly provider: "openai" | "ollama";
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** What the client config wants: `${origin}/v1` for OpenAI (`baseURL`), the origin for Ollama. */
  readonly baseUrl: string;
  readonly calls: FakeChatCall[];
  /** Texts embedded, one array per request. */
  readonly embedded: string[][];
  /** Replies for the next chat requests, in order; after that `fallback` answers. */
  script(...replies: FakeScript[]): void;
  fallback: FakeScript;
  /** Embedding dimensions (a hashing embedder of this size produces the vectors). */
  embeddingDimensions: number;
  /** Forgets calls and scripts (between tests sharing one server). */
  reset(): void;
  close(): Promise<void>;
}

const unscripted: FakeReply = { status: 500, message: "fake server: no scripted reply" };

export function startFakeOpenAi(options: { embeddingDimensions?: number } = {}): Promise<FakeLlmServer> {
  return startFake("openai", options.embeddingDimensions ?? 96);
}

export function startFakeOllama(options: { embeddingDimensions?: number } = {}): Promise<FakeLlmServer> {
  return startFake("ollama", options.embeddingDimensions ?? 80);
}

/** A port nothing listens on (bound, then released), for "server unreachable" tests. */
export async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function startFake(provider: "openai" | "ollama", dimensions: number): Promise<FakeLlmServer> {
  const queue: FakeScript[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const embedders = new Map<number, HashingEmbedder>();
  const fake = {
    provider,
    origin: "",
    baseUrl: "",
    calls: [] as FakeChatCall[],
    embedded: [] as string[][],
    fallback: unscripted as FakeScript,
    embeddingDimensions: dimensions,
    script: (...replies: FakeScript[]) => void queue.push(...replies),
    reset: () => {
      queue.length = 0;
      fake.calls.length = 0;
      fake.embedded.length = 0;
      fake.fallback = unscripted;
    },
    close: async () => {},
  };
  const embed = (texts: string[]) => {
    fake.embedded.push(texts);
    const size = fake.embeddingDimensions;
    if (!embedders.has(size)) embedders.set(size, new HashingEmbedder(size));
    return texts.map((text) => embedders.get(size)!.embed(text));
  };
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const respond = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    try {
      const body = JSON.parse((await readBody(req)) || "{}") as Record<string, unknown>;
      const route = `${req.method} ${req.url}`;
      if (provider === "openai" && route === "POST /v1/embeddings") return sendJson(res, 200, openAiEmbeddings(body, embed));
      if (provider === "ollama" && route === "POST /api/embed") {
        const input = body.input;
        return sendJson(res, 200, { model: body.model, embeddings: embed(Array.isArray(input) ? (input as string[]) : [String(input)]) });
      }
      const isChat = provider === "openai" ? route === "POST /v1/chat/completions" : route === "POST /api/chat";
      if (!isChat) return sendJson(res, 404, { error: `fake ${provider}: no route ${route}` });
      const call = provider === "openai" ? describeOpenAiCall(body) : describeOllamaCall(body);
      fake.calls.push(call);
      const script = queue.shift() ?? fake.fallback;
      let reply = typeof script === "function" ? script(call) : script;
      while ("delayMs" in reply) {
        await sleep(reply.delayMs);
        if (res.destroyed) return;
        reply = reply.then;
      }
      if ("status" in reply) return sendError(provider, res, reply);
      const payload = "json" in reply ? JSON.stringify(reply.json) : reply.content;
      if (provider === "openai") return sendJson(res, 200, openAiCompletion(call, payload));
      return sendOllamaStream(res, call, payload);
    } catch (error) {
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { error: `fake server crashed: ${(error as Error).message}` });
    }
  };
  // `respond` catches everything itself; the server only starts it.
  const server = http.createServer((req, res) => void respond(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  fake.origin = `http://127.0.0.1:${port}`;
  fake.baseUrl = provider === "openai" ? `${fake.origin}/v1` : fake.origin;
  fake.close = async () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return fake;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(value));
}

function sendError(provider: "openai" | "ollama", res: http.ServerResponse, reply: { status: number; message?: string; retryAfterSeconds?: number }): void {
  const message = reply.message ?? `fake error ${reply.status}`;
  const headers: Record<string, string> = reply.retryAfterSeconds !== undefined ? { "retry-after": String(reply.retryAfterSeconds) } : {};
  const body =
    provider === "openai" ? { error: { message, type: reply.status === 429 ? "rate_limit_exceeded" : "server_error", code: null } } : { error: message };
  sendJson(res, reply.status, body, headers);
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? part : String((part as { text?: unknown }).text ?? ""))).join("");
  return "";
}

function messagesOf(body: Record<string, unknown>): { system: string; user: string } {
  const messages = (body.messages ?? []) as Array<{ role: string; content: unknown }>;
  const join = (roles: string[]) =>
    messages
      .filter((message) => roles.includes(message.role))
      .map((message) => textOf(message.content))
      .join("\n");
  return { system: join(["system", "developer"]), user: join(["user"]) };
}

function propertiesOf(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return properties ? Object.keys(properties) : [];
}

function describeOpenAiCall(body: Record<string, unknown>): FakeChatCall {
  const format = body.response_format as { type?: string; json_schema?: { name?: string; schema?: unknown } } | undefined;
  const tools = body.tools as Array<{ function: { name: string; parameters: unknown } }> | undefined;
  const base = { provider: "openai" as const, model: String(body.model), body, ...messagesOf(body) };
  if (format?.type === "json_schema") {
    return { ...base, structured: "json_schema", schemaName: format.json_schema?.name, schemaProperties: propertiesOf(format.json_schema?.schema) };
  }
  if (tools?.length) return { ...base, structured: "tool", schemaName: tools[0]!.function.name, schemaProperties: propertiesOf(tools[0]!.function.parameters) };
  return { ...base, structured: format?.type === "json_object" ? "json_mode" : "none", schemaProperties: [] };
}

function describeOllamaCall(body: Record<string, unknown>): FakeChatCall {
  const base = { provider: "ollama" as const, model: String(body.model), body, ...messagesOf(body) };
  const tools = body.tools as Array<{ function: { name: string; parameters: unknown } }> | undefined;
  if (tools?.length) return { ...base, structured: "tool", schemaName: tools[0]!.function.name, schemaProperties: propertiesOf(tools[0]!.function.parameters) };
  if (body.format && typeof body.format === "object") return { ...base, structured: "format", schemaProperties: propertiesOf(body.format) };
  return { ...base, structured: body.format === "json" ? "json_mode" : "none", schemaProperties: [] };
}

function openAiCompletion(call: FakeChatCall, payload: string): Record<string, unknown> {
  const message =
    call.structured === "tool"
      ? {
          role: "assistant",
          content: null,
          refusal: null,
          tool_calls: [{ id: "call_fake_1", type: "function", function: { name: call.schemaName, arguments: payload } }],
        }
      : { role: "assistant", content: payload, refusal: null };
  return {
    id: `chatcmpl-fake-${Date.now()}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: call.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: call.structured === "tool" ? "tool_calls" : "stop" }],
    usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
  };
}

function openAiEmbeddings(body: Record<string, unknown>, embed: (texts: string[]) => number[][]): Record<string, unknown> {
  const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const base64 = body.encoding_format === "base64";
  const data = embed(input).map((vector, index) => ({
    object: "embedding",
    index,
    embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector,
  }));
  return { object: "list", data, model: body.model, usage: { prompt_tokens: input.length, total_tokens: input.length } };
}

/** Ollama streams NDJSON; the payload is split over two chunks so the client must concatenate. */
function sendOllamaStream(res: http.ServerResponse, call: FakeChatCall, payload: string): void {
  if (res.destroyed) return;
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  const created_at = new Date().toISOString();
  const half = Math.ceil(payload.length / 2);
  const message = (content: string) =>
    call.structured === "tool" && content
      ? { role: "assistant", content: "", tool_calls: [{ function: { name: call.schemaName, arguments: JSON.parse(payload) as unknown } }] }
      : { role: "assistant", content };
  const chunks =
    call.structured === "tool"
      ? [{ model: call.model, created_at, message: message(payload), done: false }]
      : [payload.slice(0, half), payload.slice(half)].map((part) => ({ model: call.model, created_at, message: message(part), done: false }));
  for (const chunk of chunks) res.write(JSON.stringify(chunk) + "\n");
  res.end(
    JSON.stringify({
      model: call.model,
      created_at,
      message: { role: "assistant", content: "" },
      done: true,
      done_reason: "stop",
      total_duration: 1,
      prompt_eval_count: 100,
      eval_count: 20,
    }) + "\n",
  );
}

// ---- helpers for writing scripts ----

/** The numbered passages in an answer prompt (number → text), as the model saw them. */
export function promptPassages(call: FakeChatCall): Map<number, string> {
  const passages = new Map<number, string>();
  for (const match of call.user.matchAll(/<passage_([0-9a-f]+) number="(\d+)">\n([\s\S]*?)\n<\/passage_\1>/g)) {
    passages.set(Number(match[2]), match[3]!);
  }
  return passages;
}

/** The fenced question in a prompt. */
export function promptQuestion(call: FakeChatCall): string {
  return /<question_([0-9a-f]+)>\n([\s\S]*?)\n<\/question_\1>/.exec(call.user)?.[2] ?? "";
}

export const isRewriteCall = (call: FakeChatCall) => call.schemaProperties.includes("standalone");
export const isAnswerCall = (call: FakeChatCall) => call.schemaProperties.includes("citations");

/**
 * A citation of the shown passage containing `fragment`: its number and the sentence around the
 * fragment. `retype` re-types it like a model would (straight quotes, a line break for a space),
 * which verification must accept.
 */
export function citeSentence(call: FakeChatCall, fragment: string, options: { retype?: boolean } = {}): { passage: number; sentence: string } {
  for (const [passage, text] of promptPassages(call)) {
    if (!text.includes(fragment)) continue;
    const sentence = splitSentences(text).find((candidate) => candidate.includes(fragment)) ?? fragment;
    return { passage, sentence: options.retype ? sentence.replace(/[“”]/g, '"').replace(/ /, "\n  ") : sentence };
  }
  throw new Error(
    `fake model: no shown passage contains "${fragment}"; shown: ${[...promptPassages(call).values()].map((text) => text.slice(0, 40)).join(" | ")}`,
  );
}

/** A good, grounded answer citing the passages that contain `fragments`. */
export function groundedAnswer(answer: string, fragments: string[], options: { retype?: boolean } = {}): (call: FakeChatCall) => FakeReply {
  return (call) => ({ json: { answerable: true, answer, citations: fragments.map((fragment) => citeSentence(call, fragment, options)) } });
}

/** A rewrite reply. */
export function rewriteTo(standalone: string, dutch: string): FakeReply {
  return { json: { standalone, dutch } };
}

/**
 * A generic model for benchmarks: rewrites echo the question, answers cite the first sentence of
 * passage 1 and repeat it as the answer (Dutch questions only: the answer text is Dutch).
 */
export const echoModel: (call: FakeChatCall) => FakeReply = (call) => {
  if (isRewriteCall(call)) return rewriteTo(promptQuestion(call), promptQuestion(call));
  const first = promptPassages(call).get(1) ?? "";
  const sentence = splitSentences(first)[0] ?? first;
  return { json: { answerable: true, answer: sentence, citations: [{ passage: 1, sentence }] } };
};
