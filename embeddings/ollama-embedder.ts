import { Embeddings } from "@langchain/core/embeddings";
import { OllamaEmbeddings } from "@langchain/ollama";
import { inBatches } from "../src/util/batches.js";
import { fetchWithTimeout } from "../src/util/fetch-with-timeout.js";
import type { Embedder } from "../src/port/embedder.js";
import { checkedVectors, firstLine } from "./embedder-support.js";

/** Options of {@link OllamaEmbedder.create}. */
export interface OllamaEmbedderOptions {
  /** e.g. `nomic-embed-text`, `bge-m3`. */
  model: string;
  baseUrl: string;
  /** Per request. */
  timeoutMs: number;
  maxRetries: number;
  /** Texts per `POST /api/embed`; LangChain's client would send them all at once. Default 64. */
  batchSize?: number;
}

/**
 * Embeddings from an Ollama server (`POST /api/embed`) through LangChain's `OllamaEmbeddings`.
 * Dimensions are probed once at creation, like {@link OpenAiEmbedder}; the id is `ollama:<model>`.
 */
export class OllamaEmbedder extends Embeddings implements Embedder {
  readonly id: string;

  private constructor(
    private readonly inner: OllamaEmbeddings,
    readonly model: string,
    readonly dimensions: number,
    private readonly batchSize: number,
  ) {
    super({});
    this.id = `ollama:${model}`;
  }

  /** @throws Error naming the model and server when the probe fails. */
  static async create(options: OllamaEmbedderOptions): Promise<OllamaEmbedder> {
    const batchSize = options.batchSize ?? 64;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
    const inner = new OllamaEmbeddings({
      model: options.model,
      baseUrl: options.baseUrl,
      maxRetries: options.maxRetries,
      // ollama-js has no timeout of its own.
      fetch: fetchWithTimeout(options.timeoutMs),
    });
    let probe: number[];
    try {
      probe = await inner.embedQuery("dimension probe");
    } catch (cause) {
      throw new Error(`Cannot get embeddings for model "${options.model}" from Ollama at ${options.baseUrl}: ${firstLine(cause)}`, { cause });
    }
    if (!Array.isArray(probe) || probe.length === 0) throw new Error(`Ollama at ${options.baseUrl} returned an empty embedding for model "${options.model}"`);
    return new OllamaEmbedder(inner, options.model, probe.length, batchSize);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const vectors = await inBatches(texts, this.batchSize, (batch) => this.inner.embedDocuments(batch));
    return checkedVectors(this, vectors, texts.length);
  }

  async embedQuery(text: string): Promise<number[]> {
    return checkedVectors(this, [await this.inner.embedQuery(text)], 1)[0]!;
  }
}
