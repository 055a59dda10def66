import { BoundedMap } from "../util/bounded-map.js";

/**
 * Dutch-aware sentence splitting. ICU's sentence segmenter (built into Node) does the heavy lifting;
 * two Dutch repairs are applied on top:
 * - a segment ending in a common Dutch abbreviation (`dhr.`, `o.a.`, `ca.`, `okt.`) is glued to the next;
 * - a quotation opened with “ and closed in a later segment stays one sentence, so quoted speech is
 *   cited whole. A quote that is never closed (the article's first paragraph ends that way) simply
 *   runs to the end of the paragraph.
 * Sentences are returned trimmed and verbatim: each is a substring of the paragraph, in order.
 */

const segmenter = new Intl.Segmenter("nl", { granularity: "sentence" });

const abbreviations = new Set([
  "dhr",
  "mevr",
  "mr",
  "dr",
  "drs",
  "ir",
  "ing",
  "prof",
  "st",
  "nr",
  "blz",
  "bijv",
  "bv",
  "ca",
  "enz",
  "etc",
  "evt",
  "jl",
  "mln",
  "mld",
  "mrd",
  "resp",
  "vs",
  "zgn",
  "ong",
  "incl",
  "excl",
  "max",
  "min",
  "jan",
  "feb",
  "mrt",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "okt",
  "nov",
  "dec",
  "o.a",
  "d.w.z",
  "m.a.w",
  "t.o.v",
  "i.p.v",
  "z.g.a.n",
  "a.s",
  "n.a.v",
  "m.b.t",
  "e.d",
  "e.a",
  "o.m",
]);

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[\s(“"'‘])((?:\p{L}{1,4}\.)*\p{L}{1,5})\.\s*$/u.exec(segment);
  return match !== null && abbreviations.has(match[1]!.toLowerCase());
}

/** True when the segment leaves a “ open (more openers than closers). */
function leavesQuoteOpen(segment: string): boolean {
  const opens = (segment.match(/“/g) ?? []).length;
  const closes = (segment.match(/”/g) ?? []).length;
  return opens > closes;
}

export function splitSentences(paragraph: string): string[] {
  const raw = [...segmenter.segment(paragraph)].map((part) => part.segment);
  const merged: string[] = [];
  let current = "";
  for (const segment of raw) {
    current += segment;
    const quoteOpen = leavesQuoteOpen(current);
    if (endsWithAbbreviation(current) || quoteOpen) continue;
    merged.push(current);
    current = "";
  }
  if (current) merged.push(current);
  return repairUnclosedQuotes(merged, raw)
    .map((sentence) => sentence.trim())
    .filter((s) => s.length > 0);
}

/**
 * When a quote opens and never closes, the loop above would swallow the rest of the paragraph into one
 * "sentence". If no later segment closes it, fall back to ICU's boundaries for that tail.
 */
function repairUnclosedQuotes(merged: string[], raw: string[]): string[] {
  const last = merged.at(-1);
  if (last === undefined || !leavesQuoteOpen(last)) return merged;
  const head = merged.slice(0, -1);
  const consumed = head.join("").length;
  let offset = 0;
  const tail: string[] = [];
  let pending = "";
  for (const segment of raw) {
    const start = offset;
    offset += segment.length;
    if (start < consumed) continue;
    pending += segment;
    if (endsWithAbbreviation(pending)) continue;
    tail.push(pending);
    pending = "";
  }
  if (pending) tail.push(pending);
  return [...head, ...tail];
}

const sentencesByText = new BoundedMap<string, string[]>(1_000);

/**
 * The sentences of a passage, split when first needed and remembered (bounded). Splitting at
 * answer time instead of at index time keeps 100k-passage indexes small and quick to load: only
 * cited passages are ever split.
 */
export function sentencesOf(passage: { text: string }): string[] {
  return sentencesByText.remember(passage.text, splitSentences);
}
