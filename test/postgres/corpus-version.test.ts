import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logging/logger.js";
import { SharedCorpus, type CorpusFile } from "../../src/shared-state/corpus-record.js";
import { VersionListener } from "../../src/shared-state/version-listener.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";

const file = (name: string, text: string): CorpusFile => ({ name, bytes: new TextEncoder().encode(text) });
const text = (files: CorpusFile[] | undefined) => files?.map((item) => [item.name, new TextDecoder().decode(item.bytes)]);
const by = { platform: "telegram" as const, userId: "42" };

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!postgresAvailable)("corpus of record and the current version", () => {
  const db = useTestDatabase();

  it("replicas starting together on an empty database seed it once", async () => {
    const seeds = await Promise.all(
      ["a", "b", "c"].map((replica) => new SharedCorpus(db.open()).seedIfEmpty([file("artikel.md", `tekst van ${replica}`)], { platform: "startup" })),
    );
    expect(seeds.filter((version) => version !== undefined)).toEqual([1]);
    expect(await new SharedCorpus(db.open()).current()).toBe(1);
  });

  it("numbers versions, keeps each version's files byte for byte, stores an unchanged file once, and rolls back", async () => {
    const corpus = new SharedCorpus(db.open());
    const v2 = await corpus.commit([file("artikel.md", "Eerste alinea.\n\nTweede."), file("sources.txt", "https://nieuws.example/a\n")], by);
    const v3 = await corpus.commit(
      [file("artikel.md", "Eerste alinea, herzien.\n\nTweede."), file("sources.txt", "https://nieuws.example/a\n"), file("nieuw.md", "Nieuw.")],
      by,
    );
    expect([v2, v3]).toEqual([2, 3]);
    expect(text(await corpus.files(v2))).toEqual([
      ["artikel.md", "Eerste alinea.\n\nTweede."],
      ["sources.txt", "https://nieuws.example/a\n"],
    ]);
    expect(text(await corpus.files(v3))?.map(([name]) => name)).toEqual(["artikel.md", "nieuw.md", "sources.txt"]);
    expect(await corpus.files(99)).toBeUndefined();
    const stored = await db.admin<{ name: string; count: string }>(
      "SELECT d.name, count(*) AS count FROM document_versions v JOIN documents d ON d.id = v.document_id GROUP BY d.name ORDER BY d.name",
    );
    expect(stored.rows.map((row) => [row.name, Number(row.count)])).toEqual([
      ["artikel.md", 3],
      ["nieuw.md", 1],
      ["sources.txt", 1],
    ]);
    await corpus.setCurrent(v2);
    expect(await corpus.current()).toBe(v2);
    await expect(corpus.setCurrent(99)).rejects.toThrow(/no corpus version 99/);
    await expect(corpus.commit([file("x.md", "1"), file("x.md", "2")], by)).rejects.toThrow(/"x.md" twice/);
  });
});

describe.skipIf(!postgresAvailable)("version announcements", () => {
  const db = useTestDatabase();
  let proxy: TcpProxy;
  let corpus: SharedCorpus;
  let listener: VersionListener;
  const seen: number[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    corpus = new SharedCorpus(db.open());
    await corpus.commit([file("artikel.md", "v1")], by);
    proxy = await TcpProxy.start(Number(new URL(db.url).port));
    // The listener reaches the database through the proxy, so the test can take its network away.
    const through = db.open({ applicationName: "version-listener", connectTimeoutMs: 500, queryTimeoutMs: 400 }, proxy.through(db.url));
    listener = new VersionListener(through, {
      onVersion: (version) => void seen.push(version),
      logger: createLogger({ level: "info", write: (line) => logLines.push(line) }),
      initialRetryMs: 50,
      maxRetryMs: 200,
      heartbeatMs: 150,
    });
    await listener.ready();
  });
  afterAll(async () => {
    await listener?.close();
    await proxy?.close();
  });

  const outageLines = () => logLines.filter((line) => line.includes("corpus version announcements"));

  it("starts with the current version and hears each new one, a rollback included", async () => {
    expect(seen).toEqual([1]);
    const v2 = await corpus.commit([file("artikel.md", "v2")], by);
    await eventually(() => seen.at(-1) === v2);
    await corpus.setCurrent(1);
    await eventually(() => seen.at(-1) === 1);
    expect(seen).toEqual([1, 2, 1]);
  });

  it("versions committed in a burst are seen in the order they became current, ending on the last", async () => {
    const start = seen.length;
    const committed: number[] = [];
    for (let round = 0; round < 5; round += 1) committed.push(await corpus.commit([file("artikel.md", `burst ${round}`)], by));
    await eventually(() => seen.at(-1) === committed.at(-1));
    const heard = seen.slice(start);
    expect(heard).toEqual([...heard].sort((a, b) => a - b));
    expect(heard.every((version) => committed.includes(version))).toBe(true);
  });

  it("its backend terminated, it notices, retries, and catches up on the version committed while it was away; one log line each way", async () => {
    const before = { seen: seen.length, lines: outageLines().length };
    // New connections are refused until the version is committed, so only the catch-up can find it.
    proxy.refuse({ keepOpen: true });
    expect(await db.terminate("version-listener")).toBe(1);
    await eventually(() => !listener.connected);
    const missed = await corpus.commit([file("artikel.md", "committed while the listener was away")], by);
    // Several refused attempts (50 ms, doubling to 200 ms) pass before the link heals.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(seen.slice(before.seen)).toEqual([]);
    proxy.forward();
    await eventually(() => listener.connected && seen.at(-1) === missed);
    expect(seen.slice(before.seen)).toEqual([missed]);
    const lines = outageLines().slice(before.lines);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/WARN .*connection lost/);
    expect(lines[1]).toMatch(/INFO .*listening again/);
  });

  it("a silently dropped network (nothing closes) is noticed by the periodic check, and the version is caught up", async () => {
    const before = seen.length;
    proxy.blackhole();
    await eventually(() => !listener.connected, 3000);
    const missed = await corpus.commit([file("artikel.md", "committed behind a pulled cable")], by);
    proxy.forward();
    await eventually(() => listener.connected && seen.at(-1) === missed, 8000);
    expect(seen.slice(before)).toEqual([missed]);
  });
});
