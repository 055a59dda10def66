import { quantitiesIn } from "../text/quantities.js";
import { isStopword, words } from "../text/tokenize.js";
import type { Query } from "../retrieval/query.js";
import { matchStrength, textTerms, type QueryTerm } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import { shortNameWords, soundsLikePlace } from "./names-in-text.js";
import { countedInCurrency } from "./money.js";

/**
 * What a "hoeveel X" / "how many X" question counts, and whether a passage gives a number of it.
 * A passage that mentions X and holds some number is not yet an answer: "How many missiles can a
 * battery fire?" against "twee batterijen van de … Missile System" names missiles and gives a
 * number, but a number of batteries. The number must count X. Pure.
 */

/** The words of the counted phrase: the content words right after "hoeveel"/"how many", at most two. */
export interface Counted {
  terms: QueryTerm[];
  /** The phrase opens with a name the question capitalises ("Hoeveel Nasams …"): it may be counted in units. */
  named: boolean;
  /** The phrase opens with a word that may be a name, if the passage capitalises it ("hoeveel nasams …"); no inhabitants. */
  mayBeName: boolean;
}

/**
 * The phrase a count question asks about: up to two content words after it, past a nationality
 * adjective ("hoeveel Amerikaanse batterijen", "how many NASAMS batteries") unless it is the noun
 * ("hoeveel Oekraïners"), stopping at a function word ("how many missiles can …"). Words that only
 * count (units, stuks, exemplaren) say nothing of what is counted.
 */
export function countedPhrase(query: Query): Counted | undefined {
  const list = words(query.text);
  const at = list.findIndex((word, index) => word === "hoeveel" || (word === "many" && list[index - 1] === "how"));
  if (at < 0) return undefined;
  const adjectives = new Set(query.names.filter((match) => match.via === "adjective").flatMap((match) => words(match.text)));
  const following: string[] = [];
  for (const word of list.slice(at + 1)) {
    if (word.length < 2) continue;
    if (isStopword(word) || following.length === 3) break;
    following.push(word);
  }
  // "Hoeveel Oekraïners …" counts the people the adjective's noun names; otherwise it describes.
  const nouns = following.filter((word) => !adjectives.has(word));
  const phrase = (nouns.length > 0 ? nouns : following).slice(0, 2);
  // "Hoeveel geld …" is counted in a currency ("75 miljoen euro"), which the cost check asks for.
  if (phrase.length === 0 || counters.has(phrase[0]!) || countedInCurrency(phrase[0]!)) return undefined;
  const terms = phrase.flatMap((word) => query.terms.filter((term) => term.word === word));
  if (terms.length === 0) return undefined;
  const capitalised = new Set(words((query.text.match(/\p{Lu}[\p{L}\p{N}-]*/gu) ?? []).join(" ")));
  // Inhabitants ("Oekraïners") are counted as people, not in units.
  const mayBeName = !adjectives.has(phrase[0]!) && !soundsLikePlace(phrase[0]!);
  return { terms, named: mayBeName && capitalised.has(phrase[0]!), mayBeName };
}

/**
 * Whether `passageText` gives a number of what is counted: one of the phrase's words within three
 * words after a cardinal ("twee batterijen", "500 nieuwe raketten") or two before it ("het aantal
 * doden is 12"), or right after a vague quantity ("enkele dagen"). A named thing is counted in
 * units ("twee batterijen van de … (Nasams)"), so for it a cardinal anywhere in a sentence naming it
 * will do, unless the phrase goes on to a word the passage has.
 */
export function givesNumberOf(counted: Counted, passageText: string): boolean {
  const sentences = sentencesOf({ text: passageText }).map((sentence) => ({ sentence, cardinals: quantitiesIn(sentence) }));
  const beside = sentences.some(({ sentence, cardinals }) =>
    cardinals.some((number) => {
      const before = words(sentence.slice(0, number.index)).slice(-2);
      const after = words(sentence.slice(number.index + number.surface.length)).slice(0, number.vague ? 1 : 3);
      const around = textTerms([...before, ...after].join(" "));
      return counted.terms.some((term) => matchStrength(term, around) >= countedFrom);
    }),
  );
  if (beside || !(counted.named || (counted.mayBeName && shortNameWords(passageText, 1).has(counted.terms[0]!.word)))) return beside;
  // "Hoeveel Nasams kreeg Kiev?" counts the named thing in units; "How many NASAMS missiles …?"
  // counts missiles, which the passage mentions — so the rest of the phrase must be nowhere in it.
  const [name, ...rest] = counted.terms;
  const passage = textTerms(passageText);
  if (rest.some((term) => matchStrength(term, passage) >= countedFrom)) return false;
  return sentences.some(({ sentence, cardinals }) => cardinals.some((number) => !number.vague) && matchStrength(name!, textTerms(sentence)) >= countedFrom);
}

/** A counted word is found from this strength on: the word, a form or a translation of it. */
const countedFrom = 0.5;

/** Nouns that count without saying what is counted. */
const counters = new Set([
  "unit",
  "units",
  "piece",
  "pieces",
  "item",
  "items",
  "copies",
  "ones",
  "times",
  "kinds",
  "types",
  "stuk",
  "stuks",
  "exemplaren",
  "eenheden",
  "keer",
  "keren",
  "soorten",
]);
