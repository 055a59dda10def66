import { open } from "node:fs/promises";
import { defaultSliceMs } from "../util/cooperative.js";

/**
 * Writes large JSON documents piece by piece: `JSON.stringify` of a 100k-passage index would block
 * the event loop for hundreds of milliseconds. Pieces are stringified in time slices and written
 * with async I/O, which yields between slices. The output is ordinary JSON (`JSON.parse` reads it).
 */
export class JsonFileWriter {
  private buffer: string[] = [];
  private buffered = 0;
  private sliceStart = performance.now();

  private constructor(private readonly handle: Awaited<ReturnType<typeof open>>) {}

  static async create(file: string): Promise<JsonFileWriter> {
    return new JsonFileWriter(await open(file, "w"));
  }

  async raw(text: string): Promise<void> {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered > 1 << 20 || performance.now() - this.sliceStart > defaultSliceMs) await this.flush();
  }

  /** Writes `[item, item, …]`. */
  async array(items: readonly unknown[]): Promise<void> {
    await this.raw("[");
    for (let index = 0; index < items.length; index += 1) await this.raw((index > 0 ? "," : "") + JSON.stringify(items[index]));
    await this.raw("]");
  }

  /** Writes `{"key": value, …}` from entries. */
  async object(entries: Iterable<[string, unknown]>): Promise<void> {
    await this.raw("{");
    let first = true;
    for (const [key, value] of entries) {
      await this.raw((first ? "" : ",") + JSON.stringify(key) + ":" + JSON.stringify(value));
      first = false;
    }
    await this.raw("}");
  }

  async close(): Promise<void> {
    await this.flush();
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length > 0) await this.handle.write(this.buffer.join(""));
    this.buffer = [];
    this.buffered = 0;
    this.sliceStart = performance.now();
  }
}
