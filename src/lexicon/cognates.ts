/**
 * Dutch spellings an English word may have as a cognate, from the regular spelling
 * correspondences between the two languages: `priority` → prioriteit, `productive` → productief,
 * `defence` → defensie, `military` → militair, `helicopters` → helikopters, `battery` → batterij,
 * `infrastructure` → infrastructuur. They are guesses to match against the text, never shown;
 * a wrong guess simply matches nothing. General linguistics, no word list. Pure.
 */
export function dutchCognates(word: string): string[] {
  const found = new Set<string>();
  for (const base of [word, ...singular(word)]) {
    for (const [suffix, replacements] of suffixes) {
      if (base.length <= suffix.length + 2 || !base.endsWith(suffix)) continue;
      for (const stem of respellings(base.slice(0, -suffix.length))) for (const replacement of replacements) found.add(stem + replacement);
    }
    for (const spelling of respellings(base)) {
      found.add(spelling);
      const closed = closedSyllable(spelling);
      if (closed) found.add(closed);
    }
  }
  found.delete(word);
  return [...found].filter((candidate) => candidate.length >= 4);
}

/** English endings and their Dutch counterparts, longest first. */
const suffixes: [string, string[]][] = [
  ["ization", ["isatie"]],
  ["ation", ["atie"]],
  ["ition", ["itie"]],
  ["tion", ["tie"]],
  ["sion", ["sie"]],
  ["ical", ["isch", "iek"]],
  ["ence", ["ensie", "entie"]],
  ["ance", ["antie"]],
  ["ity", ["iteit"]],
  ["ty", ["teit"]],
  ["ive", ["ief"]],
  ["ary", ["air"]],
  ["ory", ["orie"]],
  ["ous", ["eus"]],
  ["ism", ["isme"]],
  ["ure", ["uur"]],
  ["ize", ["iseren"]],
  ["ise", ["iseren"]],
  ["ic", ["iek", "isch"]],
  ["y", ["ij", "ie"]],
];

/**
 * English marks a long vowel with a silent final e, Dutch by doubling it in a closed syllable, and
 * English long i is Dutch ij: `phone` → foon, `state` → staat, `line` → lijn, `wide` → wijd.
 */
function closedSyllable(word: string): string | undefined {
  const match = /^(.*[^aeiou])([aeiou])([^aeiouwy])e$/u.exec(word);
  if (!match) return undefined;
  const [, head, vowel, consonant] = match;
  return `${head}${vowel === "i" ? "ij" : vowel === "u" ? "uu" : `${vowel}${vowel}`}${consonant}`;
}

/** Singulars of an English plural, so the endings above apply: `batteries` → battery. */
function singular(word: string): string[] {
  if (word.endsWith("ies")) return [`${word.slice(0, -3)}y`];
  if (word.endsWith("s") && !word.endsWith("ss")) return [word.slice(0, -1)];
  return [];
}

/**
 * Letter correspondences: ph → f, th → t, qu → kw, x → ks, sh → sj; and c, which Dutch keeps in
 * learned words (`productief`, `conversatie`) but writes as s before e/i/y and k elsewhere in
 * others (`defensie`, `helikopter`), so both spellings are tried.
 */
function respellings(stem: string): string[] {
  const common = stem.replace(/ph/g, "f").replace(/th/g, "t").replace(/qu/g, "kw").replace(/sh/g, "sj").replace(/x/g, "ks");
  return [
    common,
    common
      .replace(/c(?=[eiy])/g, "s")
      .replace(/ck/g, "k")
      .replace(/c/g, "k"),
  ];
}
