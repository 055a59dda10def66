/**
 * Why a language-model call did not give a usable result. Every code ends in the same place for the
 * asker (an extractive answer with a short note); the code is for logs and for the circuit breaker.
 *
 * - `MODEL_TIMEOUT`: no complete reply within `LLM_TIMEOUT_MS`.
 * - `MODEL_RATE_LIMITED`: HTTP 429.
 * - `MODEL_SERVER_ERROR`: HTTP 5xx.
 * - `MODEL_UNREACHABLE`: connection refused, DNS failure, reset.
 * - `MODEL_REJECTED`: another HTTP 4xx (bad key, unknown model): an operator must act.
 * - `MODEL_OUTPUT_INVALID`: the reply was not valid JSON for the schema, or empty.
 * - `MODEL_FAILED`: anything else.
 */
export type ModelErrorCode =
  "MODEL_TIMEOUT" | "MODEL_RATE_LIMITED" | "MODEL_SERVER_ERROR" | "MODEL_UNREACHABLE" | "MODEL_REJECTED" | "MODEL_OUTPUT_INVALID" | "MODEL_FAILED";

/** A failed model call, classified. Never shown to the asker; logged and turned into a fallback. */
export class ModelError extends Error {
  /** HTTP status of the failed request, when there was one. */
  readonly status: number | undefined;

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, { cause: options?.cause });
    this.name = "ModelError";
    this.status = options?.status;
  }
}

/**
 * Faults that say the model is (for now) not there. Output errors do not count: the next question
 * may well get a valid reply, so they must not make the bot skip the model.
 */
export function isAvailabilityFault(code: ModelErrorCode): boolean {
  return code !== "MODEL_OUTPUT_INVALID" && code !== "MODEL_FAILED";
}

const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);
const outputErrorNames = new Set(["OutputParserException", "SyntaxError", "ZodError", "LengthFinishReasonError", "ContentFilterFinishReasonError"]);

/**
 * Maps whatever the OpenAI SDK, ollama-js, fetch or LangChain threw to a `ModelError`. Duck-typed on
 * `status`/`status_code`/`name`/`code`, because the errors come from several packages (and the
 * OpenAI SDK is bundled twice in `node_modules`), so `instanceof` would be unreliable.
 */
export function toModelError(error: unknown): ModelError {
  if (error instanceof ModelError) return error;
  const record = (error ?? {}) as {
    name?: unknown;
    status?: unknown;
    status_code?: unknown;
    code?: unknown;
    message?: unknown;
    lc_error_code?: unknown;
    cause?: unknown;
  };
  const message = typeof record.message === "string" ? record.message.split("\n")[0]!.slice(0, 300) : String(error);
  const status = typeof record.status === "number" ? record.status : typeof record.status_code === "number" ? record.status_code : undefined;
  const name = typeof record.name === "string" ? record.name : "";
  const make = (code: ModelErrorCode) => new ModelError(code, message, { cause: error, status });

  if (status === 429 || record.lc_error_code === "MODEL_RATE_LIMIT") return make("MODEL_RATE_LIMITED");
  if (status !== undefined && status >= 500) return make("MODEL_SERVER_ERROR");
  if (status !== undefined && status >= 400) return make("MODEL_REJECTED");
  if (name === "TimeoutError" || name === "APIConnectionTimeoutError" || name === "AbortError") return make("MODEL_TIMEOUT");
  if (name === "APIConnectionError" || hasNetworkCode(error)) return make("MODEL_UNREACHABLE");
  if (outputErrorNames.has(name) || record.lc_error_code === "OUTPUT_PARSING_FAILURE") return make("MODEL_OUTPUT_INVALID");
  // ollama-js reports a stream cut short by the server with a plain Error.
  if (/did not receive done|invalid json|unexpected end of json/i.test(message)) return make("MODEL_OUTPUT_INVALID");
  return make("MODEL_FAILED");
}

function hasNetworkCode(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const { code, cause, message } = error as { code?: unknown; cause?: unknown; message?: unknown };
  if (typeof code === "string" && networkCodes.has(code)) return true;
  if (typeof message === "string" && message === "fetch failed") return true;
  return hasNetworkCode(cause, depth + 1);
}
