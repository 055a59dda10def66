import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { adapterDeps, loadSharedAdapterEnv } from "../../adapters/shared/process-runtime.js";
import { startTelegram } from "../../adapters/telegram/start-telegram.js";
import { bootstrap } from "../../src/app/bootstrap.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { sharedStores } from "../../src/app/shared-stores.js";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { createLogger } from "../../src/logging/logger.js";
import { SharedDatabase } from "../../src/shared-state/database.js";
import { versionChannel } from "../../src/shared-state/lock-keys.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { privateChat, testToken, textMessage } from "../adapters/telegram/telegram-harness.js";
import { FakeTelegramBotApi } from "../fakes/telegram-bot-api.js";
import { repoRoot } from "../helpers/core-fixture.js";
import { findPostgresBinaries, serverUser, startTestPostgres, type TestPostgres } from "../helpers/postgres-server.js";
import { ReplicaProcess } from "../helpers/replica-process.js";
import { TcpProxy } from "../helpers/tcp-proxy.js";
import { formatMs, median, percentile } from "./stats.js";
import { writeSyntheticCorpus } from "./synthetic-corpus.js";

/**
 * Shared mode (PostgreSQL, `DATABASE_URL`) next to file mode, in one run, on a throw-away PostgreSQL
 * started from the system's server binaries (as `npm test` does):
 *
 * 1. reply latency through the Telegram adapter (the adapter bench's method: real grammY + runner
 *    polling the loopback fake Bot API, from the update being queued to the reply arriving), in file
 *    mode, in shared mode, and in shared mode with the database cut off by a loopback proxy — refused
 *    (a stopped server) and blackholed (a silent network);
 * 2. a refresh's propagation to a second replica (separate processes, own DATA_DIRs, one database):
 *    from the commit (this process hears the NOTIFY, which PostgreSQL sends at commit) to replica B
 *    answering from the new version, on the article and on a 10k-passage synthetic corpus;
 * 3. a replica joining cold at 10k passages with the shared embedding cache and without it, with the
 *    hashing embedder and with a stand-in that waits a fixed time per text.
 *
 * `BENCH_SHARED_QUESTIONS` (per concurrency level, default 400; `BENCH_SHARED_BLACKHOLED_QUESTIONS`,
 * default 60, for the blackholed database), `BENCH_SHARED_RUNS` (propagation runs, default 5),
 * `BENCH_SHARED_PASSAGES` (default 10000), `BENCH_SHARED_STANDIN_MS` (default 2) and `BENCH_SHARED_PARTS`
 * (default `latency,propagation,join`) shorten or change a run.
 */
const questions = [
  "Welk luchtafweersysteem levert Duitsland?",
  "Wie is de Duitse minister van Defensie?",
  "Met wie sprak Zelenski?",
  "Wanneer had Duitsland de raketten toegezegd?",
];
// At most 1000: one user asks them all within the 60 s limit window of 1000 questions (the highest limit allowed).
const perLevel = Math.min(1000, Number(process.env.BENCH_SHARED_QUESTIONS ?? 400));
// A blackholed database costs every question its time budgets: fewer questions keep that row within a minute or two.
const blackholedPerLevel = Math.min(perLevel, Number(process.env.BENCH_SHARED_BLACKHOLED_QUESTIONS ?? 60));
const propagationRuns = Number(process.env.BENCH_SHARED_RUNS ?? 5);
const largePassages = Number(process.env.BENCH_SHARED_PASSAGES ?? 10_000);
const standInMs = Number(process.env.BENCH_SHARED_STANDIN_MS ?? 2);
// `join` needs the large corpus's database, so it runs the propagation part too.
const parts = (process.env.BENCH_SHARED_PARTS ?? "latency,propagation,join").split(",").map((part) => part.trim());

export async function runSharedBench(): Promise<string> {
  const binDir = findPostgresBinaries();
  const user = serverUser();
  if (!binDir || !user) return "Skipped: no PostgreSQL server binaries here (Debian: `apt-get install postgresql`), or no user to run them as under root.";
  const server = await startTestPostgres(binDir, user);
  const kill = () => server.kill();
  process.once("exit", kill);
  const work = await mkdtemp(path.join(tmpdir(), "nieuwsbot-bench-shared-"));
  try {
    const latency = parts.includes("latency") ? await latencySection(server, work) : undefined;
    const propagation = parts.includes("propagation") || parts.includes("join") ? await propagationSection(server, work) : undefined;
    const join = parts.includes("join") ? await coldJoinSection(propagation!.largeUrl, work) : undefined;
    return [
      `Shared mode next to file mode — ${server.version} on loopback (fsync off), hashing embedder, node ${process.version}; the machine was shared with other work, so compare within a table`,
      latency,
      propagation?.markdown,
      join,
    ]
      .filter((part) => part !== undefined)
      .join("\n\n");
  } finally {
    await server.stop();
    process.off("exit", kill);
    await rm(work, { recursive: true, force: true });
  }
}

async function createDatabase(server: TestPostgres, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  return server.adminUrl.replace(/\/postgres$/, `/${name}`);
}

async function query<R extends pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function copyOfArticle(root: string): Promise<string> {
  const corpusDir = path.join(root, "corpus");
  await cp(path.join(repoRoot, "corpus"), corpusDir, { recursive: true });
  return corpusDir;
}

// ---------------------------------------------------------------------------------------------
// 1. Reply latency through the Telegram adapter

type Condition = "file" | "shared" | "refused" | "blackholed";
const conditionLabel: Record<Condition, string> = {
  file: "file mode",
  shared: "shared mode",
  refused: "shared, database refused (stopped)",
  blackholed: "shared, database blackholed (silent)",
};

interface LatencyRow {
  condition: Condition;
  chats: number;
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

async function latencySection(server: TestPostgres, work: string): Promise<string> {
  const url = await createDatabase(server, "bench_latency");
  const proxies: TcpProxy[] = [];
  const setups: Setup[] = [];
  const rows: LatencyRow[] = [];
  const proxy = async () => {
    const started = await TcpProxy.start(server.port);
    proxies.push(started);
    return started;
  };
  try {
    // File mode, shared mode and shared mode with the database refused are open at once and asked in
    // turns (their order rotating), so the load of a shared machine falls on each alike.
    process.stderr.write("bench: shared: latency, file mode, shared mode, database refused (interleaved)…\n");
    for (const condition of ["file", "shared", "refused"] as const) {
      setups.push(await openSetup(condition, condition === "file" ? undefined : url, await proxy(), path.join(work, `latency-${condition}`)));
    }
    const rounds = 4;
    for (const chats of [1, 10]) {
      const measured = new Map<Condition, { latencies: number[]; seconds: number }>();
      for (let round = 0; round < rounds; round += 1) {
        for (let turn = 0; turn < setups.length; turn += 1) {
          const setup = setups[(round + turn) % setups.length]!;
          const { latencies, seconds } = await setup.burst(chats, Math.ceil(perLevel / rounds));
          const sum = measured.get(setup.condition) ?? { latencies: [], seconds: 0 };
          measured.set(setup.condition, { latencies: [...sum.latencies, ...latencies], seconds: sum.seconds + seconds });
        }
      }
      for (const [condition, { latencies, seconds }] of measured) rows.push(latencyRow(condition, chats, latencies, seconds));
    }
    await Promise.all(setups.splice(0).map((setup) => setup.close()));
    // Blackholed apart: its background retries would share the process with the others' measurements.
    process.stderr.write("bench: shared: latency, database blackholed…\n");
    const blackholed = await openSetup("blackholed", url, await proxy(), path.join(work, "latency-blackholed"));
    setups.push(blackholed);
    for (const chats of [1, 10]) {
      const { latencies, seconds } = await blackholed.burst(chats, blackholedPerLevel);
      rows.push(latencyRow("blackholed", chats, latencies, seconds));
    }
  } finally {
    await Promise.all(setups.map((setup) => setup.close()));
    await Promise.all(proxies.map((started) => started.close()));
  }
  const order: Condition[] = ["file", "shared", "refused", "blackholed"];
  rows.sort((x, y) => order.indexOf(x.condition) - order.indexOf(y.condition) || x.chats - y.chats);
  const file = new Map(rows.filter((row) => row.condition === "file").map((row) => [row.chats, row]));
  const lines = rows.map((row) => {
    const base = file.get(row.chats)!;
    const ratio = (mine: number, theirs: number) => (row.condition === "file" ? "1.0×" : `${(mine / theirs).toFixed(1)}×`);
    return `| ${conditionLabel[row.condition]} | ${row.chats} | ${row.count} | ${row.perSecond.toFixed(0)} | ${formatMs(row.p50)} | ${formatMs(row.p99)} | ${ratio(row.p50, base.p50)} / ${ratio(row.p99, base.p99)} |`;
  });
  return [
    `**Reply latency through the Telegram adapter** (real grammY + runner polling the loopback fake Bot API; from the update being queued to the reply arriving; the article; each chat asks its next question when the previous one is answered. File mode, shared mode and shared mode with the database refused ran side by side, asked in 4 interleaved rounds, ${perLevel} questions each per level after 20 unmeasured; the blackholed database afterwards, ${blackholedPerLevel} per level. The database is cut by a loopback proxy, between transactions)`,
    "",
    "| mode | concurrent chats | questions | questions/s | reply p50 | reply p99 | p50 / p99 ÷ file mode |",
    "|---|---|---|---|---|---|---|",
    ...lines,
  ].join("\n");
}

function latencyRow(condition: Condition, chats: number, latencies: number[], seconds: number): LatencyRow {
  return { condition, chats, count: latencies.length, perSecond: latencies.length / seconds, p50: median(latencies), p99: percentile(latencies, 99) };
}

interface Setup {
  condition: Condition;
  /** `total` questions from `chats` new chats at once; each chat asks its next when the previous is answered. */
  burst(chats: number, total: number): Promise<{ latencies: number[]; seconds: number }>;
  close(): Promise<void>;
}

let nextUserId = 70_000;

/** One app (as `npm start` opens it) with the Telegram adapter on a fake Bot API of its own, warmed up, its database cut as `condition` says. */
async function openSetup(condition: Condition, directUrl: string | undefined, proxy: TcpProxy, root: string): Promise<Setup> {
  const databaseUrl = directUrl && proxy.through(directUrl);
  await mkdir(root, { recursive: true });
  const env: Record<string, string> = {
    DATA_DIR: path.join(root, "data"),
    CORPUS_DIR: await copyOfArticle(root),
    EMBEDDINGS_PROVIDER: "hashing",
    LOG_LEVEL: "silent",
    INDEX_WATCH_INTERVAL_MS: "0",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const app = await bootstrap({ env });
  const deps = adapterDeps(app, loadSharedAdapterEnv({ RATE_LIMIT_QUESTIONS: "1000", RATE_LIMIT_WINDOW_SECONDS: "60" }));
  const fake = await FakeTelegramBotApi.start({ token: testToken });
  const adapter = await startTelegram(
    deps,
    { TELEGRAM_BOT_TOKEN: testToken, TELEGRAM_API_ROOT: fake.url },
    { pollTimeoutSeconds: 5, drainTimeoutMs: 5000, botInfo: fake.getMe() },
  );
  const burst = async (chats: number, total: number): Promise<{ latencies: number[]; seconds: number }> => {
    const latencies: number[] = [];
    const perChat = Math.max(1, Math.floor(total / chats));
    const started = performance.now();
    await Promise.all(
      Array.from({ length: chats }, async (_, index) => {
        const user = { id: (nextUserId += 1), is_bot: false, first_name: `B${index}`, language_code: "nl" };
        const chat = privateChat(user);
        for (let asked = 0; asked < perChat; asked += 1) {
          const before = fake.sentTo(chat.id).length;
          const queued = performance.now();
          textMessage(fake, chat, user, questions[(index + asked) % questions.length]!);
          await fake.waitForMessages(chat.id, 1, before, 60_000);
          latencies.push(performance.now() - queued);
        }
      }),
    );
    return { latencies, seconds: (performance.now() - started) / 1000 };
  };
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    proxy.forward();
    await adapter.stop();
    await deps.feedback.close?.();
    await app.core.close();
    await fake.close();
  };
  try {
    await burst(1, 20);
    if (condition === "refused" || condition === "blackholed") {
      // Cut between transactions: cutting one midway is another matter (see docs/benchmarks.md).
      await quiet(directUrl!);
      if (condition === "refused") proxy.refuse();
      else proxy.blackhole();
      await burst(1, 5);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { condition, burst, close };
}

/** Waits (at most 10 s) until no session of the database is running a query or inside a transaction. */
async function quiet(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const [row] = await query<{ busy: string }>(
      url,
      `SELECT count(*) AS busy FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction')`,
    );
    if (Number(row?.busy) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Propagation of a refresh to a second replica

interface Propagation {
  corpus: string;
  runs: number[];
  refresh: number[];
  /** Commit → B's log line saying it switched, as this process sees it (checked every 10 ms). */
  switched: number[];
  startB: number;
}

async function propagationSection(server: TestPostgres, work: string): Promise<{ markdown: string; largeUrl: string }> {
  const results: Propagation[] = [];
  process.stderr.write("bench: shared: propagation, the article…\n");
  const articleUrl = await createDatabase(server, "bench_propagation_article");
  results.push(await propagation("the article (4 passages)", articleUrl, path.join(work, "prop-article"), copyOfArticle));
  process.stderr.write(`bench: shared: propagation, ${largePassages} synthetic passages…\n`);
  const largeUrl = await createDatabase(server, "bench_propagation_large");
  results.push(
    await propagation(`synthetic, ${largePassages.toLocaleString("en")} passages`, largeUrl, path.join(work, "prop-large"), async (root) => {
      const corpusDir = path.join(root, "corpus");
      await writeSyntheticCorpus(corpusDir, largePassages);
      return corpusDir;
    }),
  );
  const lines = results.map((result) => {
    const ms = (value: number) => `${Math.round(value)} ms`;
    const spread = (values: number[]) => `${ms(median(values))} (${ms(Math.min(...values))}–${ms(Math.max(...values))})`;
    return `| ${result.corpus} | ${result.runs.length} | ${ms(median(result.refresh))} | ${spread(result.runs)} | ${ms(median(result.switched))} | ${ms(result.startB)} |`;
  });
  const markdown = [
    `**A refresh's propagation to a second replica** (replicas A and B: separate processes, own DATA_DIR and corpus folder, one database; each run uploads one new document on A; from the commit — the NOTIFY heard by the bench, which PostgreSQL sends at commit — to B's first answer from the new version, B asked every 50 ms meanwhile; target ≤ 2 s on the article)`,
    "",
    "| corpus | runs | refresh on A (request → its reply), median | commit → B answers from it, median (min–max) | commit → B logs the switch, median | B's cold start (after A seeded) |",
    "|---|---|---|---|---|---|",
    ...lines,
  ].join("\n");
  return { markdown, largeUrl };
}

async function propagation(corpus: string, url: string, root: string, prepareCorpus: (root: string) => Promise<string>): Promise<Propagation> {
  const env = async (name: string, corpusDir?: string) => {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    return {
      DATABASE_URL: url,
      DATA_DIR: path.join(dir, "data"),
      CORPUS_DIR: corpusDir ?? (await mkdir(path.join(dir, "corpus"), { recursive: true }), path.join(dir, "corpus")),
      EMBEDDINGS_PROVIDER: "hashing",
      LOG_LEVEL: "info",
    };
  };
  const replicas: ReplicaProcess[] = [];
  const listener = new pg.Client({ connectionString: url });
  const heard = new Map<number, number>();
  try {
    // A seeds the empty database from its corpus folder; B joins with an empty corpus folder and follows the record.
    replicas.push(await ReplicaProcess.start("A", await env("a", await prepareCorpus(path.join(root, "a"))), 600_000));
    const startedB = performance.now();
    replicas.push(await ReplicaProcess.start("B", await env("b"), 600_000));
    const startB = performance.now() - startedB;
    const [a, b] = replicas as [ReplicaProcess, ReplicaProcess];
    await listener.connect();
    listener.on("notification", (message) => heard.set(Number(message.payload), performance.now()));
    await listener.query(`LISTEN ${versionChannel}`);
    const runs: number[] = [];
    const refresh: number[] = [];
    const switched: number[] = [];
    for (let run = 0; run < propagationRuns; run += 1) {
      const place = `Benchdorp${run}${String.fromCharCode(97 + run)}`;
      const text = `---\ntitle: Veer ${place}\n---\nHet pontveer bij ${place} vaart vanaf ${run + 1} juni elk kwartier naar de overkant.`;
      const [current] = await query<{ version: number }>(url, "SELECT version FROM current_corpus_version");
      const before = Number(current!.version);
      // B is asked every 50 ms from the moment A is asked to refresh (as questions keep arriving), not back to back.
      let switchSeen: number | undefined;
      const switchLine = `switched to corpus version v${before + 1} `;
      const logWatch = setInterval(() => {
        if (switchSeen === undefined && b.log.includes(switchLine)) switchSeen = performance.now();
      }, 10);
      const watchB = (async () => {
        const deadline = performance.now() + 120_000;
        for (;;) {
          const reply = await b.ask(`Hoe vaak vaart het pontveer bij ${place}?`, 120_000);
          const now = performance.now();
          if (reply.ok && reply.result.corpusVersion > before) return { at: now, version: reply.result.corpusVersion };
          if (now > deadline) throw new Error(`B did not answer from a version after v${before} within 120 s`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      })();
      const requested = performance.now();
      const report = await a.refresh({ platform: "test", userId: "bench", upload: { fileName: `veer-${place}.md`, text } }, 600_000);
      if (!report.ok) throw new Error(`refresh on A failed: ${report.error.message}`);
      refresh.push(performance.now() - requested);
      const answered = await watchB.finally(() => clearInterval(logWatch));
      const committed = heard.get(report.result.newVersion);
      if (committed === undefined) throw new Error(`no NOTIFY heard for v${report.result.newVersion}`);
      if (answered.version !== report.result.newVersion) throw new Error(`B answered from v${answered.version}, A made v${report.result.newVersion}`);
      runs.push(answered.at - committed);
      switched.push((switchSeen ?? answered.at) - committed);
    }
    return { corpus, runs, refresh, switched, startB };
  } finally {
    await listener.end().catch(() => undefined);
    await Promise.all(replicas.map((replica) => replica.stop(30_000)));
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Cold join at 10k passages, with and without the shared embedding cache

/** The hashing embedder, counting the texts it embeds. */
class CountingHashing extends HashingEmbedder {
  embedded = 0;
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    this.embedded += texts.length;
    return super.embedDocuments(texts);
  }
  override async embedQuery(text: string): Promise<number[]> {
    this.embedded += 1;
    return super.embedQuery(text);
  }
}

/**
 * A stand-in for a small model on CPU: waits `msPerText` per text (a timer — it costs time, not CPU)
 * and returns the hashing vectors, under an id of its own so its cache entries are its own.
 */
class StandInEmbedder extends CountingHashing {
  override readonly id: string;
  constructor(
    private readonly msPerText: number,
    dimensions = 512,
  ) {
    super(dimensions);
    this.id = `bench-standin-${msPerText}ms-per-text-${dimensions}`;
  }
  override async embedDocuments(texts: string[]): Promise<number[][]> {
    await new Promise((resolve) => setTimeout(resolve, this.msPerText * texts.length));
    return super.embedDocuments(texts);
  }
  override async embedQuery(text: string): Promise<number[]> {
    await new Promise((resolve) => setTimeout(resolve, this.msPerText));
    return super.embedQuery(text);
  }
}

interface Join {
  embedder: string;
  cache: "with" | "without";
  embedded: number;
  /** Every text the embedder saw, the calibration's off-topic questions included. */
  texts: number;
  ms: number;
  passages: number;
}

async function coldJoinSection(url: string, work: string): Promise<string> {
  const joins: Join[] = [];
  let serial = 0;
  const join = async (embedder: CountingHashing, label: string, cache: "with" | "without"): Promise<void> => {
    process.stderr.write(`bench: shared: cold join, ${label}, ${cache} cache…\n`);
    const root = path.join(work, `join-${(serial += 1)}`);
    await mkdir(path.join(root, "corpus"), { recursive: true });
    const config = loadCoreConfig({
      DATA_DIR: path.join(root, "data"),
      CORPUS_DIR: path.join(root, "corpus"),
      EMBEDDINGS_PROVIDER: "hashing",
      LOG_LEVEL: "silent",
      INDEX_WATCH_INTERVAL_MS: "0",
    });
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line) });
    const database = new SharedDatabase(url, { applicationName: `bench-join-${serial}`, logger: logger.child("db") });
    const started = performance.now();
    // As `bootstrap` opens a replica in shared mode, with this embedder.
    const core = await Core.open({ config, embedder, logger, shared: sharedStores(database, config.dataDir, embedder, logger) });
    const ms = performance.now() - started;
    const passages = core.status().passages;
    await core.close();
    // The core's own count of passages embedded by this replica (the embedder's count adds the calibration questions).
    const said = lines.map((line) => /\((\d+) passages embedded here\)/.exec(line)?.[1]).find((count) => count !== undefined);
    if (said === undefined) throw new Error(`the joining replica did not say what it embedded:\n${lines.join("\n")}`);
    joins.push({ embedder: label, cache, embedded: Number(said), texts: embedder.embedded, ms, passages });
    await rm(root, { recursive: true, force: true });
  };
  const hashing = () => new CountingHashing(512);
  const standIn = () => new StandInEmbedder(standInMs);
  // The hashing cache was filled by the propagation replicas; the stand-in's starts empty.
  await join(hashing(), "hashing (offline)", "with");
  await query(url, "DELETE FROM embedding_cache WHERE embedder = $1", [hashing().id]);
  await join(hashing(), "hashing (offline)", "without");
  await join(standIn(), `stand-in, ${standInMs} ms per text`, "without");
  await join(standIn(), `stand-in, ${standInMs} ms per text`, "with");
  const lines = joins.map(
    (row) =>
      `| ${row.embedder} | ${row.cache} | ${row.passages.toLocaleString("en")} | ${row.embedded.toLocaleString("en")} | ${row.texts.toLocaleString("en")} | ${(row.ms / 1000).toFixed(1)} s |`,
  );
  const pairs = ["hashing (offline)", `stand-in, ${standInMs} ms per text`].map((label) => {
    const [withCache, without] = (["with", "without"] as const).map((cache) => joins.find((row) => row.embedder === label && row.cache === cache)!);
    return `${label}: join time without ÷ with the cache ${(without!.ms / withCache!.ms).toFixed(1)}×`;
  });
  return [
    `**Cold join at ${largePassages.toLocaleString("en")} passages** (a replica with an empty DATA_DIR and corpus folder opened in this process as \`bootstrap\` opens one in shared mode, until it serves the database's current version; "without" = the cache emptied for that embedder first). The stand-in is not a model: it waits ${standInMs} ms per text (a timer, no CPU — about what a small sentence model costs per passage on a CPU) and returns the hashing vectors under an id of its own.`,
    "",
    "| embedder | shared cache | passages | passages embedded here | texts embedded (calibration included) | join time |",
    "|---|---|---|---|---|---|",
    ...lines,
    "",
    pairs.join("; ") + ".",
  ].join("\n");
}
