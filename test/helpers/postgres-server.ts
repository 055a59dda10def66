import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { closedPort } from "./closed-port.js";

/**
 * A throw-away PostgreSQL server for the tests, from the system's server binaries: a data folder in
 * a temp folder, a random free port on 127.0.0.1 only, its socket in the temp folder, fsync off
 * (nothing here must survive a crash of the machine). PostgreSQL refuses to run as root, and tests
 * run as root on CI: the server then runs as the `postgres` system user (Debian's postgresql
 * packages create it), else as `nobody`.
 */
export interface TestPostgres {
  /** Connection URL of the maintenance database, with the test password. */
  adminUrl: string;
  /** `PostgreSQL 15.x`. */
  version: string;
  /** The operating-system user the server runs as. */
  osUser: string;
  port: number;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
  /** Sends SIGKILL (for the exit hook: synchronous, no waiting). */
  kill(): void;
}

export const testDatabaseUser = "nieuwsbot";
export const testDatabasePassword = "test-only-pw-9f2c";

const startTimeoutMs = 20_000;

/**
 * What the PostgreSQL tests get (through `inject("postgres")`): the server's URL, or why there is none.
 * `skipped` only when no server binaries exist at all; binaries that fail to start are `failed`, and
 * the tests fail with that reason instead of passing unseen.
 */
export type PostgresForTests = { state: "running"; adminUrl: string } | { state: "skipped"; reason: string } | { state: "failed"; reason: string };

/** Starts a server from the binaries `find` finds, or says why there is none. */
export async function startOrExplain(find: () => string | undefined = findPostgresBinaries): Promise<{ state: PostgresForTests; server?: TestPostgres }> {
  const binDir = find();
  if (!binDir) {
    const reason =
      "no PostgreSQL server binaries found (pg_config --bindir, /usr/lib/postgresql/*/bin, PATH); install them (Debian: apt-get install postgresql) to run these tests";
    return { state: { state: "skipped", reason } };
  }
  const user = serverUser();
  if (!user) return { state: { state: "failed", reason: "running as root and neither a `postgres` nor a `nobody` user exists to run PostgreSQL as" } };
  try {
    const server = await startTestPostgres(binDir, user);
    return { state: { state: "running", adminUrl: server.adminUrl }, server };
  } catch (error) {
    return { state: { state: "failed", reason: `PostgreSQL in ${binDir} did not start: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/** The folder holding `initdb` and `postgres`: `pg_config --bindir`, Debian's and RHEL's layouts, then PATH. */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env, roots = ["/usr/lib/postgresql", "/usr"]): string | undefined {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {
    // No pg_config (it comes with the client dev packages); look in the usual places.
  }
  for (const root of roots) {
    const versions = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name) || /^pgsql-\d+$/.test(name)) : [];
    versions.sort((a, b) => Number.parseInt(b.replace(/\D/g, ""), 10) - Number.parseInt(a.replace(/\D/g, ""), 10));
    candidates.push(...versions.map((version) => path.join(root, version, "bin")));
  }
  candidates.push(...(env.PATH ?? "").split(path.delimiter).filter(Boolean));
  return candidates.find((dir) => existsSync(path.join(dir, "initdb")) && existsSync(path.join(dir, "postgres")));
}

interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** Who the server runs as: this process's user, or — as root — `postgres`, else `nobody`. */
export function serverUser(): OsUser | undefined {
  const uid = process.getuid?.() ?? 0;
  if (uid !== 0) return { name: execFileSync("id", ["-un"], { encoding: "utf8" }).trim(), uid, gid: process.getgid?.() ?? 0 };
  for (const name of ["postgres", "nobody"]) {
    try {
      const id = (flag: string) => Number.parseInt(execFileSync("id", [flag, name], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }), 10);
      return { name, uid: id("-u"), gid: id("-g") };
    } catch {
      // No such user here; try the next.
    }
  }
  return undefined;
}

/** Initialises a cluster and starts it; throws with the server's own words when it cannot. */
export async function startTestPostgres(binDir: string, user: OsUser): Promise<TestPostgres> {
  const root = await mkdtemp(path.join(tmpdir(), "nieuwsbot-pg-"));
  try {
    await prepareFolder(root, user);
    await run(path.join(binDir, "initdb"), initdbArgs(root), user, root);
    for (let attempt = 1; ; attempt += 1) {
      const port = await closedPort();
      try {
        return await launch(binDir, root, port, user);
      } catch (error) {
        // Another process may have taken the port between our probe and the server's bind.
        if (attempt >= 3 || !String(error).includes("could not bind")) throw error;
      }
    }
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
}

async function prepareFolder(root: string, user: OsUser): Promise<void> {
  await mkdir(path.join(root, "socket"));
  await writeFile(path.join(root, "password"), testDatabasePassword + "\n");
  await chmod(path.join(root, "password"), 0o600);
  for (const item of ["", "socket", "password"]) await chown(path.join(root, item), user.uid, user.gid);
}

function initdbArgs(root: string): string[] {
  return [
    ...["-D", path.join(root, "data"), "-U", testDatabaseUser, `--pwfile=${path.join(root, "password")}`],
    // Password authentication even on loopback, as in production; C locale so no locale must be installed.
    ...["--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"],
  ];
}

async function launch(binDir: string, root: string, port: number, user: OsUser): Promise<TestPostgres> {
  const settings = ["listen_addresses=127.0.0.1", `port=${port}`, `unix_socket_directories=${path.join(root, "socket")}`];
  // Speed over durability: the data folder is deleted afterwards anyway.
  settings.push("fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200");
  const child = spawn(path.join(binDir, "postgres"), ["-D", path.join(root, "data"), ...settings.flatMap((setting) => ["-c", setting])], {
    ...asUser(user, root),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const adminUrl = `postgres://${testDatabaseUser}:${testDatabasePassword}@127.0.0.1:${port}/postgres`;
  const version = await waitUntilReady(adminUrl, child, () => log);
  const stop = async () => {
    await stopServer(child);
    await rm(root, { recursive: true, force: true });
  };
  return { adminUrl, version, osUser: user.name, port, stop, kill: () => child.kill("SIGKILL") };
}

/** Polls until the server answers, its process exits, or `startTimeoutMs` passes. */
async function waitUntilReady(adminUrl: string, child: ChildProcess, log: () => string): Promise<string> {
  const deadline = Date.now() + startTimeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline && !exited) {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      const result = await client.query<{ version: string }>("SELECT split_part(version(), ' ', 1) || ' ' || split_part(version(), ' ', 2) AS version");
      return result.rows[0]!.version;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  child.kill("SIGKILL");
  throw new Error(`PostgreSQL did not start within ${startTimeoutMs} ms${exited ? " (it exited)" : ""}. Its log:\n${log()}`);
}

/** SIGINT is PostgreSQL's fast shutdown; SIGKILL if it has not exited after 10 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function asUser(user: OsUser, cwd: string) {
  const same = user.uid === process.getuid?.();
  // A minimal environment: the server needs no secrets of ours, and HOME must be somewhere it may read.
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: cwd, LC_ALL: "C", TZ: "UTC" };
  return same ? { cwd, env } : { cwd, env, uid: user.uid, gid: user.gid };
}

function run(command: string, args: string[], user: OsUser, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...asUser(user, cwd), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), startTimeoutMs);
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} failed (${signal ?? `exit ${code}`}) as user ${user.name}:\n${output.slice(-4000)}`));
    });
  });
}
