import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Answer, FullStatus, RefreshReport, RefreshRequest } from "../../src/port/types.js";
import { repoRoot } from "./core-fixture.js";

export type ReplicaReply<T> = { ok: true; result: T } | { ok: false; error: { code?: string; message: string } };

const tsx = path.join(repoRoot, "node_modules", ".bin", "tsx");

/**
 * A replica (`test/helpers/replica.ts`) in a child process: a host of its own as far as the bot can
 * tell — its own `DATA_DIR` and corpus folder, one database shared with the others. Every wait is
 * bounded; `stop` ends the process (SIGKILL if it does not close in time).
 */
export class ReplicaProcess {
  /** Everything the replica logged so far. */
  log = "";
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ReplicaReply<unknown>) => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcessWithoutNullStreams,
    readonly startVersion: number,
  ) {}

  static async start(name: string, env: Record<string, string>, timeoutMs = 30_000): Promise<ReplicaProcess> {
    const child = spawn(tsx, [path.join(repoRoot, "test/helpers/replica.ts")], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: "info", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let log = "";
    child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
    const lines = createInterface({ input: child.stdout });
    const ready = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`replica ${name} not ready within ${timeoutMs} ms\n${log}`)), timeoutMs);
      child.once("exit", (code) => reject(new Error(`replica ${name} exited (${code}) before it was ready\n${log}`)));
      lines.once("line", (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { version: number }).version);
      });
    }).catch((error: unknown) => {
      child.kill("SIGKILL");
      throw error;
    });
    const replica = new ReplicaProcess(name, child, ready);
    replica.log = log;
    child.stderr.on("data", (chunk: Buffer) => (replica.log += chunk.toString("utf8")));
    lines.on("line", (line) => replica.receive(line));
    return replica;
  }

  ask(question: string, timeoutMs = 10_000, conversationId?: string): Promise<ReplicaReply<Answer>> {
    return this.request({ op: "ask", question, conversationId }, timeoutMs);
  }

  refresh(request: Omit<RefreshRequest, "upload"> & { upload?: { fileName: string; text: string } }, timeoutMs = 30_000): Promise<ReplicaReply<RefreshReport>> {
    const { upload, ...rest } = request;
    const encoded = upload && { fileName: upload.fileName, base64: Buffer.from(upload.text, "utf8").toString("base64") };
    return this.request({ op: "refresh", request: { ...rest, upload: encoded } }, timeoutMs);
  }

  status(timeoutMs = 10_000): Promise<ReplicaReply<FullStatus>> {
    return this.request({ op: "status" }, timeoutMs);
  }

  /** The next index save in this replica waits `ms`, holding its refresh open. */
  async pauseNextSave(ms: number): Promise<void> {
    await this.request({ op: "pause", ms }, 5000);
  }

  /** Closes stdin (the replica closes its app and exits); killed if it takes longer than `timeoutMs`. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  private request<T>(body: object, timeoutMs: number): Promise<ReplicaReply<T>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`replica ${this.name}: no reply to ${JSON.stringify(body).slice(0, 80)} within ${timeoutMs} ms\n${this.log}`));
      }, timeoutMs);
      this.waiting.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply as ReplicaReply<T>);
      });
      this.child.stdin.write(JSON.stringify({ id, ...body }) + "\n");
    });
  }

  private receive(line: string): void {
    const { id, ...reply } = JSON.parse(line) as { id: number } & ReplicaReply<unknown>;
    this.waiting.get(id)?.(reply as ReplicaReply<unknown>);
    this.waiting.delete(id);
  }
}
