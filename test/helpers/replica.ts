/**
 * One replica of the bot in a process of its own, for tests that stand in for several hosts: opens
 * the app exactly as `npm start` does (`bootstrap`, with `DATABASE_URL`, `DATA_DIR` and `CORPUS_DIR`
 * from the environment) and serves JSON-line requests on stdin, one JSON-line reply each on stdout:
 *
 *   {"id":1,"op":"ask","question":"…"[,"conversationId":"…"]} → {"id":1,"ok":true,"result":Answer}
 *   {"id":2,"op":"refresh","request":{…,"upload":{"fileName":"a.md","base64":"…"}}} → RefreshReport
 *   {"id":3,"op":"status"}                             → FullStatus
 *   {"id":4,"op":"pause","ms":1500}                    → the next index save of this process waits that long
 *
 * A failure replies {"id":…,"ok":false,"error":{"code","message"}}. The first line is {"ready":true,"version":n}.
 * Logs go to stderr. Closing stdin closes the app.
 */
import { createInterface } from "node:readline";
import { bootstrap } from "../../src/app/bootstrap.js";
import type { RefreshRequest } from "../../src/port/types.js";

interface Request {
  id: number;
  op: "ask" | "refresh" | "status" | "pause";
  question?: string;
  /** The conversation a question belongs to (follow-ups), when the test names one. */
  conversationId?: string;
  request?: Omit<RefreshRequest, "upload"> & { upload?: { fileName: string; base64: string } };
  ms?: number;
}

let pauseMs = 0;
const app = await bootstrap({
  // Holds a save open long enough for a test to start a second refresh meanwhile.
  onIndexPhase: async (phase) => {
    if (phase !== "writing-vectors" || pauseMs === 0) return;
    const wait = pauseMs;
    pauseMs = 0;
    await new Promise((resolve) => setTimeout(resolve, wait));
  },
});
const reply = (line: object) => process.stdout.write(JSON.stringify(line) + "\n");
reply({ ready: true, version: app.core.status().corpusVersion });

async function handle(request: Request): Promise<unknown> {
  switch (request.op) {
    case "ask":
      return app.core.ask(request.question ?? "", { platform: "test", userId: "tester", conversationId: request.conversationId });
    case "status":
      return app.core.fullStatus();
    case "pause":
      pauseMs = request.ms ?? 0;
      return true;
    case "refresh": {
      const { upload, ...rest } = request.request ?? { platform: "test" };
      return app.core.refresh({ ...rest, upload: upload && { fileName: upload.fileName, bytes: Buffer.from(upload.base64, "base64") } });
    }
  }
}

const lines = createInterface({ input: process.stdin });
const pending = new Set<Promise<unknown>>();
lines.on("line", (line) => {
  if (line.trim() === "") return;
  const request = JSON.parse(line) as Request;
  // Requests run concurrently, as messages on a platform do.
  const work = handle(request).then(
    (result) => reply({ id: request.id, ok: true, result }),
    (error: unknown) => reply({ id: request.id, ok: false, error: { code: (error as { code?: string }).code, message: (error as Error).message } }),
  );
  pending.add(work);
  void work.finally(() => pending.delete(work));
});
lines.on("close", () => {
  void Promise.all(pending)
    .then(() => app.core.close())
    .then(() => process.exit(0));
});
