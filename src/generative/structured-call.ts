import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import type { z } from "zod";
import type { StructuredOutputMode } from "../config/llm-config.js";
import { withDeadline } from "./deadline.js";
import { ModelError, toModelError } from "./model-error.js";

const methods = {
  auto: undefined,
  json_schema: "jsonSchema",
  tool_calling: "functionCalling",
  json_mode: "jsonMode",
} as const satisfies Record<StructuredOutputMode, string | undefined>;

/** Reported after every call, successful or not: for latency metrics and benchmarks. */
export interface ModelCallEvent {
  name: string;
  ms: number;
  ok: boolean;
}

/** Per-call limits and hooks of a {@link StructuredCall}. */
export interface StructuredCallOptions {
  timeoutMs: number;
  mode: StructuredOutputMode;
  onCall?: (event: ModelCallEvent) => void;
}

/**
 * One kind of structured model call (a zod schema bound with `withStructuredOutput`), with the
 * deadline and error classification every call needs. `auto` keeps LangChain's choice per client:
 * ChatOpenAI sends `response_format: json_schema` (tool calling for gpt-3.5/gpt-4 names), ChatOllama
 * sends the JSON schema as `format`.
 */
export class StructuredCall<S extends z.ZodTypeAny> {
  private readonly runnable: Runnable<BaseMessage[], Record<string, unknown>>;

  constructor(
    model: BaseChatModel,
    private readonly schema: S,
    private readonly name: string,
    private readonly options: StructuredCallOptions,
  ) {
    const method = methods[options.mode];
    this.runnable = model.withStructuredOutput(schema, { name, ...(method ? { method } : {}) }) as Runnable<BaseMessage[], Record<string, unknown>>;
  }

  /**
   * Calls the model and re-validates the result against the schema (the parsers of the clients
   * differ in what they let through, e.g. `null` for empty content).
   * @throws ModelError, always classified; never anything else.
   */
  async invoke(messages: BaseMessage[]): Promise<z.infer<S>> {
    const started = performance.now();
    let raw: unknown;
    try {
      raw = await withDeadline(this.options.timeoutMs, (signal) => this.runnable.invoke(messages, { signal }));
    } catch (error) {
      this.options.onCall?.({ name: this.name, ms: performance.now() - started, ok: false });
      throw toModelError(error);
    }
    this.options.onCall?.({ name: this.name, ms: performance.now() - started, ok: true });
    const parsed = this.schema.safeParse(raw);
    if (!parsed.success) {
      throw new ModelError("MODEL_OUTPUT_INVALID", `reply does not match the schema: ${parsed.error.issues[0]?.message ?? "empty"}`);
    }
    return parsed.data as z.infer<S>;
  }
}
