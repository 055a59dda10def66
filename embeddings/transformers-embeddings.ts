import fs from "node:fs/promises";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
// Type-only: erased at runtime, so importing this module never loads onnxruntime.
import type { DataType, FeatureExtractionPipeline } from "@huggingface/transformers";
import type { Embedder } from "./embedder.js";

/** ONNX weight variants transformers.js can load, mapped to the file suffix it requests (`onnx/model<suffix>.onnx`). */
const DTYPE_FILE_SUFFIX = {
  fp32: "",
  fp16: "_fp16",
  q8: "_quantized",
  int8: "_int8",
  uint8: "_uint8",
  q4: "_q4",
  q4f16: "_q4f16",
  bnb4: "_bnb4",
} as const satisfies Record<Exclude<DataType, "auto">, string>;

/** Weight variant to load; decides which `onnx/model*.onnx` file must exist. */
export type TransformersDtype = keyof typeof DTYPE_FILE_SUFFIX;

/**
 * transformers.js 3.x defaults to fp32 (`onnx/model.onnx`) on Node, but Xenova hub models are usually fetched as
 * the 4x smaller `onnx/model_quantized.onnx`, which is what we want for a CPU-bound chat bot.
 */
const DEFAULT_DTYPE: TransformersDtype = "q8";
const DEFAULT_BATCH_SIZE = 32;
const CONFIG_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"] as const;
/** Same rule transformers.js uses to decide whether `localModelPath` applies or the id is a plain path. */
const HUB_ID = /^(\b[\w\-.]+\b\/)?\b[\w\-.]{1,96}\b$/;

/** Options of {@link TransformersEmbedder.load}. */
export interface TransformersEmbedderOptions {
  /** Hub id such as `Xenova/multilingual-e5-small`. */
  model: string;
  /** Folder holding `<modelDir>/<model>/{config.json,tokenizer.json,tokenizer_config.json,onnx/model*.onnx}`; defaults to `cacheDir`. */
  modelDir?: string;
  /** Where downloaded models are cached, as `<cacheDir>/<model>/...`. */
  cacheDir: string;
  /** Whether missing files may be fetched from the Hugging Face Hub. */
  allowDownload: boolean;
  /** Texts per inference call; bounds peak memory. Default 32. */
  batchSize?: number;
  /** Weight variant; default `"q8"` (`onnx/model_quantized.onnx`). Use `"fp32"` for models that only ship `onnx/model.onnx`. */
  dtype?: TransformersDtype;
}

type Location = Pick<TransformersEmbedderOptions, "model" | "modelDir" | "cacheDir" | "dtype">;

function requiredFiles(dtype: TransformersDtype): string[] {
  return [...CONFIG_FILES, `onnx/model${DTYPE_FILE_SUFFIX[dtype]}.onnx`];
}

/** Folders transformers.js searches, in its order: the file cache first, then the local model folder. */
function searchRoots({ model, modelDir, cacheDir }: Location): string[] {
  const local = HUB_ID.test(model) ? path.join(modelDir ?? cacheDir, model) : path.resolve(model);
  return [...new Set([path.join(cacheDir, model), local])];
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Cheap check (file system only, never loads transformers.js or onnxruntime): is every file the model needs present
 * in the cache or `modelDir`? Like transformers.js, each file may come from either folder.
 * `dtype` (default `"q8"`) selects which ONNX file is required.
 */
export async function isModelAvailableLocally(options: Location): Promise<boolean> {
  const roots = searchRoots(options);
  const found = await Promise.all(
    requiredFiles(options.dtype ?? DEFAULT_DTYPE).map(async (file) => {
      for (const root of roots) if (await exists(path.join(root, file))) return true;
      return false;
    }),
  );
  return found.every(Boolean);
}

/** transformers.js keeps its paths in a process-wide `env`; serialising loads stops two embedders racing on it. */
let loadQueue: Promise<unknown> = Promise.resolve();
function serialised<T>(task: () => Promise<T>): Promise<T> {
  const run = loadQueue.then(task, task);
  loadQueue = run.catch(() => undefined);
  return run;
}

async function embedBatch(pipe: FeatureExtractionPipeline, texts: string[]): Promise<number[][]> {
  const output = await pipe(texts, { pooling: "mean", normalize: true });
  return output.tolist() as number[][];
}

/**
 * Local sentence embeddings through transformers.js (ONNX), following the e5 convention of prefixing
 * `"query: "` / `"passage: "`. Mean pooling + L2 normalisation, so dot product equals cosine similarity.
 *
 * Calls `pipeline()` directly rather than wrapping LangChain's `HuggingFaceTransformersEmbeddings`: that wrapper
 * loads lazily on the first embed (load errors would surface mid-ingest), cannot set `env.localModelPath`, has no
 * e5 prefixes and runs all batches concurrently.
 */
export class TransformersEmbedder extends Embeddings implements Embedder {
  readonly id: string;

  private constructor(
    readonly model: string,
    readonly dimensions: number,
    private readonly pipe: FeatureExtractionPipeline,
    private readonly batchSize: number,
  ) {
    // Inference failures are deterministic, so retries would only add backoff delay; one session runs one batch at a time.
    super({ maxRetries: 0, maxConcurrency: 1 });
    this.id = `transformers:${model}`;
  }

  /**
   * Loads the pipeline once and probes its dimensions.
   * @throws Error naming the model, dtype and searched folders (original error as `cause`) when it cannot load.
   */
  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const { model, cacheDir, allowDownload } = options;
    const dtype = options.dtype ?? DEFAULT_DTYPE;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    try {
      const pipe = await serialised(async () => {
        const { env, pipeline } = await import("@huggingface/transformers");
        env.localModelPath = options.modelDir ?? cacheDir;
        env.cacheDir = cacheDir;
        env.allowLocalModels = true;
        env.allowRemoteModels = allowDownload;
        return pipeline("feature-extraction", model, { dtype, cache_dir: cacheDir, local_files_only: !allowDownload });
      });
      const [probe] = await embedBatch(pipe, ["query: probe"]);
      if (!probe?.length) throw new Error("the model returned an empty embedding");
      return new TransformersEmbedder(model, probe.length, pipe, batchSize);
    } catch (cause) {
      const where = searchRoots({ ...options, dtype }).join(" and ");
      const download = allowDownload ? "downloads allowed" : "downloads are disabled (allowDownload=false)";
      throw new Error(
        `Cannot load embeddings model "${model}" (dtype ${dtype}, needs ${requiredFiles(dtype).join(", ")}): ` +
          `looked in ${where}; ${download}. ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
  }

  /** Embeds passages with the `"passage: "` prefix, `batchSize` texts per inference call, preserving order. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((text) => `passage: ${text}`);
      vectors.push(...(await this.caller.call(embedBatch, this.pipe, batch)));
    }
    return vectors;
  }

  /** Embeds a question with the `"query: "` prefix. */
  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.caller.call(embedBatch, this.pipe, [`query: ${text}`]);
    if (!vector) throw new Error(`${this.id} returned no embedding`);
    return vector;
  }

  /** Releases the ONNX session. */
  async dispose(): Promise<void> {
    await this.pipe.dispose();
  }
}
