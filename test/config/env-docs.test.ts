import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discordEnvShape } from "../../adapters/discord/discord-config.js";
import { sharedAdapterEnvShape } from "../../adapters/shared/adapter-config.js";
import { telegramEnvShape } from "../../adapters/telegram/telegram-config.js";
import { coreEnvShape, loadCoreConfig } from "../../src/config/core-config.js";
import { llmEnvShape } from "../../src/config/llm-config.js";
import { ConfigError } from "../../src/core/errors.js";
import { repoRoot } from "../helpers/core-fixture.js";

const variables = [coreEnvShape, llmEnvShape, sharedAdapterEnvShape, telegramEnvShape, discordEnvShape].flatMap((shape) => Object.keys(shape));

describe("configuration documentation", () => {
  const example = readFileSync(path.join(repoRoot, ".env.example"), "utf8");
  const readme = readFileSync(path.join(repoRoot, "README.md"), "utf8");

  it.each(variables)("%s is in .env.example and the README", (name) => {
    expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
    expect(readme).toContain(`\`${name}\``);
  });

  it("names every wrong variable and how to fix it", () => {
    let error: unknown;
    try {
      loadCoreConfig({ HNSW_M: "lots", EMBEDDINGS_PROVIDER: "magic", FETCH_ALLOW_PRIVATE_NETWORKS: "maybe" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables.sort()).toEqual(["EMBEDDINGS_PROVIDER", "FETCH_ALLOW_PRIVATE_NETWORKS", "HNSW_M"]);
    expect((error as ConfigError).message).toContain("expected one of: auto, hashing, transformers, openai, ollama");
    expect((error as ConfigError).message).toContain(".env.example");
  });
});
