import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { Core } from "../../src/app/nieuwsbot-core.js";
import type { Lexicon } from "../../src/lexicon/lexicon.js";
import { relevanceModel, type RelevanceModel } from "../../src/retrieval/relevance.js";
import type { Embedder } from "../../src/port/embedder.js";
import type { EvalQuestion } from "./eval-set.js";
import { computeMetrics } from "./metrics.js";
import { evaluate, targetGroups, type SharedWords } from "./eval-groups.js";
import { shippedCorpus } from "./article-text.js";

/** The values tried for each constant of the relevance model, around the current defaults. */
export const grid: { [K in keyof RelevanceModel]: number[] } = {
  lexicalWeight: [0.35, 0.5, 0.65],
  fullEvidenceZ: [4, 6, 8, 12],
  margin: [0.02, 0.04, 0.08],
  nullQuantile: [0.9, 0.95, 1],
  unknownTermWeight: [0.25, 0.5, 1],
  nameTermWeight: [1, 2, 3],
  fullMass: [0, 1, 1.5, 2],
};

/**
 * One number to compare settings by, on the dev split: the mean of each target group's score
 * (right paragraph for answerable groups, refusal rate for off-topic and near-topic), where
 * off-topic counts double because answering one is the worst failure.
 */
export function objective(scores: Record<string, number>): number {
  const entries = Object.entries(scores);
  const weight = (name: string) => (name === "off-topic" ? 2 : 1);
  return entries.reduce((sum, [name, score]) => sum + weight(name) * score, 0) / entries.reduce((sum, [name]) => sum + weight(name), 0);
}

/**
 * Runs `use` on a core over a private copy of a corpus folder (the shipped one unless told) with an empty data folder, so the
 * index and its calibration are built fresh — never a version saved by older code in `./data`.
 */
export async function withFreshCore<T>(
  embedder: Embedder,
  lexicon: Lexicon,
  model: RelevanceModel,
  use: (core: Core) => Promise<T>,
  corpus = shippedCorpus,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-eval-"));
  try {
    await cp(corpus, path.join(dir, "corpus"), { recursive: true });
    const base = loadCoreConfig({ DATA_DIR: path.join(dir, "data"), CORPUS_DIR: path.join(dir, "corpus"), LOG_LEVEL: "silent", INDEX_WATCH_INTERVAL_MS: "0" });
    const core = await Core.open({ config: { ...base, retrieval: { ...base.retrieval, relevance: model } }, embedder, lexicon });
    try {
      return await use(core);
    } finally {
      await core.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function scoreModel(
  model: RelevanceModel,
  questions: EvalQuestion[],
  embedder: Embedder,
  lexicon: Lexicon,
  shared: SharedWords,
): Promise<Record<string, number>> {
  const rows = await withFreshCore(embedder, lexicon, model, (core) => evaluate(core, questions));
  {
    const scores: Record<string, number> = {};
    for (const { name, select } of targetGroups) {
      if (name === "English, no word shared") continue;
      const metrics = computeMetrics(rows.filter((row) => select(row.question, shared)));
      scores[name] = metrics.answerable > 0 ? metrics.hitAt1 : metrics.abstentionRecall;
    }
    return scores;
  }
}

/** Coordinate search from the defaults: each constant in turn takes its best grid value on dev. */
export async function tune(
  questions: EvalQuestion[],
  embedder: Embedder,
  lexicon: Lexicon,
  shared: SharedWords,
  log: (line: string) => void,
): Promise<RelevanceModel> {
  let best: RelevanceModel = { ...relevanceModel };
  let bestScore = objective(await scoreModel(best, questions, embedder, lexicon, shared));
  log(`start ${JSON.stringify(best)} → ${bestScore.toFixed(3)}`);
  for (let round = 0; round < 2; round += 1) {
    for (const key of Object.keys(grid) as (keyof RelevanceModel)[]) {
      for (const value of grid[key]) {
        if (value === best[key]) continue;
        const candidate = { ...best, [key]: value };
        const scores = await scoreModel(candidate, questions, embedder, lexicon, shared);
        const score = objective(scores);
        log(
          `${key}=${value} → ${score.toFixed(3)} ${Object.entries(scores)
            .map(([name, s]) => `${name} ${(s * 100).toFixed(0)}%`)
            .join(", ")}`,
        );
        if (score > bestScore + 1e-9) {
          best = candidate;
          bestScore = score;
        }
      }
    }
  }
  log(`chosen ${JSON.stringify(best)} → ${bestScore.toFixed(3)}`);
  return best;
}
