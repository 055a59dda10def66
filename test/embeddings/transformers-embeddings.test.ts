import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { TransformersEmbedder, isModelAvailableLocally } from "../../embeddings/transformers-embeddings.js";
import { TINY_HIDDEN_SIZE, buildTinyModel } from "../fixtures/tiny-model.js";

const norm = (vector: number[]): number => Math.hypot(...vector);

describe("TransformersEmbedder (tiny offline model, real transformers.js pipeline)", () => {
  let tmp: string;
  let modelDir: string;
  let model: string;
  let cacheDir: string;
  let embedder: TransformersEmbedder;
  // Any network attempt must fail loudly instead of silently reaching the Hub.
  const fetchSpy = vi.fn(async (input: unknown) => {
    throw new Error(`network access attempted in an offline test: ${String(input)}`);
  });

  beforeAll(async () => {
    vi.stubGlobal("fetch", fetchSpy);
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "nieuwsbot-tiny-model-"));
    ({ modelDir, model } = await buildTinyModel(path.join(tmp, "models")));
    cacheDir = path.join(tmp, "cache");
    embedder = await TransformersEmbedder.load({ model, modelDir, cacheDir, allowDownload: false, dtype: "fp32", batchSize: 3 });
  });

  afterAll(async () => {
    await embedder?.dispose();
    vi.unstubAllGlobals();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it("reports id and the model's hidden size as dimensions", () => {
    expect(embedder.id).toBe(`transformers:${model}`);
    expect(embedder.dimensions).toBe(TINY_HIDDEN_SIZE);
  });

  it("returns L2-normalised vectors of the probed dimensions", async () => {
    const [doc] = await embedder.embedDocuments(["Het kabinet zegt dat de trein vandaag rijdt."]);
    const query = await embedder.embedQuery("Wat zegt de minister over het weer?");
    for (const vector of [doc!, query]) {
      expect(vector).toHaveLength(TINY_HIDDEN_SIZE);
      expect(norm(vector)).toBeCloseTo(1, 5);
    }
  });

  it("is deterministic and distinguishes different texts", async () => {
    const [a1, a2, b] = await embedder.embedDocuments(["regen in Utrecht", "regen in Utrecht", "zon in Rotterdam"]);
    expect(a1).toEqual(a2);
    expect(a1).toEqual((await embedder.embedDocuments(["regen in Utrecht"]))[0]);
    expect(b).not.toEqual(a1);
  });

  it("uses different e5 prefixes for queries and passages", async () => {
    const [passage] = await embedder.embedDocuments(["x"]);
    const query = await embedder.embedQuery("x");
    expect(query).not.toEqual(passage);
  });

  it("batches more texts than batchSize and keeps their order", async () => {
    const texts = ["de trein", "het weer", "nieuws uit amsterdam", "regen", "zon", "de gemeente", "politie", "zorg"];
    const batched = await embedder.embedDocuments(texts);
    expect(batched).toHaveLength(texts.length);
    const oneByOne = await Promise.all(texts.map(async (text) => (await embedder.embedDocuments([text]))[0]));
    batched.forEach((vector, i) => expect(vector).toEqual(oneByOne[i]));
    expect(await embedder.embedDocuments([])).toEqual([]);
  });

  it("knows which models are available locally without loading them", async () => {
    expect(await isModelAvailableLocally({ model, modelDir, cacheDir, dtype: "fp32" })).toBe(true);
    // The default dtype wants onnx/model_quantized.onnx, which the tiny model does not ship.
    expect(await isModelAvailableLocally({ model, modelDir, cacheDir })).toBe(false);
    expect(await isModelAvailableLocally({ model: "test/missing-model", modelDir, cacheDir, dtype: "fp32" })).toBe(false);
    // Files found in the cache count too, as transformers.js checks it before modelDir.
    expect(await isModelAvailableLocally({ model, cacheDir: modelDir, dtype: "fp32" })).toBe(true);
  });

  it("rejects a missing model with an error naming the model and where it looked", async () => {
    const load = TransformersEmbedder.load({ model: "test/missing-model", modelDir, cacheDir, allowDownload: false, dtype: "fp32" });
    await expect(load).rejects.toThrow(/"test\/missing-model".*downloads are disabled/);
    await expect(load).rejects.toThrow(path.join(modelDir, "test/missing-model"));
    await expect(load).rejects.toHaveProperty("cause");
  });

  it("never touched the network", () => {
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
