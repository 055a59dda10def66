/**
 * A `fetch` that gives up on every request after `timeoutMs`, for clients without a timeout option
 * (ollama-js, used by the chat model and the Ollama embedder). Without it a server that accepts the
 * connection and never answers would keep the socket open long after the bot moved on.
 */
export function fetchWithTimeout(timeoutMs: number, base: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}
