import "dotenv/config";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { loadDatabaseConfig } from "../../src/config/database-config.js";
import { openSharedDatabase } from "../../src/app/shared-stores.js";
import { complaintsToEvalLines } from "../../src/feedback/eval-export.js";
import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { FeedbackSummary } from "../../src/feedback/feedback-summary.js";
import { silentLogger } from "../../src/logging/logger.js";
import { SharedFeedbackLog } from "../../src/shared-state/feedback-votes.js";
import { isNieuwsbotError } from "../../src/port/errors.js";
import { defaultMaxComplaints, feedbackReportPages } from "../shared/feedback-report.js";

const usage = `Usage:
  npm run feedback                          👍/👎 per corpus version and the latest 👎 answers
  npm run feedback -- --limit 200           list up to 200 👎 answers (default ${defaultMaxComplaints})
  npm run feedback -- --lang en             the report in English (default Dutch)
  npm run feedback -- --export FILE         also write every 👎 question as eval-format JSONL to FILE`;

/**
 * `npm run feedback`: the report moderators get from `/feedback`, on stdout, without opening the
 * index: from `feedback.jsonl`, or in shared mode (`DATABASE_URL`) from the database, so it counts
 * the votes of every replica. With `--export FILE` the 👎 questions are written as eval lines (see
 * `src/feedback/eval-export.ts` for what the moderator corrects before adding them to
 * `test/eval/questions.jsonl`).
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      export: { type: "string" },
      limit: { type: "string" },
      lang: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const limit = values.limit === undefined ? defaultMaxComplaints : Number(values.limit);
  const language = values.lang ?? "nl";
  if (values.help || !Number.isInteger(limit) || limit < 0 || (language !== "nl" && language !== "en")) {
    process.stderr.write(usage + "\n");
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const summary = await feedbackSummary(process.env);
  process.stdout.write(feedbackReportPages(summary, language, { limit: Number.POSITIVE_INFINITY, maxComplaints: limit }).join("\n\n") + "\n");
  if (values.export !== undefined) {
    const file = path.resolve(values.export);
    const lines = complaintsToEvalLines(summary.complaints);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, lines.map((line) => JSON.stringify(line) + "\n").join(""));
    process.stderr.write(
      `${lines.length} ${lines.length === 1 ? "vraag" : "vragen"} geschreven naar ${file}. ` +
        "Zet per regel de juiste alinea (paragraph; null als de bot terecht weigerde) en de woorden die een goed antwoord bevat (keys), " +
        "controleer kind, en voeg de regels toe aan test/eval/questions.jsonl.\n",
    );
  }
}

/** The votes of this data folder, or of every replica in shared mode. */
async function feedbackSummary(env: NodeJS.ProcessEnv): Promise<FeedbackSummary> {
  const config = loadCoreConfig(env);
  const databaseConfig = loadDatabaseConfig(env);
  if (!databaseConfig) return new FeedbackStore(config.dataDir).summary();
  // Silent: stdout is the report; a database that cannot be reached is thrown with a message saying which.
  const database = await openSharedDatabase(databaseConfig, silentLogger, "nieuwsbot feedback");
  try {
    return await new SharedFeedbackLog(database).summary();
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${isNieuwsbotError(error) ? error.message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
