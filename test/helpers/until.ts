/**
 * Polls `probe` until it returns a value (not undefined) and resolves with it; rejects naming `what`
 * after `timeoutMs`. For tests that wait on another process, replica or server to catch up.
 */
export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what = "condition", pollMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
