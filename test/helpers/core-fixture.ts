import { cp, mkdtemp, rm } from "node:fs/promises";
import { afterAll, beforeAll } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCoreConfig, type CoreConfig } from "../../src/config/core-config.js";
import { Core, type CoreOptions } from "../../src/app/nieuwsbot-core.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import type { Embedder } from "../../src/port/embedder.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const shippedCorpus = path.join(repoRoot, "corpus");

/** A hashing embedder that counts how many texts it embedded, to prove what was (not) re-embedded. */
export class CountingEmbedder extends HashingEmbedder {
  embedded = 0;
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded += texts.length;
    return super.embedDocuments(texts);
  }
}

export interface CoreFixture {
  dir: string;
  dataDir: string;
  corpusDir: string;
  config: CoreConfig;
  open(embedder?: Embedder, options?: Partial<CoreOptions>): Promise<Core>;
  cleanup(): Promise<void>;
}

/** A private copy of the shipped corpus and an empty data folder in a temp directory. */
export async function coreFixture(env: Record<string, string> = {}): Promise<CoreFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-"));
  const corpusDir = path.join(dir, "corpus");
  const dataDir = path.join(dir, "data");
  await cp(shippedCorpus, corpusDir, { recursive: true });
  const config = loadCoreConfig({ DATA_DIR: dataDir, CORPUS_DIR: corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "silent", ...env });
  const opened: Core[] = [];
  return {
    dir,
    dataDir,
    corpusDir,
    config,
    async open(embedder = new HashingEmbedder(config.embeddings.hashingDimensions), options = {}) {
      const core = await Core.open({ config, embedder, ...options });
      opened.push(core);
      return core;
    },
    async cleanup() {
      await Promise.all(opened.map((core) => core.close()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Registers vitest hooks that open a core on a private copy of the corpus before the file's tests
 * and clean up after them. Read `.core` / `.fixture` inside tests (they are set in `beforeAll`).
 */
export function useOpenCore(env: Record<string, string> = {}): { readonly core: Core; readonly fixture: CoreFixture } {
  const state = {} as { core: Core; fixture: CoreFixture };
  beforeAll(async () => {
    state.fixture = await coreFixture(env);
    state.core = await state.fixture.open();
  });
  afterAll(async () => state.fixture?.cleanup());
  return state;
}

/** Like `useOpenCore` but only prepares the folders and the environment for a CLI child process. */
export function useCliEnvironment(): { readonly env: Record<string, string>; readonly fixture: CoreFixture } {
  const state = {} as { env: Record<string, string>; fixture: CoreFixture };
  beforeAll(async () => {
    state.fixture = await coreFixture();
    state.env = { DATA_DIR: state.fixture.dataDir, CORPUS_DIR: state.fixture.corpusDir, EMBEDDINGS_PROVIDER: "hashing", LOG_LEVEL: "info" };
  });
  afterAll(async () => state.fixture?.cleanup());
  return state;
}
