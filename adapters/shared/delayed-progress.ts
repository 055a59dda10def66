import { ProgressThrottle } from "./progress-throttle.js";

export interface DelayedProgress {
  /** The latest progress text; shown only once the delay has passed, then at most once per interval. */
  report(text: string): void;
  /** Stops showing progress and waits for any update already on its way. */
  finish(): Promise<void>;
}

/**
 * Progress for slow operations only: nothing is shown during the first `delayMs` (most refreshes
 * finish before that), then the latest text goes out through a `ProgressThrottle`.
 */
export function delayedProgress(
  show: (text: string) => Promise<unknown>,
  options: { delayMs: number; intervalMs: number; onError: (error: unknown) => void },
): DelayedProgress {
  const throttle = new ProgressThrottle(show, options.onError, options.intervalMs);
  let latest: string | undefined;
  let visible = false;
  const reveal = setTimeout(() => {
    visible = true;
    if (latest) throttle.update(latest);
  }, options.delayMs);
  return {
    report(text) {
      latest = text;
      if (visible) throttle.update(text);
    },
    async finish() {
      clearTimeout(reveal);
      await throttle.flush();
    },
  };
}
