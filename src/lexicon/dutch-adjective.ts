/**
 * Dutch attributive inflection of adjectives (`Canadees` → `Canadese`), and its inverse, by the
 * spelling rules alone. Pure; used to match `de Duitse regering` to the adjective `Duits`.
 */

const VOWELS = new Set(["a", "e", "i", "o", "u", "y"]);
// Only these are written double in a closed syllable and single in an open one.
const DOUBLABLE = new Set(["a", "e", "o", "u"]);

// Two letters that spell one sound: the second is not a vowel of its own syllable.
const DIGRAPHS = new Set(["aa", "ee", "oo", "uu", "ie", "ei", "ij", "ui", "ou", "au", "eu", "oe"]);

const isVowel = (char: string | undefined): boolean => char !== undefined && VOWELS.has(char.toLowerCase());
const isConsonantLetter = (char: string | undefined): boolean => char !== undefined && /\p{L}/u.test(char) && !isVowel(char);

/**
 * The inflected form (`Brits` → `Britse`, `Canadees` → `Canadese`, `Russisch` → `Russische`).
 * A double vowel before one final consonant becomes single, because the syllable opens
 * (`Ca-na-de-se`); `Deens` and `Koreaans` keep theirs (two consonants follow).
 * A word already ending in `e` is returned unchanged.
 */
export function inflectDutchAdjective(adjective: string): string {
  if (adjective.endsWith("e")) return adjective;
  const chars = [...adjective];
  const n = chars.length;
  const [first, second, last] = [chars[n - 3], chars[n - 2], chars[n - 1]];
  if (n >= 4 && first !== undefined && first === second && DOUBLABLE.has(first.toLowerCase()) && isConsonantLetter(last)) {
    return `${chars.slice(0, n - 2).join("")}${last}e`;
  }
  return `${adjective}e`;
}

/**
 * The uninflected form of an inflected adjective (`Canadese` → `Canadees`, `Japanse` → `Japans`,
 * `Ierse` → `Iers`, `Indiase` → `Indiaas`), or undefined when the word does not end in `e`. The
 * inverse of {@link inflectDutchAdjective} for the nationality adjectives CLDR uses: a single vowel
 * before one consonant and the `e` stood in an open syllable, so it was long and is written double
 * again, unless it is the second letter of a digraph (`Belause` → `Belaus`).
 */
export function uninflectDutchAdjective(inflected: string): string | undefined {
  if (!inflected.endsWith("e") || inflected.length < 3) return undefined;
  const stem = [...inflected.slice(0, -1)];
  const n = stem.length;
  const [before, vowel, last] = [stem[n - 3], stem[n - 2], stem[n - 1]];
  if (
    n >= 3 &&
    vowel !== undefined &&
    DOUBLABLE.has(vowel.toLowerCase()) &&
    isConsonantLetter(last) &&
    !DIGRAPHS.has(`${before ?? ""}${vowel}`.toLowerCase())
  ) {
    return `${stem.slice(0, n - 1).join("")}${vowel}${last}`;
  }
  return stem.join("");
}

/** True when a Dutch word looks like a nationality adjective: it ends in `s` or `sch`, inflected or not. */
export function looksLikeDutchNationalityAdjective(word: string): boolean {
  return /(s|sch)e?$/u.test(word);
}
