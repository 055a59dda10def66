import fs from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createEmbedder } from "../../embeddings/create-embedder.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { TransformersEmbedder } from "../../embeddings/transformers-embeddings.js";
import type { CoreConfig } from "../../src/config/core-config.js";
import { createLogger } from "../../src/logging/logger.js";
import { TINY_HIDDEN_SIZE, buildTinyModel } from "../fixtures/tiny-model.js";

const MODEL = "Xenova/multilingual-e5-small";
const TIMEOUT_MS = 300;

/**
 * A host behind a firewall as the client sees it: connections are accepted, requests are read, nothing comes back.
 * `waiting` holds the connections that carry a request; the client must close each of them when it gives up.
 */
async function blackHole() {
  const open = new Set<net.Socket>();
  const waiting = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    open.add(socket);
    // Reading (and dropping) the request is what lets the server see the client's FIN or reset.
    socket.once("data", () => waiting.add(socket));
    socket.resume();
    socket.on("error", () => undefined);
    socket.on("close", () => {
      open.delete(socket);
      waiting.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  let requests = 0;
  server.on("connection", (socket) => socket.once("data", () => (requests += 1)));
  return {
    url: `http://127.0.0.1:${port}/`,
    host: `127.0.0.1:${port}`,
    waiting,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Node's fetch (undici) reconnects once after an aborted request and keeps that never-used socket for its
        // 4 s keep-alive; it carries no request and does not keep the process alive, so the test just drops it.
        for (const socket of open) socket.destroy();
      }),
  };
}

/** An HTTP host whose answers the test scripts; remembers the paths asked for. */
async function httpHost(handler: http.RequestListener) {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    paths.push(request.url ?? "");
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe("EMBEDDINGS_PROVIDER=auto with a model host that does not answer", () => {
  let tmp: string;
  let lines: string[];
  const logger = () => createLogger({ level: "debug", write: (line) => lines.push(line) });
  const config = (remoteHost: string, overrides: Partial<CoreConfig["embeddings"]> = {}): CoreConfig["embeddings"] => ({
    provider: "auto",
    model: MODEL,
    allowDownload: true,
    hashingDimensions: 64,
    cacheDir: path.join(tmp, `cache-${Math.random().toString(36).slice(2)}`),
    remoteHost,
    downloadTimeoutMs: TIMEOUT_MS,
    ...overrides,
  });
  // Only loopback hosts may be fetched: a test that reached the internet would fail here, not pass slowly.
  const realFetch = globalThis.fetch;
  const fetchSpy = vi.fn((input: string | URL | Request, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith("http://127.0.0.1:")) return Promise.reject(new Error(`a test tried to reach ${url}`));
    return realFetch(input, init);
  });

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), "nieuwsbot-download-timeout-"));
    // Loading transformers.js and onnxruntime takes a while on a cold start; the timings below are about the download.
    await import("@huggingface/transformers");
  });
  afterAll(async () => {
    await fs.rm(tmp, { recursive: true, force: true });
  });
  beforeEach(() => {
    lines = [];
    fetchSpy.mockClear();
    vi.stubGlobal("fetch", fetchSpy);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("falls back to hashing within the time-out, says so in one line and leaves no socket open", { timeout: 5_000 }, async () => {
    const host = await blackHole();
    try {
      const started = performance.now();
      const embedder = await createEmbedder(config(host.url), logger());
      const elapsed = performance.now() - started;

      expect(embedder).toBeInstanceOf(HashingEmbedder);
      expect(elapsed).toBeLessThan(2_000);
      expect(host.requests()).toBeGreaterThan(0);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(
        `INFO embeddings: hashing (offline, lexical) — ${MODEL} could not be downloaded (no answer from ${host.host} for 0.3 s); set EMBEDDINGS_PROVIDER=hashing to skip this attempt`,
      );
      // Every request was aborted: the client closed each connection that was waiting for an answer.
      await vi.waitFor(() => expect(host.waiting.size).toBe(0), { timeout: 1_000, interval: 10 });
      // The wrapper around fetch is gone once the load is over.
      expect(globalThis.fetch).toBe(fetchSpy);
      expect(fetchSpy.mock.calls.every(([input]) => String(input).startsWith(host.url))).toBe(true);
    } finally {
      await host.close();
    }
  });

  it("gives up a download whose body stalls, with the same line", { timeout: 5_000 }, async () => {
    // Headers and half the body arrive, then nothing: a connection dropped by a middlebox halfway.
    const sockets = new Set<net.Socket>();
    const host = await httpHost((request, response) => {
      sockets.add(request.socket);
      request.socket.on("close", () => sockets.delete(request.socket));
      response.writeHead(200, { "content-length": 1000, "content-type": "application/json" });
      response.write("{".padEnd(500, " "));
    });
    try {
      const started = performance.now();
      const embedder = await createEmbedder(config(host.url), logger());

      expect(embedder).toBeInstanceOf(HashingEmbedder);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`${MODEL} could not be downloaded (no answer from ${new URL(host.url).host} for 0.3 s)`);
      await vi.waitFor(() => expect(sockets.size).toBe(0), { timeout: 1_000, interval: 10 });
    } finally {
      await host.close();
    }
  });

  it("says the model could not be downloaded when the host answers 404", { timeout: 5_000 }, async () => {
    const host = await httpHost((_request, response) => response.writeHead(404, { "content-type": "text/plain" }).end("Entry not found"));
    try {
      const embedder = await createEmbedder(config(host.url), logger());

      expect(embedder).toBeInstanceOf(HashingEmbedder);
      expect(host.paths.length).toBeGreaterThan(0);
      expect(host.paths.every((p) => p.startsWith(`/${MODEL}/resolve/main/`))).toBe(true);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`embeddings: hashing (offline, lexical) — ${MODEL} could not be downloaded: Could not locate file`);
      expect(lines[0]).toContain(host.url);
      expect(lines[0]).not.toContain("no answer");
    } finally {
      await host.close();
    }
  });

  it("EMBEDDINGS_PROVIDER=transformers honours the time-out but fails instead of falling back", { timeout: 5_000 }, async () => {
    const host = await blackHole();
    try {
      const started = performance.now();
      const attempt = createEmbedder(config(host.url, { provider: "transformers" }), logger());
      const error: unknown = await attempt.then(
        () => undefined,
        (caught: unknown) => caught,
      );

      expect(performance.now() - started).toBeLessThan(2_000);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain("EMBEDDINGS_DOWNLOAD_TIMEOUT_MS");
      // The chain ends in the platform's own time-out error, which callers can match on by name.
      const load = (error as Error).cause as Error;
      expect(load.cause).toBeInstanceOf(DOMException);
      expect((load.cause as DOMException).name).toBe("TimeoutError");
      expect(lines).toEqual([]);
      expect(host.requests()).toBeGreaterThan(0);
      await vi.waitFor(() => expect(host.waiting.size).toBe(0), { timeout: 1_000, interval: 10 });
    } finally {
      await host.close();
    }
  });

  it("times out on silence, not on a slow download: a model that trickles in is used", { timeout: 10_000 }, async () => {
    const { modelDir, model } = await buildTinyModel(path.join(tmp, "served"));
    // Each file arrives in five parts, 250 ms apart: longer than the time-out in total, never silent for that long.
    // (The margin is wide because a busy event loop, e.g. onnxruntime starting, delays chunks and timers alike.)
    const timeoutMs = 800;
    const host = await httpHost((request, response) => {
      const file = decodeURIComponent(request.url ?? "")
        .replace(`/${model}/resolve/main/`, "")
        .replace("model_quantized.onnx", "model.onnx");
      fs.readFile(path.join(modelDir, model, file)).then(
        async (bytes) => {
          response.writeHead(200, { "content-length": bytes.length, "content-type": "application/octet-stream" });
          const part = Math.ceil(bytes.length / 5);
          for (let start = 0; start < bytes.length; start += part) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            response.write(bytes.subarray(start, start + part));
          }
          response.end();
        },
        () => response.writeHead(404).end("Entry not found"),
      );
    });
    let embedder: Awaited<ReturnType<typeof createEmbedder>> | undefined;
    try {
      const started = performance.now();
      embedder = await createEmbedder(config(host.url, { model, downloadTimeoutMs: timeoutMs }), logger());

      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`embeddings: transformers:${model} (${TINY_HIDDEN_SIZE} dimensions; downloaded into`);
      expect(embedder).toBeInstanceOf(TransformersEmbedder);
      expect(embedder.dimensions).toBe(TINY_HIDDEN_SIZE);
      expect(performance.now() - started).toBeGreaterThan(2 * timeoutMs);
    } finally {
      await (embedder as TransformersEmbedder | undefined)?.dispose?.();
      await host.close();
    }
  });
});
