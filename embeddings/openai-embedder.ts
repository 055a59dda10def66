import { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "./embedder.js";

/** Options of {@link OpenAiEmbedder.create}. */
export interface OpenAiEmbedderOptions {
  /** e.g. `text-embedding-3-small`, or whatever an OpenAI-compatible server serves. */
  model: string;
  apiKey: string;
  /** OpenAI-compatible server (vLLM, LM Studio, …); the OpenAI API when absent. */
  baseUrl?: string;
  /** Per request. */
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Embeddings from the OpenAI API or any OpenAI-compatible `POST /v1/embeddings`, through
 * LangChain's `OpenAIEmbeddings`. The dimensions are probed once at creation (one tiny request), so
 * a wrong URL, key or model fails at start-up rather than in the middle of an index build, and the
 * index manifest can record `openai:<model>` with its real size.
 */
export class OpenAiEmbedder extends Embeddings implements Embedder {
  readonly id: string;

  private constructor(
    private readonly inner: OpenAIEmbeddings,
    readonly model: string,
    readonly dimensions: number,
  ) {
    super({});
    this.id = `openai:${model}`;
  }

  /** @throws Error naming the model and server (never the key) when the probe fails. */
  static async create(options: OpenAiEmbedderOptions): Promise<OpenAiEmbedder> {
    const inner = new OpenAIEmbeddings({
      model: options.model,
      apiKey: options.apiKey,
      configuration: options.baseUrl ? { baseURL: options.baseUrl } : undefined,
      timeout: options.timeoutMs,
      maxRetries: options.maxRetries,
      // Plain floats: the SDK's default base64 encoding is not implemented by every compatible server.
      encodingFormat: "float",
    });
    const where = options.baseUrl ?? "the OpenAI API";
    let probe: number[];
    try {
      probe = await inner.embedQuery("dimension probe");
    } catch (cause) {
      throw new Error(`Cannot get embeddings for model "${options.model}" from ${where}: ${firstLine(cause)}`, { cause });
    }
    if (!Array.isArray(probe) || probe.length === 0) throw new Error(`${where} returned an empty embedding for model "${options.model}"`);
    return new OpenAiEmbedder(inner, options.model, probe.length);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return checked(this, await this.inner.embedDocuments(texts), texts.length);
  }

  async embedQuery(text: string): Promise<number[]> {
    return checked(this, [await this.inner.embedQuery(text)], 1)[0]!;
  }
}

/** Vectors of another size would corrupt the HNSW index: refuse them here with a clear message. */
export function checked(embedder: { id: string; dimensions: number }, vectors: number[][], expected: number): number[][] {
  if (vectors.length !== expected) throw new Error(`${embedder.id} returned ${vectors.length} vectors for ${expected} texts`);
  for (const vector of vectors) {
    if (vector?.length !== embedder.dimensions) {
      throw new Error(`${embedder.id} returned a vector of ${vector?.length ?? 0} dimensions, expected ${embedder.dimensions}`);
    }
  }
  return vectors;
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]!.slice(0, 300);
}
