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
