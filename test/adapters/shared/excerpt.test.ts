import { describe, expect, it } from "vitest";
import { defaultMaxQuoteLength, quoteExcerpt } from "../../../adapters/shared/excerpt.js";
import type { Citation } from "../../../src/port/types.js";

function citation(quote: string, sentence: string): Citation {
  return { passageId: "doc#1", documentId: "doc", quote, sentence, paragraph: 3, title: "Artikel", score: 1 };
}

const joined = (excerpt: { before: string; sentence: string; after: string }) => excerpt.before + excerpt.sentence + excerpt.after;

/** Lone UTF-16 surrogates: half an emoji. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("quoteExcerpt, the excerpt every renderer shows", () => {
  const before = Array.from({ length: 60 }, (_, index) => `Zin nummer ${index} gaat over iets anders.`).join(" ");
  const after = Array.from({ length: 60 }, (_, index) => `Daarna volgt zin ${index}.`).join(" ");
  const sentence = "Duitsland belooft Iris-T te leveren.";
  const long = citation(`${before} ${sentence} ${after}`, sentence);

  it("keeps a paragraph within the limit whole, with the 1200-character default", () => {
    const short = citation(`Begin. ${sentence} Einde.`, sentence);
    expect(quoteExcerpt(short, defaultMaxQuoteLength)).toEqual({ before: "Begin. ", sentence, after: " Einde.", shortened: false });
    expect(defaultMaxQuoteLength).toBe(1200);
  });

  it("respects the maximum length (plus the marks) and cuts context at sentence boundaries", () => {
    for (const max of [60, 200, 400, 1000]) {
      const excerpt = quoteExcerpt(long, max);
      expect(excerpt.shortened).toBe(true);
      expect(excerpt.sentence).toBe(sentence);
      expect(joined(excerpt).length).toBeLessThanOrEqual(max + 2);
      expect(long.quote).toContain(joined(excerpt).replace(/^…|…$/g, ""));
    }
    const excerpt = quoteExcerpt(long, 400);
    expect(excerpt.before).toMatch(/^…Zin nummer \d+/);
    expect(excerpt.after).toMatch(/zin \d+\.…$/);
  });

  it("never cuts the supporting sentence, even when it alone is longer than the limit", () => {
    const huge = "Een heel lange zin ".repeat(100).trim() + ".";
    const excerpt = quoteExcerpt(citation(`Ervoor. ${huge} Erna.`, huge), 100);
    expect(excerpt).toEqual({ before: "…", sentence: huge, after: "…", shortened: true });
    // A sentence that is the whole paragraph is the whole paragraph, however long.
    expect(quoteExcerpt(citation(huge, huge), 100).shortened).toBe(false);
  });

  it("never splits an emoji, with or without spaces to cut at", () => {
    const emoji = ["😀", "👍🏽", "👩‍👩‍👧", "🇳🇱"];
    const noSpaces = Array.from({ length: 200 }, (_, index) => emoji[index % emoji.length]).join("");
    for (let max = 20; max < 80; max += 1) {
      const excerpt = quoteExcerpt(citation(`${noSpaces}${sentence}${noSpaces}`, sentence), max);
      expect(excerpt.sentence).toBe(sentence);
      expect(joined(excerpt)).not.toMatch(loneSurrogate);
      // Whole graphemes only: the context is made of the emoji it started with.
      const context = (excerpt.before + excerpt.after).replace(/…/g, "");
      expect([...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(context)].every(({ segment }) => emoji.includes(segment))).toBe(true);
    }
  });

  it("marks left-out context the renderer's way, and a quote without its sentence from the start", () => {
    const spaced = quoteExcerpt(long, 400, { before: "… ", after: " …" });
    expect(spaced.before).toMatch(/^… Zin/);
    expect(spaced.after).toMatch(/\. …$/);
    const unknown = quoteExcerpt(citation(long.quote, "Staat er niet in."), 100);
    expect(unknown).toMatchObject({ sentence: "", after: "", shortened: true });
    expect(unknown.before).toMatch(/^Zin nummer 0 .*…$/);
    expect(unknown.before.length).toBeLessThanOrEqual(101);
  });
});
