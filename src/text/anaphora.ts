/**
 * Whether a sentence opens by pointing back at the one before — a pronoun or a pronominal adverb,
 * after an optional "ook"/"en"/"maar" ("Hij sprak …", "Ook hen vroeg hij …", "Daarop …", "It protects
 * …") — so what it says is about who or what that sentence named. An opening quote mark is skipped.
 */
export function opensWithPronoun(sentence: string): boolean {
  return pronounOpening.test(sentence.replace(/^[“"‘]/u, ""));
}

const pronounOpening =
  /^((ook|en|maar|also|and|but)\s+)?(hij|zij|ze|hen|hem|haar|het|dat|dit|die|deze|daar|daarop|toen|he|she|they|them|it|this|that|these|those|there)\b/iu;
