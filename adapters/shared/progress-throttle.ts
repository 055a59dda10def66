/**
 * Turns a stream of progress texts into at most one update per `intervalMs` (platforms rate-limit
 * message edits), never repeating the same text, and always letting the last text through on
 * `flush`. Sends run one after another; a failed send is reported and does not stop later ones.
 */
export class ProgressThrottle {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastText = "";
  private pending: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly send: (text: string) => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  update(text: string): void {
    this.pending = text;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.emit();
    else this.timer ??= setTimeout(() => this.emit(), wait);
  }

  /** Stops throttling and waits for every send already started. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
    await this.chain;
  }

  private emit(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const text = this.pending;
    this.pending = undefined;
    if (text === undefined || text === this.lastText) return;
    this.lastText = text;
    this.lastSentAt = this.now();
    this.chain = this.chain.then(() => this.send(text).then(() => undefined, this.onError));
  }
}
