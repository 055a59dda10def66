import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEmbedder } from "../../embeddings/create-embedder.js";
import { OllamaEmbedder } from "../../embeddings/ollama-embedder.js";
import { OpenAiEmbedder } from "../../embeddings/openai-embedder.js";
import { loadLlmConfig } from "../../src/config/llm-config.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { startFakeOllama, startFakeOpenAi, unusedPort, type FakeLlmServer } from "../fakes/llm-servers.js";
import { nullQuestions } from "../../src/calibration/null-questions.js";

let openai: FakeLlmServer;
let ollama: FakeLlmServer;
const limits = { timeoutMs: 2000, maxRetries: 0 };
const openAiEmbedder = () => OpenAiEmbedder.create({ model: "text-embedding-3-small", apiKey: "sk-test-key-000000000000", baseUrl: openai.baseUrl, ...limits });
const ollamaEmbedder = (batchSize?: number) => OllamaEmbedder.create({ model: "nomic-embed-text", baseUrl: ollama.baseUrl, batchSize, ...limits });

beforeAll(async () => {
  openai = await startFakeOpenAi({ embeddingDimensions: 96 });
  ollama = await startFakeOllama({ embeddingDimensions: 80 });
});
afterAll(async () => {
  await Promise.all([openai.close(), ollama.close()]);
});
beforeEach(() => {
  openai.reset();
  ollama.reset();
  openai.embeddingDimensions = 96;
  ollama.embeddingDimensions = 80;
});

describe("hosted embedders", () => {
  it("OpenAiEmbedder probes the dimensions once and names itself openai:<model>", async () => {
    const embedder = await openAiEmbedder();
    expect(embedder).toMatchObject({ id: "openai:text-embedding-3-small", dimensions: 96 });
    expect(openai.embedded).toEqual([["dimension probe"]]);
    const vectors = await embedder.embedDocuments(["Duitsland levert Iris-T.", "Washington levert Nasams."]);
    expect(vectors.map((vector) => vector.length)).toEqual([96, 96]);
    expect((await embedder.embedQuery("Iris-T")).length).toBe(96);
    expect(openai.embedded).toHaveLength(3);
  });

  it("OllamaEmbedder probes the dimensions once, names itself ollama:<model> and sends batches", async () => {
    const embedder = await ollamaEmbedder(2);
    expect(embedder).toMatchObject({ id: "ollama:nomic-embed-text", dimensions: 80 });
    const vectors = await embedder.embedDocuments(["a b c", "d e f", "g h i", "j k l", "m n o"]);
    expect(vectors).toHaveLength(5);
    expect(ollama.embedded.slice(1).map((batch) => batch.length)).toEqual([2, 2, 1]);
  });

  it("fails at creation, naming model and server, when the server is unreachable", async () => {
    const baseUrl = `http://127.0.0.1:${await unusedPort()}`;
    await expect(OllamaEmbedder.create({ model: "nomic-embed-text", baseUrl, ...limits })).rejects.toThrow(/nomic-embed-text.*127\.0\.0\.1/);
    await expect(
      OpenAiEmbedder.create({ model: "text-embedding-3-small", apiKey: "sk-test-key-000000000000", baseUrl: `${baseUrl}/v1`, ...limits }),
    ).rejects.toThrow(/text-embedding-3-small.*127\.0\.0\.1/);
  });

  it("refuses vectors of another size than probed", async () => {
    const embedder = await openAiEmbedder();
    openai.embeddingDimensions = 32;
    await expect(embedder.embedQuery("Iris-T")).rejects.toThrow(/32 dimensions, expected 96/);
  });

  it("createEmbedder builds them from EMBEDDINGS_PROVIDER with the shared endpoints", async () => {
    const hosted = loadLlmConfig({ OPENAI_BASE_URL: openai.baseUrl, OLLAMA_BASE_URL: ollama.baseUrl, EMBEDDINGS_MODEL: "m" }, "openai");
    const fromOpenAi = await createEmbedder(
      { provider: "openai", model: "bge-m3", allowDownload: false, hashingDimensions: 64, cacheDir: "/nonexistent" },
      undefined,
      hosted,
    );
    expect(fromOpenAi.id).toBe("openai:bge-m3");
    const both = { ...hosted, endpoints: { ...hosted.endpoints, ollama: { baseUrl: ollama.baseUrl } } };
    const fromOllama = await createEmbedder(
      { provider: "ollama", model: "bge-m3", allowDownload: false, hashingDimensions: 64, cacheDir: "/nonexistent" },
      undefined,
      both,
    );
    expect(fromOllama.id).toBe("ollama:bge-m3");
  });
});

describe("switching embedder", () => {
  let fixture: CoreFixture;
  beforeEach(async () => {
    fixture = await coreFixture();
  });
  afterEach(async () => {
    await fixture.cleanup();
  });

  it("rebuilds the index for a new hosted embedder, and reuses it while the embedder stays", async () => {
    await fixture.open(); // hashing, version 1
    const viaOpenAi = await fixture.open(await openAiEmbedder());
    expect(viaOpenAi.status()).toMatchObject({ corpusVersion: 2, passages: 4, embedder: { id: "openai:text-embedding-3-small", dimensions: 96 } });
    // The probe, the four passages in one batch, then each off-topic calibration question as a query.
    const calibrationQueries = Array.from(nullQuestions, () => 1);
    expect(openai.embedded.map((batch) => batch.length)).toEqual([1, 4, ...calibrationQueries]);

    openai.reset();
    const again = await fixture.open(await openAiEmbedder());
    expect(again.status().corpusVersion).toBe(2);
    expect(openai.embedded).toEqual([["dimension probe"]]);
    const answer = await again.ask("Welk luchtafweersysteem levert Duitsland?", { platform: "test" });
    expect(answer.citations[0]!.paragraph).toBe(3);
    // The question, followed by the other forms of its names (Duitsland → Germany, Duits…).
    expect(openai.embedded.at(-1)![0]).toMatch(/^Welk luchtafweersysteem levert Duitsland\? .*germany/);

    const viaOllama = await fixture.open(await ollamaEmbedder());
    expect(viaOllama.status()).toMatchObject({ corpusVersion: 3, embedder: { id: "ollama:nomic-embed-text", dimensions: 80 } });
    expect(ollama.embedded.map((batch) => batch.length)).toEqual([1, 4, ...calibrationQueries]);
  });
});
