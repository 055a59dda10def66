/**
 * Lower-cases and strips diacritics so `Oekraïense` and `Oekraiense` meet. NFKC first turns
 * compatibility forms (full-width letters, ligatures) into plain ones.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** True for plain 7-bit text, which needs no Unicode normalisation (most words are). */
export function isAscii(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at the control characters on purpose
  return /^[\x00-\x7f]*$/.test(text);
}

/** {@link foldText} for one word, skipping Unicode normalisation for plain ASCII (most words). */
export function foldWord(word: string): string {
  return isAscii(word) ? word.toLowerCase() : foldText(word);
}

/**
 * Collapses whitespace and unifies quote marks, for comparing a sentence quoted by someone else
 * with the corpus text.
 */
export function normalizeForComparison(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[“”„‟«»"″]/g, '"')
    .replace(/[‘’‚‛`´′]/g, "'")
    .replace(/[‐‑‒–—―]/g, "-")
    .replace(/\s+/gu, " ")
    .trim();
}
