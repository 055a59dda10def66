import { parseArgs } from "node:util";
import { SingleBar, Presets } from "cli-progress";
import { bootstrap } from "../../src/app/bootstrap.js";
import { isNieuwsbotError } from "../../src/port/errors.js";
import type { RefreshProgress, RefreshRequest } from "../../src/port/types.js";
import { messages } from "../../src/answer/messages.js";
import { refreshSummary } from "./refresh-summary.js";
import { crashTestPause } from "./crash-test-pause.js";

/**
 * `npm run ingest`: re-reads the corpus (plus `corpus/sources.txt` and any `--url`) and builds a
 * new index version with a progress bar on stderr, then prints the one-line summary — or
 * `Corpus: geen wijzigingen; nog steeds v7` when nothing changed (no version is made). It opens
 * the saved version without the start-up refresh, so a change made to the corpus folder is
 * counted and audited once, by this refresh. `--rollback` goes back one version instead. A running
 * bot picks the new version up.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rollback: { type: "boolean" }, url: { type: "string", multiple: true } } });
  const bar = new SingleBar(
    { format: " {phase} [{bar}] {value}/{total} passages", stream: process.stderr, hideCursor: true, clearOnComplete: true },
    Presets.shades_classic,
  );
  let started = false;
  const onBuildProgress = (progress: RefreshProgress) => {
    if (!started) {
      bar.start(progress.total, 0, { phase: progress.phase });
      started = true;
    }
    bar.update(progress.done, { phase: progress.phase });
    if (progress.phase === "saving" || (progress.phase === "indexing" && progress.done === progress.total)) {
      bar.stop();
      started = false;
    }
  };
  const refresh: RefreshRequest = {
    platform: "ingest",
    userId: process.env.USER,
    action: values.rollback ? "rollback" : "refresh",
    urls: values.url,
    onProgress: onBuildProgress,
  };
  // Only the crash test sets NIEUWSBOT_TEST_PAUSE_PHASE; otherwise this is undefined.
  const { core, report } = await bootstrap({ refresh, onIndexPhase: crashTestPause(process.env) }).finally(() => bar.stop());
  try {
    process.stdout.write(`${refreshSummary(report)}\n${messages.nl.calibration(core.status().calibration)}\n`);
  } finally {
    bar.stop();
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${isNieuwsbotError(error) ? `${error.code}: ${error.message}` : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
