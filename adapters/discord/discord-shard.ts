import { bootstrap } from "../../src/app/bootstrap.js";
import { isNieuwsbotError } from "../../src/port/errors.js";
import { adapterDeps, loadSharedAdapterEnv, platformSecrets, stopOnSignals } from "../shared/process-runtime.js";
import { startDiscord } from "./start-discord.js";

/**
 * One Discord shard process, started by `discord-shards.ts` through discord.js's ShardingManager,
 * which puts `SHARDS` and `SHARD_COUNT` in the environment; the discord.js client reads them itself.
 * The shard opens its own core on the shared `DATA_DIR`: it loads the index from disk, and its index
 * watcher adopts a refresh that any shard (or `npm run ingest`) publishes.
 */
async function main(): Promise<void> {
  const env = process.env;
  const shardId = Number(env.SHARDS ?? 0);
  const shared = loadSharedAdapterEnv(env);
  // One shard runs the source schedule (they share its state through DATA_DIR; the others show it).
  const app = await bootstrap({ secrets: platformSecrets(env), logScope: `shard ${shardId}`, schedule: shardId === 0 });
  const deps = adapterDeps(app, shared);
  const running = await startDiscord(deps, env, { primary: shardId === 0 });
  // The votes' outbox stops before the core closes the shared database it writes to.
  const stop = stopOnSignals([running], app.logger, () => deps.feedback.close().then(() => app.core.close()));
  // The manager went away without stopping this shard: stop too rather than live on unmanaged.
  process.once("disconnect", () => void stop("sharding manager gone"));
}

main().catch((error: unknown) => {
  process.stderr.write(`${isNieuwsbotError(error) ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
