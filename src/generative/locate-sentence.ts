import { normalizeForComparison } from "../text/fold.js";

const graphemes = new Intl.Segmenter("nl", { granularity: "grapheme" });

/** A normalised text plus, per normalised character, the original span it came from. */
interface MappedText {
  text: string;
  starts: number[];
  ends: number[];
}

/**
 * `normalizeForComparison`, applied per grapheme so every normalised character remembers where it
 * came from. Grapheme by grapheme (not code point by code point) keeps a letter and its combining
 * accent together, so NFKC composes them as it would for the whole string.
 */
function normalizeMapped(original: string): MappedText {
  const mapped: MappedText = { text: "", starts: [], ends: [] };
  for (const { segment, index } of graphemes.segment(original)) {
    const end = index + segment.length;
    if (/^\s+$/u.test(segment) || normalizeForComparison(segment) === "") {
      // Whitespace runs collapse to one space; leading whitespace disappears (trim).
      if (mapped.text.length > 0 && !mapped.text.endsWith(" ")) push(mapped, " ", index, end);
      continue;
    }
    push(mapped, normalizeForComparison(segment), index, end);
  }
  if (mapped.text.endsWith(" ")) {
    mapped.text = mapped.text.slice(0, -1);
    mapped.starts.pop();
    mapped.ends.pop();
  }
  return mapped;
}

function push(mapped: MappedText, text: string, start: number, end: number): void {
  for (const char of text) {
    mapped.text += char;
    // A character outside the BMP is two UTF-16 units; keep one entry per unit so indices line up.
    for (let unit = 0; unit < char.length; unit += 1) {
      mapped.starts.push(start);
      mapped.ends.push(end);
    }
  }
}

/** Quote marks, ellipses and spaces models like to wrap a quoted sentence in. */
const wrapping = /^[\s"'“”„‟«»‘’‚‛…]+|[\s"'“”„‟«»‘’‚‛…]+$|^\.\.\.|\.\.\.$/gu;

function unwrap(text: string): string {
  let current = text;
  for (let previous = ""; previous !== current;) {
    previous = current;
    current = current.replace(wrapping, "");
  }
  return current;
}

/** Words needed before a claimed sentence counts as a citation, so `de` or `en` cannot "match". */
export const minimumSentenceWords = 3;

/**
 * Finds the model's claimed sentence in a passage after whitespace and quote normalisation and
 * returns the passage's own, verbatim text for it (a substring of `passage`), or undefined when
 * the passage does not contain it. The claim may drop surrounding quote marks or ellipses; it may
 * not change a word. A claim shorter than three words counts only when it is a whole sentence.
 */
export function locateSentence(passage: string, claim: string, sentences: readonly string[] = []): string | undefined {
  const needle = normalizeMapped(unwrap(claim)).text;
  if (needle.length === 0) return undefined;
  const words = needle.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  if (words < minimumSentenceWords && !sentences.some((sentence) => normalizeMapped(unwrap(sentence)).text === needle)) {
    return undefined;
  }
  const haystack = normalizeMapped(passage);
  const at = haystack.text.indexOf(needle);
  if (at < 0) return undefined;
  return passage.slice(haystack.starts[at]!, haystack.ends[at + needle.length - 1]!);
}
