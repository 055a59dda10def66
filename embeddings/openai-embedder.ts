import { Embeddings } from "@langchain/core/embeddings";
import { OpenAIEmbeddings } from "@langchain/openai";
import type { Embedder } from "../src/port/embedder.js";
import { checkedVectors, firstLine } from "./embedder-support.js";

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
    return checkedVectors(this, await this.inner.embedDocuments(texts), texts.length);
  }

  async embedQuery(text: string): Promise<number[]> {
    return checkedVectors(this, [await this.inner.embedQuery(text)], 1)[0]!;
  }
}
