import fs from "node:fs/promises";
import path from "node:path";
import { Embeddings } from "@langchain/core/embeddings";
// Type-only: erased at runtime, so importing this module never loads onnxruntime.
import type { DataType, FeatureExtractionPipeline } from "@huggingface/transformers";
import { inBatches } from "../src/util/batches.js";
import type { Embedder } from "../src/port/embedder.js";

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
/** Where transformers.js downloads models from unless `remoteHost` says otherwise. */
const DEFAULT_REMOTE_HOST = "https://huggingface.co/";
const DEFAULT_DOWNLOAD_TIMEOUT_MS = 20_000;

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
  /** Host models are downloaded from (transformers.js `env.remoteHost`: the Hub or a mirror); default `https://huggingface.co/`. */
  remoteHost?: string;
  /**
   * A download gives up when the host sends nothing for this long: no response to a request, or a response body that
   * stalls. Every request still open to the host is then aborted and `load` rejects with a `TimeoutError` `DOMException`
   * as `cause`. It bounds silence, not the whole download, so a slow but working link still gets the model.
   * Default 20 000.
   */
  downloadTimeoutMs?: number;
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

function withTrailingSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
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

interface HubFetchGuard {
  /** Set when the host left a request unanswered for the time-out; the reason the load's requests were aborted with. */
  readonly timeout: DOMException | undefined;
  /** Aborts whatever is still open to the host, stops the timers and puts the previous global `fetch` back. */
  release(): void;
}

/**
 * transformers.js 3.8 downloads with the global `fetch` and takes neither a signal nor a fetch of its own (`env.fetch`
 * came in a later major), so a silent host would hold a load for minutes. While one load runs, requests under
 * `remoteHost` go through this wrapper instead. Each gets an AbortSignal, aborted when the host keeps us waiting for
 * `timeoutMs`: for the response, or for the next bytes of a body being read (a body nobody reads is not the host's
 * fault). The first silence aborts every request of the load, which fails anyway, and `release` aborts what is left,
 * so no request outlives the load. Other URLs pass through untouched.
 */
function guardHubFetch(remoteHost: string, timeoutMs: number): HubFetchGuard {
  const original = globalThis.fetch;
  const load = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  let timeout: DOMException | undefined;

  /** Runs `waiting`, aborting the load if it takes `timeoutMs`. */
  const deadline = async <T>(waiting: Promise<T>): Promise<T> => {
    const timer = setTimeout(() => {
      timeout ??= new DOMException(`no answer from ${new URL(remoteHost).host} for ${Number((timeoutMs / 1000).toFixed(1))} s`, "TimeoutError");
      load.abort(timeout);
    }, timeoutMs);
    timers.add(timer);
    try {
      return await waiting;
    } finally {
      clearTimeout(timer);
      timers.delete(timer);
    }
  };

  const guarded = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(remoteHost)) return original(input, init);
    const signal = init?.signal ? AbortSignal.any([load.signal, init.signal]) : load.signal;
    const response = await deadline(original(input, { ...init, signal }));
    if (!response.body) return response;
    // The body is read on demand (highWaterMark 0), so the clock runs only while a reader waits for the host.
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const { done, value } = await deadline(reader.read());
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  globalThis.fetch = guarded;

  return {
    get timeout() {
      return timeout;
    },
    release() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      if (!load.signal.aborted) load.abort(new DOMException("the model load ended", "AbortError"));
      // Someone else may have replaced fetch meanwhile (a test stub): leave theirs alone.
      if (globalThis.fetch === guarded) globalThis.fetch = original;
    },
  };
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
   * Loads the pipeline once and probes its dimensions. Downloads (when allowed) give up after `downloadTimeoutMs` of
   * silence from the host, with no request left open.
   * @throws Error naming the model, dtype and searched folders (original error as `cause`) when it cannot load; when
   *   the host went silent, `cause` is a `DOMException` named `TimeoutError`.
   */
  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const { model, cacheDir, allowDownload } = options;
    const dtype = options.dtype ?? DEFAULT_DTYPE;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    const timeoutMs = options.downloadTimeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
    const remoteHost = withTrailingSlash(options.remoteHost ?? DEFAULT_REMOTE_HOST);
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    if (!(timeoutMs > 0)) throw new RangeError(`downloadTimeoutMs must be positive, got ${timeoutMs}`);
    if (!URL.canParse(remoteHost)) throw new RangeError(`remoteHost must be a URL such as ${DEFAULT_REMOTE_HOST}, got ${remoteHost}`);
    let guard: HubFetchGuard | undefined;
    try {
      const pipe = await serialised(async () => {
        const { env, pipeline } = await import("@huggingface/transformers");
        env.localModelPath = options.modelDir ?? cacheDir;
        env.cacheDir = cacheDir;
        env.allowLocalModels = true;
        env.allowRemoteModels = allowDownload;
        env.remoteHost = remoteHost;
        guard = allowDownload ? guardHubFetch(remoteHost, timeoutMs) : undefined;
        try {
          return await pipeline("feature-extraction", model, { dtype, cache_dir: cacheDir, local_files_only: !allowDownload });
        } finally {
          guard?.release();
        }
      });
      const [probe] = await embedBatch(pipe, ["query: probe"]);
      if (!probe?.length) throw new Error("the model returned an empty embedding");
      return new TransformersEmbedder(model, probe.length, pipe, batchSize);
    } catch (caught) {
      // transformers.js may wrap or replace the abort error; the guard knows for sure whether the host went silent.
      const cause: unknown = guard?.timeout ?? caught;
      const where = searchRoots({ ...options, dtype }).join(" and ");
      const download = allowDownload ? `downloads allowed from ${remoteHost}` : "downloads are disabled (allowDownload=false)";
      throw new Error(
        `Cannot load embeddings model "${model}" (dtype ${dtype}, needs ${requiredFiles(dtype).join(", ")}): ` +
          `looked in ${where}; ${download}. ${cause instanceof Error ? cause.message : String(cause)}`,
        { cause },
      );
    }
  }

  /** Embeds passages with the `"passage: "` prefix, `batchSize` texts per inference call, preserving order. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const embedPassages = (batch: string[]) =>
      this.caller.call(
        embedBatch,
        this.pipe,
        batch.map((text) => `passage: ${text}`),
      );
    return inBatches(texts, this.batchSize, embedPassages);
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
