import { BotError, type Bot, type Context, type MiddlewareFn } from "grammy";

/**
 * Knows which updates are being handled, so `stop()` can wait for them, and sends every handler
 * error to `bot.catch`. grammY only does the latter for long polling: behind `webhookCallback`, an
 * error after the webhook timeout would otherwise vanish, so the boundary sits here for both modes.
 */
export class UpdateTracker {
  private readonly running = new Set<Promise<void>>();

  /** The outermost middleware: tracks the update and turns a thrown error into a `bot.catch` call. */
  middleware(bot: Bot): MiddlewareFn<Context> {
    return async (ctx, next) => {
      const work = (async () => {
        try {
          await next();
        } catch (error) {
          await bot.errorHandler(new BotError(error, ctx));
        }
      })();
      this.running.add(work);
      try {
        await work;
      } finally {
        this.running.delete(work);
      }
    };
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves when every update being handled is done, or after `timeoutMs`, whichever is first. */
  async idle(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([Promise.allSettled([...this.running]).then(() => true as const), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }
}
