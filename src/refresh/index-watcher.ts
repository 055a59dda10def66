import { unwatchFile, watchFile } from "node:fs";
import path from "node:path";
import type { IndexRepository } from "../index/index-repository.js";

/**
 * Notices when another process (`npm run ingest`, another shard) points `CURRENT` at a new
 * version. Polls the file's mtime (fs.watchFile): unlike fs.watch it works the same on every file
 * system, including network and container mounts, and costs one stat per interval.
 */
export class IndexWatcher {
  private readonly file: string;
  private readonly listener = () => void this.check();
  private checking = Promise.resolve();

  constructor(
    private readonly repository: IndexRepository,
    private readonly intervalMs: number,
    private readonly onVersion: (version: number) => Promise<void>,
  ) {
    this.file = path.join(repository.root, "CURRENT");
  }

  start(): void {
    // persistent: false — watching must never keep a finished CLI process alive.
    watchFile(this.file, { interval: this.intervalMs, persistent: false }, this.listener);
  }

  stop(): void {
    unwatchFile(this.file, this.listener);
  }

  private check(): Promise<void> {
    this.checking = this.checking.then(async () => {
      const version = await this.repository.currentVersion();
      if (version !== undefined) await this.onVersion(version);
    });
    return this.checking;
  }
}
