import { foldText } from "../text/fold.js";
import { isStopword, words } from "../text/tokenize.js";
import { entriesNamed, lookupNames, nameEntries, type NameKind, type NameMatch } from "../lexicon/cldr-names.js";
import { BoundedMap } from "../util/bounded-map.js";
import { sentencesOf } from "../text/sentences.js";

/**
 * The names a sentence holds and what they may be — a person, a company, a place, a nationality —
 * for the answer kinds (`answer-kind.ts`) and the near-topic checks. Pure.
 */

/**
 * Capitalised words and runs of them that are names: "Joe Biden", "Het Witte Huis" → "Witte Huis",
 * "Nasams". Leading common words are dropped ("De", "Het", "Maar"), so "De Duitse" is not a name;
 * a single capitalised word opening a sentence or quote is not taken for a name either, since
 * capitals there say nothing. One in brackets is: "(Nasams)" names what the words before spell out.
 */
export function namesIn(sentence: string): readonly string[] {
  return namesMemo.remember(sentence, findNames);
}

const namesMemo = new BoundedMap<string, readonly string[]>(2_000);

function findNames(sentence: string): string[] {
  const names: string[] = [];
  for (const match of sentence.matchAll(/\p{Lu}[\p{L}\p{N}-]*(?: \p{Lu}[\p{L}\p{N}-]*)*/gu)) {
    const before = sentence.slice(0, match.index).trimEnd();
    const opensSentence = before === "" || /[.!?:“"‘]$/u.test(before);
    const parts = match[0].split(" ");
    let start = 0;
    while (start < parts.length && isStopword(foldText(parts[start]!))) start += 1;
    if (start === parts.length) continue;
    if (opensSentence && start === 0 && parts.length === 1) continue;
    names.push(parts.slice(start).join(" "));
  }
  return names;
}

/**
 * The folded words of a text's names of at most `maxWords` words, sentence by sentence: with 1, the
 * words it capitalises on their own ("(Nasams)", not the "Missile" of "Surface-to-Air Missile
 * System"); with 2, also those of two-word names, as people and places have ("Christine Lambrecht").
 */
export function shortNameWords(text: string, maxWords: 1 | 2): ReadonlySet<string> {
  const byLength = textNames.remember(text, (key) => {
    const runs = sentencesOf({ text: key }).flatMap(namesIn);
    const wordsOf = (most: number) => new Set(runs.filter((name) => name.trim().split(/\s+/u).length <= most).flatMap((name) => words(name)));
    return [wordsOf(1), wordsOf(2)] as const;
  });
  return byLength[maxWords - 1]!;
}

const textNames = new BoundedMap<string, readonly [ReadonlySet<string>, ReadonlySet<string>]>(1_000);

/**
 * Whether a name may be a company's or an organisation's: not a place, language or nationality the
 * lexicon knows, and not a person's first and last name ("Christine Lambrecht"). Product names
 * pass too ("Iris-T SLM"): the question usually names the product, so `questionNames` removes them.
 */
export function looksLikeOrganisation(name: string): boolean {
  // "Deense Vestas": the nationality describes the company; the rest must carry the name.
  const rest = name.split(" ");
  while (rest.length > 1 && isPlaceOrAdjective(rest[0]!)) rest.shift();
  // Two or more plain capitalised words are a person's names ("Christine Lambrecht").
  if (rest.length >= 2 && rest.every((part) => /^\p{Lu}\p{Ll}+$/u.test(part))) return false;
  return !isPlaceOrAdjective(rest.join(" ")) && !soundsLikePlace(rest.join(" "));
}

/** A place, language or nationality the lexicon knows, or an adjective formed like one ("Deense"). */
function isPlaceOrAdjective(text: string): boolean {
  return entriesNamed(text).length > 0 || nationalityAdjective.test(foldText(text));
}

/** How Dutch and English form adjectives of nationality ("Duitse", "Oekraïens", "Russian", "Chinese"). */
const nationalityAdjective = /(s|sch)e$|(aans|ees|ens|its|isch|ian|ish|ese)$/u;

let placePrefixes: Set<string> | undefined;

/**
 * Inhabitants and other derivations of a place name no lexicon lists ("Amerikanen", "Oekraïners",
 * "Duitsers") start like the place or its adjective: five letters in common.
 */
export function soundsLikePlace(name: string): boolean {
  placePrefixes ??= new Set(
    nameEntries()
      .filter((entry) => entry.kind === "country" || entry.kind === "region" || entry.kind === "language")
      .flatMap((entry) => [...entry.forms.nl, ...entry.forms.en, ...(entry.adjectives?.nl ?? []), ...(entry.adjectives?.en ?? [])])
      .map((form) => foldText(form).slice(0, 5))
      .filter((prefix) => /^\p{L}{5}$/u.test(prefix)),
  );
  const folded = foldText(name);
  return folded.length >= 5 && placePrefixes.has(folded.slice(0, 5));
}

/**
 * Whether a name may be someone's (or an organisation's, "Witte Huis"): plain capitalised words
 * ("Joe Biden", "Lambrecht"), not a product code ("Iris-T SLM-…"), not a place or language the
 * lexicon knows ("Duitsland", "Kiev"), and not a lone adjective of nationality, which both
 * languages capitalise ("Duitse", "Oekraïens", "Russian").
 */
export function looksLikePerson(name: string): boolean {
  const parts = name.split(" ");
  if (!parts.every((part) => /^\p{Lu}\p{Ll}+$/u.test(part))) return false;
  if (parts.length === 1 && nationalityAdjective.test(foldText(name))) return false;
  return entriesNamed(name).length === 0;
}

/**
 * Whether the question names this by its initials: "NASAMS" for "National Advanced Surface-to-Air
 * Missile System" (capitalised parts, hyphenated ones too), so it is what is asked about, not an answer.
 */
export function abbreviates(question: string, name: string): boolean {
  const initials = name
    .split(/[\s-]+/u)
    .filter((part) => /^\p{Lu}/u.test(part))
    .map((part) => part[0]!)
    .join("");
  return initials.length >= 2 && words(question).includes(foldText(initials));
}

/**
 * Whether the question already names this (folded, inflection-tolerant: "Zelenski" in "Zelenski's";
 * a full name by its last word: "Zelensky" names "Volodimir Zelenski").
 */
export function questionNames(question: string, name: string): boolean {
  const folded = ` ${words(question).join(" ")} `;
  const named = (part: string) => folded.includes(` ${part}`) || (part.length >= 5 && folded.includes(part.slice(0, -1)));
  const parts = words(name);
  return parts.every(named) || (parts.length > 1 && named(parts.at(-1)!));
}

/**
 * The surnames of the people a text names in full ("Volodimir Zelenski" → "zelenski"), folded: on
 * its own later ("zei Zelenski"), such a name is a person's, not a company's.
 */
export function surnamesIn(texts: readonly string[]): Set<string> {
  const surnames = new Set<string>();
  for (const text of texts) {
    for (const name of namesIn(text)) {
      const parts = name.split(" ");
      if (parts.length >= 2 && looksLikePerson(name)) surnames.add(foldText(parts.at(-1)!));
    }
  }
  return surnames;
}

/**
 * Whether `sentence` names the kind of place asked, other than the question's own: for a country,
 * one the lexicon knows or its adjective ("welk land" → "Canadese"); for a city, one it knows
 * ("Washington Kiev" holds two) — of the country asked, if any ("Welke Russische steden"); for
 * any other place ("waar werd … gebouwd"), a city, country or region, or an unknown name after a
 * locative preposition ("in Zwolle"). Never a nationality: "de Duitse raketten" is no place.
 */
export function holdsPlaceName(question: string, sentence: string): boolean {
  const text = ` ${words(question).join(" ")} `;
  const country = / (land|landen|country|countries) /u.test(text);
  const city = / (stad|steden|city|cities|town|towns) /u.test(text);
  const within = new Set(lookupNames(question, { kinds: ["country"] }).map((match) => match.entry.id.replace(/^region:/u, "")));
  const inCountryAsked = (match: NameMatch) => within.size === 0 || (match.entry.country !== undefined && within.has(match.entry.country));
  const kinds: NameKind[] = country ? ["country", "region"] : city ? ["city", "region"] : ["city", "country", "region"];
  // A bare "waar"/"where" asks where something happened: a place the sentence puts something in, at
  // or from ("in Kiev", "uit Washington"), not one that acts or is acted on ("Washington bezorgde Kiev …").
  // Where something comes from or goes to is also who sent or got it ("Waar komen de Nasams vandaan?").
  const location = !country && !city && / (waar|where) /u.test(text) && !fromOrTo.test(text);
  const known = lookupNames(sentence, { kinds }).filter(
    (match) =>
      (country || (match.via !== "adjective" && (!city || inCountryAsked(match)))) && (!location || locativePrepositions.has(wordBefore(sentence, match.text))),
  );
  if (known.some((match) => !questionNames(question, match.text))) return true;
  return (
    !country &&
    namesIn(sentence).some((name) => entriesNamed(name).length === 0 && !questionNames(question, name) && locativePrepositions.has(wordBefore(sentence, name)))
  );
}

const fromOrTo = / (vandaan|heen|naartoe|toe|komen|komt|kwam|kwamen|gaan|gaat|ging|gingen|from|to|come|comes|came|go|goes|went|gone) /u;

const locativePrepositions = new Set(["in", "te", "bij", "uit", "nabij", "naar", "vanuit", "near", "at", "from", "to"]);

/** The word right before a name's first occurrence in a sentence, folded: "in" for "in Zwolle". */
export function wordBefore(sentence: string, name: string): string {
  return words(sentence.slice(0, sentence.indexOf(name))).at(-1) ?? "";
}
