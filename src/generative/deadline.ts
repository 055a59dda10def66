import { ModelError } from "./model-error.js";

/**
 * Runs `task` with an overall deadline covering every retry. The task gets an `AbortSignal` to
 * cancel its HTTP request, but the deadline does not rely on it: some clients only look at the
 * signal between stream chunks (ChatOllama), so the result is also raced against the timer.
 * @throws ModelError `MODEL_TIMEOUT` when the deadline passes first.
 */
export async function withDeadline<T>(timeoutMs: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = new ModelError("MODEL_TIMEOUT", `no reply within ${timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    return await Promise.race([task(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A `fetch` that gives up on every request after `timeoutMs`, for clients without a timeout option
 * (ollama-js). Without it a server that accepts the connection and never answers would keep the
 * socket open long after the bot moved on.
 */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}
