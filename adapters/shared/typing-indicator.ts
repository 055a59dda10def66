/** A "typing…" indicator that is renewed until `stop` is called. */
export interface TypingIndicator {
  /** Stops renewing and waits for the indicator already on its way, so it never shows after the answer. */
  stop(): Promise<void>;
}

/**
 * Sends the platform's typing indicator now and every `renewMs` (a bit less than the platform
 * shows it for) until stopped. A failed send goes to `onError` and never fails the answer.
 */
export function keepTyping(send: () => Promise<unknown>, renewMs: number, onError: (error: unknown) => void): TypingIndicator {
  let last: Promise<unknown> = Promise.resolve();
  const renew = () => {
    last = send().catch(onError);
  };
  renew();
  const timer = setInterval(renew, renewMs);
  // The indicator alone must never keep the process alive.
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await last;
    },
  };
}
