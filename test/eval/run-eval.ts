import path from "node:path";
import { bootstrap } from "../../src/app/bootstrap.js";
import { loadCoreConfig } from "../../src/config/core-config.js";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { createLexicon } from "../../src/lexicon/lexicon.js";
import { createLogger } from "../../src/logging/logger.js";
import { relevanceModel } from "../../src/retrieval/relevance.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { SqueezedMultilingualEmbedder } from "../fixtures/squeezed-multilingual-embedder.js";
import { articleText, shippedCorpus } from "./article-text.js";
import { readEvalSet, type EvalQuestion } from "./eval-set.js";
import { evaluate, groupMetrics, metricsTable, percent, sharesWordWith } from "./eval-groups.js";
import { keyInAnswer, type EvalRow } from "./metrics.js";
import { scoreModel, tune, withFreshCore } from "./tune-relevance.js";

/**
 * `npm run eval`: runs every question of the eval set through the core and prints, per split, the
 * figures the project's targets are stated in (right paragraph, key fact in the answer sentence,
 * refusals) for each kind of question.
 *
 *     npm run eval                         hashing embedder, CLDR names + bundled word list, a fresh index
 *     npm run eval -- --dictionary         … plus FreeDict from DICTIONARY_DIR (/usr/share/dictd)
 *     npm run eval -- --no-bundled         without the bundled word list (CLDR names only, or + FreeDict)
 *     npm run eval -- --embedder simulated the test stand-in for a multilingual model (squeezed cosines)
 *     npm run eval -- --embedder configured whatever .env configures (a real model), through bootstrap
 *     npm run eval -- --verbose            also lists every miss
 *     npm run eval -- --corpus DIR --questions FILE   another article and its questions (test/eval/transfer/)
 *     npm run eval -- --calibrate          how the relevance constants were set (dev split only)
 */
async function main(): Promise<void> {
  const verbose = process.argv.includes("--verbose");
  if (process.argv.includes("--calibrate")) return calibrate();
  const questionsFile = option("--questions");
  const questions = questionsFile ? readEvalSet(path.resolve(questionsFile)) : readEvalSet();
  const corpus = path.resolve(option("--corpus") ?? shippedCorpus);
  const lexicon = { dictionary: process.argv.includes("--dictionary"), bundled: !process.argv.includes("--no-bundled") };
  const { rows, status } = await run(questions, option("--embedder") ?? "hashing", lexicon, corpus);
  const shared = sharesWordWith(articleText(corpus));
  console.log(
    `Embedder: ${status.embedder.id}; lexicon ${status.calibration.lexicon}; threshold ${status.calibration.threshold.toFixed(3)} (calibrated on ${status.calibration.nullQuestions.count} off-topic questions)\n`,
  );
  for (const split of ["dev", "test", "all"] as const) {
    console.log(`### ${split}\n\n${metricsTable(groupMetrics(rows, split, shared))}\n`);
  }
  for (const { question, answer } of rows) {
    const cited = answer.citations.map((citation) => citation.paragraph).join(",") || "-";
    const ok = question.paragraph === null ? answer.abstained : answer.citations[0]?.paragraph === question.paragraph;
    if (verbose && ok && question.paragraph !== null && !keyInAnswer(question, answer)) {
      console.log(
        `~ ${question.id} [${question.split}/${question.language}/${question.kind}] key ${question.keys.join("/")} not in: ${answer.citations[0]?.sentence.slice(0, 140)}  ← ${question.question}`,
      );
    }
    if (verbose && !ok) {
      console.log(
        `✗ ${question.id} [${question.split}/${question.language}/${question.kind}] want ${question.paragraph ?? "refusal"} got ${cited} (${answer.citations[0]?.score ?? "-"}) ${question.question}\n     → ${answer.text.slice(0, 160)}`,
      );
    }
  }
}

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function run(
  questions: EvalQuestion[],
  embedderName: string,
  choice: { dictionary: boolean; bundled: boolean },
  corpus: string,
): Promise<{ rows: EvalRow[]; status: ReturnType<Core["status"]> }> {
  if (embedderName === "configured") {
    // bootstrap reads CORPUS_DIR like the bot does.
    if (corpus !== shippedCorpus) process.env.CORPUS_DIR = corpus;
    const { core } = await bootstrap();
    try {
      return { rows: await evaluate(core, questions), status: core.status() };
    } finally {
      await core.close();
    }
  }
  const embedder = embedderName === "simulated" ? new SqueezedMultilingualEmbedder() : new HashingEmbedder();
  const lexicon = createLexicon(
    { dictionaryDir: choice.dictionary ? loadCoreConfig().dictionaryDir : undefined, bundled: choice.bundled },
    createLogger({ level: "warn" }),
  );
  return withFreshCore(embedder, lexicon, relevanceModel, async (core) => ({ rows: await evaluate(core, questions), status: core.status() }), corpus);
}

/**
 * `npm run eval -- --calibrate`: how the relevance constants were set. A coordinate search over
 * `grid` (tune-relevance.ts) on the dev split only, with the offline hashing embedder and the
 * offline default lexicon (CLDR names and the bundled word list), then the chosen constants' figures on dev and test. The abstention threshold itself is
 * not among them: every index measures its own (`src/calibration/`).
 */
async function calibrate(): Promise<void> {
  const questions = readEvalSet();
  const shared = sharesWordWith(articleText());
  const embedder = new HashingEmbedder();
  // The offline default's lexicon: CLDR names and the bundled word list.
  const lexicon = createLexicon({ dictionaryDir: undefined, bundled: true }, createLogger({ level: "warn" }));
  const chosen = await tune(
    questions.filter((question) => question.split === "dev"),
    embedder,
    lexicon,
    shared,
    (line) => console.log(line),
  );
  for (const split of ["dev", "test"] as const) {
    const scores = await scoreModel(
      chosen,
      questions.filter((question) => question.split === split),
      embedder,
      lexicon,
      shared,
    );
    console.log(
      `${split}: ${Object.entries(scores)
        .map(([name, score]) => `${name} ${percent(score)}`)
        .join(", ")}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
