import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bootstrap, type App } from "../../src/app/bootstrap.js";
import { ConfigError } from "../../src/port/errors.js";
import { loadLlmConfig } from "../../src/config/llm-config.js";
import { createGenerative } from "../../src/generative/create-generative.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { groundedAnswer, startFakeOpenAi, type FakeLlmServer } from "../fakes/llm-servers.js";
import { envFor } from "./generative-fixture.js";

function configError(env: Record<string, string>, embeddingsProvider?: string): ConfigError {
  try {
    loadLlmConfig(env, embeddingsProvider);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("expected a ConfigError");
}

describe("loadLlmConfig", () => {
  it("defaults to no model at all", () => {
    const config = loadLlmConfig({});
    expect(config.chat).toBeUndefined();
    expect(config.endpoints).toEqual({});
    expect(config.secrets).toEqual([]);
  });

  it("names the missing variable for each provider", () => {
    expect(configError({ LLM_PROVIDER: "openai", LLM_MODEL: "gpt-4o-mini" }).variables).toEqual(["OPENAI_API_KEY"]);
    expect(configError({ LLM_PROVIDER: "ollama", LLM_MODEL: "llama3.1" }).variables).toEqual(["OLLAMA_BASE_URL"]);
    expect(configError({ LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-x" }).variables).toEqual(["LLM_MODEL"]);
    expect(configError({}, "openai").variables).toEqual(["OPENAI_API_KEY", "EMBEDDINGS_MODEL"]);
    const error = configError({ EMBEDDINGS_MODEL: "nomic-embed-text" }, "ollama");
    expect(error.variables).toEqual(["OLLAMA_BASE_URL"]);
    expect(error.message).toContain("EMBEDDINGS_PROVIDER=ollama");
    expect(configError({ LLM_PROVIDER: "claude" }).variables).toEqual(["LLM_PROVIDER"]);
    expect(configError({ LLM_TIMEOUT_MS: "soon" }).variables).toEqual(["LLM_TIMEOUT_MS"]);
    expect(configError({ OLLAMA_BASE_URL: "localhost" }).variables).toEqual(["OLLAMA_BASE_URL"]);
  });

  it("never puts the key in an error message, and lists it as a secret", () => {
    const error = configError({ LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-very-secret-key-123456" });
    expect(error.message).not.toContain("sk-very-secret");
    expect(loadLlmConfig({ OPENAI_API_KEY: "sk-very-secret-key-123456" }).secrets).toEqual(["sk-very-secret-key-123456"]);
  });

  it("accepts a keyless OpenAI-compatible server and shares endpoints with hosted embeddings", () => {
    const config = loadLlmConfig(
      { LLM_PROVIDER: "openai", LLM_MODEL: "qwen2.5", OPENAI_BASE_URL: "http://127.0.0.1:8000/v1", EMBEDDINGS_MODEL: "bge-m3" },
      "openai",
    );
    expect(config.chat).toMatchObject({ provider: "openai", model: "qwen2.5", timeoutMs: 20_000, maxRetries: 1, structuredOutput: "auto" });
    expect(config.endpoints.openai).toEqual({ apiKey: "not-needed", baseUrl: "http://127.0.0.1:8000/v1" });
  });
});

describe("createGenerative", () => {
  it("is absent without a provider", () => {
    expect(createGenerative(loadLlmConfig({}))).toBeUndefined();
  });

  it("turns a structured-output mode the model cannot do into a ConfigError", () => {
    const config = loadLlmConfig({ LLM_PROVIDER: "openai", LLM_MODEL: "gpt-4", OPENAI_API_KEY: "sk-x", LLM_STRUCTURED_OUTPUT: "json_schema" });
    expect(() => createGenerative(config)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", variables: ["LLM_STRUCTURED_OUTPUT"] }));
  });
});

describe("bootstrap", () => {
  let server: FakeLlmServer;
  let fixture: CoreFixture;
  let app: App | undefined;
  beforeAll(async () => {
    server = await startFakeOpenAi();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    server.reset();
    fixture = await coreFixture();
  });
  afterEach(async () => {
    await app?.core.close();
    app = undefined;
    await fixture.cleanup();
  });
  const baseEnv = () => ({ DATA_DIR: fixture.dataDir, CORPUS_DIR: fixture.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "silent" });

  it("stays extractive without LLM_PROVIDER", async () => {
    app = await bootstrap({ env: baseEnv() });
    expect(app.core.status().answerMode).toBe("extractive");
  });

  it("wires the generative answerer and rewriter when a provider is configured", async () => {
    app = await bootstrap({ env: { ...baseEnv(), ...envFor(server) } });
    expect(app.core.status().answerMode).toBe("generative");
    server.script(groundedAnswer("Duitsland levert Iris-T SLM-luchtafweersystemen.", ["Iris-T SLM"]));
    const answer = await app.core.ask("Welk luchtafweersysteem levert Duitsland?", { platform: "test" });
    expect(answer.mode).toBe("generative");
  });

  it("fails at start-up with a ConfigError naming the variable", async () => {
    await expect(bootstrap({ env: { ...baseEnv(), LLM_PROVIDER: "ollama", LLM_MODEL: "llama3.1" } })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      variables: ["OLLAMA_BASE_URL"],
    });
  });
});
