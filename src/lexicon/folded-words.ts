/**
 * Splits text into folded words (lower case, accents stripped by `foldText`) that remember where
 * they stand in the original, so a match found on folded text can be reported on the text as
 * written. Pure.
 */
import { foldText } from "../text/fold.js";

/** One word: folded letters and digits, and its UTF-16 span in the original text. */
export interface FoldedWord {
  /** Folded: `oekraiense` for `Oekraïense`. */
  readonly text: string;
  /** The original spelling: `text` slice `[start, end)`. */
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;

/** 1 = letter or digit, 0 = separator, for ASCII: the common case, without a regular expression. */
const ASCII_WORD = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  ASCII_WORD[code] = (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0;
}

/**
 * The words of `text`: runs of letters and digits after folding. Everything else (spaces,
 * hyphens, apostrophes, punctuation) separates words, so `Groot-Brittannië` is two words, as is
 * `Germany's`. Folding each code point on its own keeps offsets exact; combining accents fold
 * to nothing and stay inside the word they follow.
 */
export function foldedWords(text: string): FoldedWord[] {
  const words: FoldedWord[] = [];
  let folded = "";
  let start = -1;
  let end = -1;
  const close = () => {
    if (start >= 0) words.push({ text: folded, raw: text.slice(start, end), start, end });
    folded = "";
    start = -1;
  };
  for (let at = 0; at < text.length;) {
    const codePoint = text.codePointAt(at) ?? 0;
    if (codePoint < 0x80) {
      // ASCII needs no normalisation; this path keeps long paragraphs cheap.
      if (ASCII_WORD[codePoint] === 1) {
        if (start < 0) start = at;
        folded += codePoint <= 90 && codePoint >= 65 ? String.fromCharCode(codePoint + 32) : text[at];
        end = at + 1;
      } else {
        close();
      }
      at += 1;
      continue;
    }
    const next = at + (codePoint > 0xffff ? 2 : 1);
    const char = text.slice(at, next);
    const foldedChar = foldText(char);
    for (const piece of foldedChar) {
      if (WORD_CHAR.test(piece)) {
        if (start < 0) start = at;
        folded += piece;
        end = next;
      } else if (MARK.test(piece)) {
        if (start >= 0) end = next;
      } else {
        close();
      }
    }
    if (foldedChar === "" && start >= 0) end = next;
    at = next;
  }
  close();
  return words;
}
