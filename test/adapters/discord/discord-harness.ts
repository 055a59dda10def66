import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCoreConfig } from "../../../src/config/core-config.js";
import { Core, type CoreOptions } from "../../../src/app/nieuwsbot-core.js";
import { FeedbackStore } from "../../../src/feedback/feedback-store.js";
import { createLogger } from "../../../src/logging/logger.js";
import { HashingEmbedder } from "../../../embeddings/hashing-embeddings.js";
import type { AdapterDeps } from "../../../adapters/shared/adapter.js";
import type { NieuwsbotCore } from "../../../src/port/types.js";
import { startDiscord, type RunningDiscord } from "../../../adapters/discord/start-discord.js";
import { FakeDiscord, type FakeDiscordOptions, type RecordedRequest } from "../../fakes/discord-server.js";
import { slashCommand, user, type BuiltInteraction, type FakeUser, type InteractionOptions } from "../../fakes/discord-payloads.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Shaped like a real token (`id.timestamp.hmac`) but not like the logger's redaction pattern, so a leak would show. */
export const testToken = "fake.discord.token-for-tests-0123456789abcdef";

export interface Harness {
  fake: FakeDiscord;
  running: RunningDiscord;
  core: Core;
  feedback: FeedbackStore;
  dataDir: string;
  corpusDir: string;
  logs: string[];
  /** An ordinary guild member asking questions. */
  asker: FakeUser;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Corpus files (name → content); default: a copy of the shipped corpus. */
  corpus?: Record<string, string>;
  env?: Record<string, string>;
  /** Extra core variables (e.g. FETCH_ALLOW_PRIVATE_NETWORKS). */
  coreEnv?: Record<string, string>;
  limits?: Partial<AdapterDeps["limits"]>;
  fake?: FakeDiscordOptions;
  /** Wraps the real core, e.g. to make it fail on purpose. */
  wrapCore?: (core: Core) => NieuwsbotCore;
  /** Extra core options (e.g. the source schedule with a manual clock). */
  coreOptions?: Partial<CoreOptions>;
}

/** A real core on a temporary copy of a corpus, a fake Discord, and the adapter started against it. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const root = await mkdtemp(path.join(tmpdir(), "nieuwsbot-discord-"));
  const dataDir = path.join(root, "data");
  const corpusDir = path.join(root, "corpus");
  await mkdir(corpusDir, { recursive: true });
  if (options.corpus) {
    for (const [name, content] of Object.entries(options.corpus)) await writeFile(path.join(corpusDir, name), content);
  } else {
    await cp(path.join(repoRoot, "corpus"), corpusDir, { recursive: true, filter: (source) => !source.endsWith("sources.txt") });
  }
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", write: (line) => logs.push(line) });
  const config = loadCoreConfig({
    DATA_DIR: dataDir,
    CORPUS_DIR: corpusDir,
    EMBEDDINGS_PROVIDER: "hashing",
    LOG_LEVEL: "silent",
    INDEX_WATCH_INTERVAL_MS: "0",
    ...options.coreEnv,
  });
  const core = await Core.open({ config, embedder: new HashingEmbedder(512), ...options.coreOptions });
  const feedback = new FeedbackStore(dataDir);
  const fake = await FakeDiscord.start(options.fake);
  const deps: AdapterDeps = {
    core: options.wrapCore ? options.wrapCore(core) : core,
    feedback,
    logger,
    limits: { questionsPerWindow: 50, windowSeconds: 60, maxQuestionLength: config.maxQuestionLength, ...options.limits },
  };
  let running: RunningDiscord;
  try {
    running = await startDiscord(
      deps,
      {
        DISCORD_TOKEN: testToken,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_GUILD_ID: fake.guild.id,
        DISCORD_MODERATOR_ROLE_IDS: fake.guild.moderatorRoleId,
        ...options.env,
      },
      { readyTimeoutMs: 10_000, stopTimeoutMs: 5_000 },
    );
  } catch (error) {
    await fake.close();
    await core.close();
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return {
    fake,
    running,
    core,
    feedback,
    dataDir,
    corpusDir,
    logs,
    asker: user("lezer"),
    async stop() {
      // Destroy the client before the fake goes away, or it would try to reconnect.
      await running.stop();
      await fake.close();
      await core.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Interaction options for a member of the fake guild (ordinary permissions unless given). */
export function inGuild(harness: Harness, extra: Partial<InteractionOptions> = {}): InteractionOptions {
  return { applicationId: harness.fake.applicationId, user: harness.asker, guild: harness.fake.guild, ...extra };
}

/** Requests that belong to one interaction (callback and webhook calls carry its token). */
export function requestsFor(harness: Harness, interaction: BuiltInteraction): RecordedRequest[] {
  return harness.fake.find((request) => request.path.includes(`/${interaction.token}`));
}

/** Sends `/ask vraag:<question>` and waits for the deferral and the edited original. */
export async function askSlash(
  harness: Harness,
  question: string,
  extra: Partial<InteractionOptions> = {},
): Promise<{ interaction: BuiltInteraction; callback: RecordedRequest; edit: RecordedRequest }> {
  const interaction = slashCommand("ask", { vraag: question }, inGuild(harness, extra));
  harness.fake.dispatch("INTERACTION_CREATE", interaction.payload);
  const callback = await harness.fake.waitForRequest((request) => request.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
  const edit = await harness.fake.waitForRequest(
    (request) => request.method === "PATCH" && request.path.endsWith(`/${interaction.token}/messages/@original`) && request.status === 200,
  );
  return { interaction, callback, edit };
}

/** Sends an interaction and waits for its callback (the first response). */
export async function interact(harness: Harness, interaction: BuiltInteraction): Promise<RecordedRequest> {
  harness.fake.dispatch("INTERACTION_CREATE", interaction.payload);
  return harness.fake.waitForRequest((request) => request.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
}

/** Polls until `check` returns a value (bounded). */
export async function eventually<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves after `ms`; for asserting that something did NOT happen. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
