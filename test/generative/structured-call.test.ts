import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatModelSettings, StructuredOutputMode } from "../../src/config/llm-config.js";
import { generatedAnswerName, generatedAnswerSchema } from "../../src/generative/answer-schema.js";
import { createChatModel } from "../../src/generative/chat-model.js";
import { ModelError } from "../../src/generative/model-error.js";
import { StructuredCall } from "../../src/generative/structured-call.js";
import { startFakeOllama, startFakeOpenAi, unusedPort, type FakeLlmServer, type FakeReply } from "../fakes/llm-servers.js";

const good = { answerable: true, answer: "Iris-T.", citations: [{ passage: 1, sentence: "Duitsland belooft Iris-T." }] };
const servers: Record<"openai" | "ollama", FakeLlmServer> = {} as never;

beforeAll(async () => {
  servers.openai = await startFakeOpenAi();
  servers.ollama = await startFakeOllama();
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

function call(
  provider: "openai" | "ollama",
  options: { model?: string; mode?: StructuredOutputMode; timeoutMs?: number; baseUrl?: string; maxRetries?: number } = {},
) {
  const settings: ChatModelSettings = {
    provider,
    model: options.model ?? (provider === "openai" ? "gpt-4o-mini" : "llama3.1:8b"),
    timeoutMs: options.timeoutMs ?? 2000,
    maxRetries: options.maxRetries ?? 0,
    temperature: 0,
    structuredOutput: options.mode ?? "auto",
  };
  const baseUrl = options.baseUrl ?? servers[provider].baseUrl;
  const model = createChatModel(settings, { openai: { apiKey: "sk-test-not-a-real-key-000000", baseUrl }, ollama: { baseUrl } });
  return new StructuredCall(model, generatedAnswerSchema, generatedAnswerName, { timeoutMs: settings.timeoutMs, mode: settings.structuredOutput });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ModelError);
  return (error as ModelError).code;
}

const question = [new HumanMessage("Welk systeem levert Duitsland?")];

describe("structured output through the real LangChain clients", () => {
  it("ChatOpenAI sends response_format json_schema by default and parses message.content", async () => {
    servers.openai.script({ json: good });
    await expect(call("openai").invoke(question)).resolves.toEqual(good);
    const sent = servers.openai.calls.at(-1)!;
    expect(sent).toMatchObject({ structured: "json_schema", schemaName: "grounded_answer", model: "gpt-4o-mini" });
    expect(sent.schemaProperties).toEqual(["answerable", "answer", "citations"]);
    expect((sent.body.response_format as { json_schema: { strict: boolean } }).json_schema.strict).toBe(true);
  });

  it("ChatOpenAI uses tool calling for gpt-4 names and when asked to", async () => {
    servers.openai.script({ json: good }, { json: good });
    await expect(call("openai", { model: "gpt-4" }).invoke(question)).resolves.toEqual(good);
    expect(servers.openai.calls.at(-1)).toMatchObject({ structured: "tool", schemaName: "grounded_answer" });
    await expect(call("openai", { mode: "tool_calling" }).invoke(question)).resolves.toEqual(good);
    expect(servers.openai.calls.at(-1)!.body.tool_choice).toEqual({ type: "function", function: { name: "grounded_answer" } });
  });

  it("ChatOllama sends the JSON schema as `format` and concatenates the NDJSON stream", async () => {
    servers.ollama.script({ json: good });
    await expect(call("ollama").invoke(question)).resolves.toEqual(good);
    const sent = servers.ollama.calls.at(-1)!;
    expect(sent).toMatchObject({ structured: "format", model: "llama3.1:8b" });
    expect(sent.body.stream).toBe(true);
    expect(sent.schemaProperties).toEqual(["answerable", "answer", "citations"]);
  });

  const faults: Array<[string, FakeReply, string]> = [
    ["malformed JSON", { content: '{"answerable": true, "answer": "Iris' }, "MODEL_OUTPUT_INVALID"],
    ["empty output", { content: "" }, "MODEL_OUTPUT_INVALID"],
    ["JSON of the wrong shape", { json: { answer: 42 } }, "MODEL_OUTPUT_INVALID"],
    ["a 500", { status: 500 }, "MODEL_SERVER_ERROR"],
    ["a 429", { status: 429, message: "slow down" }, "MODEL_RATE_LIMITED"],
    ["a reply slower than the time-out", { delayMs: 1500, then: { json: good } }, "MODEL_TIMEOUT"],
  ];
  for (const provider of ["openai", "ollama"] as const) {
    for (const [name, reply, code] of faults) {
      it(`${provider}: ${name} becomes ${code}`, async () => {
        servers[provider].script(reply);
        const started = Date.now();
        expect(await codeOf(call(provider, { timeoutMs: 400 }).invoke(question))).toBe(code);
        expect(Date.now() - started).toBeLessThan(1400);
      });
    }
    it(`${provider}: an unreachable server becomes MODEL_UNREACHABLE`, async () => {
      const baseUrl = `http://127.0.0.1:${await unusedPort()}${provider === "openai" ? "/v1" : ""}`;
      expect(await codeOf(call(provider, { baseUrl }).invoke(question))).toBe("MODEL_UNREACHABLE");
    });
  }

  it("openai: one retry turns a passing 500 into an answer", async () => {
    servers.openai.script({ status: 500 }, { json: good });
    await expect(call("openai", { maxRetries: 1, timeoutMs: 5000 }).invoke(question)).resolves.toEqual(good);
  });
});
