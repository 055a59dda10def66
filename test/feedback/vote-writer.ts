import { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Answer } from "../../src/port/types.js";

/**
 * A process that votes: `tsx vote-writer.ts <dataDir> <name> <count> <maxVotes> <startAt>` waits
 * until `startAt` (epoch ms, so several writers start together), then records `count` 👎 votes on
 * answers `<name>-0` … in order, as user `<name>`. Used to prove that processes sharing a data
 * folder lose no vote while the log is compacted.
 */
const [dataDir, name, count, maxVotes, startAt] = process.argv.slice(2) as [string, string, string, string, string];
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const store = new FeedbackStore(dataDir, { maxVotes: Number(maxVotes) });
for (let index = 0; index < Number(count); index += 1) {
  const answer: Answer = {
    text: `antwoord ${index}`,
    abstained: false,
    language: "nl",
    citations: [],
    corpusVersion: 1,
    mode: "extractive",
    question: `${name}-${index}`,
  };
  await store.record(store.remember(answer, "test"), "down", name);
}
