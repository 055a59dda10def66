/**
 * Lower-cases and strips diacritics so `Oekraïense` and `Oekraiense` meet. NFKC first turns
 * compatibility forms (full-width letters, ligatures) into plain ones.
 */
export function foldText(text: string): string {
  return text.normalize("NFKC").normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
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
