import { describe, expect, it } from "vitest";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { ConfigError } from "../../src/port/errors.js";

describe("model download settings", () => {
  it("default to a 20 s time-out and the Hugging Face Hub", () => {
    const { embeddings } = loadCoreConfig({});
    expect(embeddings.downloadTimeoutMs).toBe(20_000);
    // Unset: TransformersEmbedder uses https://huggingface.co/.
    expect(embeddings.remoteHost).toBeUndefined();
  });

  it("read EMBEDDINGS_DOWNLOAD_TIMEOUT_MS and EMBEDDINGS_REMOTE_HOST", () => {
    const { embeddings } = loadCoreConfig({ EMBEDDINGS_DOWNLOAD_TIMEOUT_MS: "5000", EMBEDDINGS_REMOTE_HOST: "https://hf-mirror.example/" });
    expect(embeddings.downloadTimeoutMs).toBe(5_000);
    expect(embeddings.remoteHost).toBe("https://hf-mirror.example/");
  });

  it("name both variables when they are wrong", () => {
    let error: unknown;
    try {
      loadCoreConfig({ EMBEDDINGS_DOWNLOAD_TIMEOUT_MS: "soon", EMBEDDINGS_REMOTE_HOST: "huggingface" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe("CONFIG_INVALID");
    expect((error as ConfigError).variables.sort()).toEqual(["EMBEDDINGS_DOWNLOAD_TIMEOUT_MS", "EMBEDDINGS_REMOTE_HOST"]);
  });
});
