import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Core } from "../../src/app/nieuwsbot-core.js";
import { relevanceModel, semanticEvidence } from "../../src/retrieval/relevance.js";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { articleText } from "../eval/article-text.js";
import { readEvalSet } from "../eval/eval-set.js";
import { sharesWordWith } from "../eval/eval-groups.js";
import { SqueezedMultilingualEmbedder } from "../fixtures/squeezed-multilingual-embedder.js";

let fixture: CoreFixture | undefined;
afterEach(async () => fixture?.cleanup());

/** Shares no content word (Dutch stem) with the article: only meaning can connect it to paragraph 3. */
const zeroOverlap = "Which country promises to deliver similar anti-aircraft weapons within a few days?";
const offTopic = readEvalSet()
  .filter((question) => question.kind === "off-topic")
  .map((question) => question.question);
const ask = (
  core: { ask: (question: string, context: { platform: "test" }) => Promise<{ abstained: boolean; citations: { paragraph: number }[] }> },
  question: string,
) => core.ask(question, { platform: "test" });

describe("abstention calibrated per embedder and corpus", () => {
  it("the test question really shares no word with the article", () => {
    const shared = sharesWordWith(articleText());
    expect(shared({ question: zeroOverlap } as never)).toBe(false);
  });

  it("a multilingual-like embedder with cosines squeezed into 0.7–0.9: a zero-overlap English question is answered, off-topic ones are still refused", async () => {
    fixture = await coreFixture();
    const core = await fixture.open(new SqueezedMultilingualEmbedder());
    const { calibration } = core.status();
    // Off-topic questions land high on this embedder's raw scale…
    expect(calibration.similarity.mean).toBeGreaterThan(0.7);
    // …so a fixed cut-off (the old `min(1, similarity / 0.5)`) would count them all as full evidence;
    // measured against this embedder's own off-topic spread they are no evidence at all.
    expect(semanticEvidence(calibration.similarity.mean, calibration)).toBe(0);

    const answer = await ask(core, zeroOverlap);
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.paragraph).toBe(3);
    for (const question of offTopic) expect((await ask(core, question)).abstained, question).toBe(true);
  });

  it("the hashing embedder gets its own scale: Dutch answered, off-topic refused, and the zero-overlap question honestly refused", async () => {
    fixture = await coreFixture();
    const core = await fixture.open(new HashingEmbedder());
    const { calibration } = core.status();
    expect(calibration.similarity.mean).toBeLessThan(0.2);
    expect((await ask(core, "Welk luchtafweersysteem levert Duitsland?")).citations[0]!.paragraph).toBe(3);
    for (const question of offTopic) expect((await ask(core, question)).abstained, question).toBe(true);
    // A lexical embedder has nothing to connect these words with the article.
    expect((await ask(core, zeroOverlap)).abstained).toBe(true);
  });

  it("records the calibration in the manifest and measures it again on every refresh", async () => {
    fixture = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "0" });
    const core = await fixture.open();
    const before = core.status().calibration;
    const manifest = JSON.parse(await readFile(path.join(fixture.dataDir, "index", "versions", "000001", "manifest.json"), "utf8"));
    expect(manifest.calibration).toEqual({ ...before, threshold: before.threshold, overridden: undefined });

    // A second article about cooking: off-topic questions about recipes now find a passage that
    // matches them, so where they land — and the threshold above them — moves.
    await writeFile(
      path.join(fixture.corpusDir, "recepten.md"),
      "---\ntitle: Koken in de herfst\n---\nEen goed recept voor appeltaart begint met bloem, boter en zure appels. Kook een ei acht minuten voor een harde dooier.\n\nMaak mayonaise zelf met een eidooier, olie en een scheut citroensap.\n",
    );
    await core.refresh({ platform: "test" });
    const after = core.status().calibration;
    expect(after.nullRelevance.max).toBeGreaterThan(before.nullRelevance.max);
    expect(after.similarity.mean).not.toBe(before.similarity.mean);
    const refreshed = JSON.parse(await readFile(path.join(fixture.dataDir, "index", "versions", "000002", "manifest.json"), "utf8"));
    expect(refreshed.calibration.threshold).toBe(after.threshold);
  });

  it("a saved version calibrated on another basis (other constants, lexicon or release) is calibrated again when loaded", async () => {
    fixture = await coreFixture({ INDEX_WATCH_INTERVAL_MS: "0" });
    const first = await fixture.open();
    const before = first.status().calibration;
    await first.close();
    const stricter = { ...relevanceModel, margin: relevanceModel.margin + 0.1 };
    const core = await Core.open({
      config: { ...fixture.config, retrieval: { ...fixture.config.retrieval, relevance: stricter } },
      embedder: new HashingEmbedder(),
    });
    try {
      expect(core.status().corpusVersion).toBe(1);
      expect(core.status().calibration.threshold).toBeCloseTo(Math.min(0.95, before.threshold + 0.1));
    } finally {
      await core.close();
    }
  });

  it("ABSTAIN_THRESHOLD overrides the measured threshold and /status says so", async () => {
    fixture = await coreFixture({ ABSTAIN_THRESHOLD: "0.99" });
    const core = await fixture.open();
    expect(core.status().calibration).toMatchObject({ threshold: 0.99, overridden: true });
    expect((await ask(core, "Welk luchtafweersysteem levert Duitsland?")).abstained).toBe(true);
  });
});
