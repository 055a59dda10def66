import { isStopword, words } from "../text/tokenize.js";
import { alternativeWeights, type Query } from "../retrieval/query.js";
import { matchStrength, textTerms, type QueryTerm, type TextTerms } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import type { NameMatch } from "../lexicon/name-entry.js";
import { isNationalRole } from "./answer-kind.js";
import { looksLikePerson, namesIn, shortNameWords, wordBefore } from "./names-in-text.js";

/**
 * The names a question asks about — places, people, roles of a country — and whether a text names
 * them in any form. What near-topic checks (`unsaid.ts`, `connections.ts`) look for. Pure.
 */

/**
 * A name counts as present from this match strength on: a translation or a metonymy (0.7) is
 * enough, a near spelling must be close (`Zelensky` ~ `Zelenski` is 0.75; chance resemblances
 * between names sit around 0.6).
 */
const presentFrom = 0.7;

/** A name in the question with the terms it was analysed into ("Groot-Brittannië" → groot, brittannie). */
export interface AskedName {
  surface: string;
  terms: QueryTerm[];
  /**
   * Part of an English run of capitalised words none of which the lexicon translates: a person's
   * name ("Liz Truss") or an institution whose Dutch name it does not know ("White House" →
   * "Witte Huis"). Its absence proves nothing; where the passage does mention it, what is asked of it
   * is checked like any name's.
   */
  untranslated?: boolean;
  /** The whole run of capitalised words this one is part of ("Liz Truss"), for a reply. */
  whole?: string;
  /**
   * For a national role naming a specific office ("de Duitse kanselier"): that office's words, one
   * of which must stand in a sentence that names the country — the article's "Duitse
   * defensieminister" is not the German chancellor, nor its "Canadese premier" a Canadian president.
   */
  office?: readonly string[];
}

/** How a reply names it: the whole run of capitalised words it is part of ("Liz Truss"), else its own words. */
export function shownAs(name: AskedName): string {
  return name.whole ?? name.surface;
}

/** Whether `text` names what the question asks about (see {@link AskedName.office}). */
export function names(name: AskedName, text: string, terms: TextTerms, holders: readonly string[] = []): boolean {
  const office = name.office;
  // The person the article says holds the office ("de Britse premier Liz Truss") names it too.
  if (office && holders.some((holder) => terms.words.includes(holder))) return true;
  if (!mentions(name.terms, terms)) return false;
  if (!office) return true;
  return sentencesOf({ text }).some((sentence) => holdsOfficeOf(sentence, office, name.terms));
}

/**
 * Whether a sentence names the office as the country's: the country right before it ("de Duitse
 * defensieminister", "Oekraïens president") or in a "van"/"of" phrase right after it ("minister van
 * Defensie van Oekraïne"). "de Duitse defensieminister … de dringende Oekraïense nood" names no
 * Ukrainian defence minister.
 */
function holdsOfficeOf(sentence: string, office: readonly string[], country: readonly QueryTerm[]): boolean {
  if (!holdsOffice(sentence, office) || !mentions(country, textTerms(sentence))) return false;
  const list = words(sentence);
  const isCountry = (word: string | undefined) => word !== undefined && mentions(country, textTerms(word));
  return office.some((form) => {
    const parts = words(form);
    return list.some((word, at) => {
      const whole = parts.length > 1 ? parts.every((part, offset) => list[at + offset] === part) : word.includes(parts[0] ?? form);
      if (!whole) return false;
      const end = at + parts.length;
      const after = list.slice(end, end + 4);
      return isCountry(list[at - 1]) || after.some((next, offset) => isCountry(next) && ["van", "of"].includes(after[offset - 1] ?? ""));
    });
  });
}

/**
 * Who the article says holds a national office, by apposition: "Oekraïens president Volodimir
 * Zelenski", "de Duitse defensieminister Christine Lambrecht" — a person's name right after the
 * office, in a sentence naming the country. Their surnames, folded, so a passage that only says
 * "Zelenski" still names "de Oekraïense president".
 */
export function officeHolders(name: AskedName, texts: readonly string[]): string[] {
  const office = name.office;
  if (!office) return [];
  const holders: string[] = [];
  for (const sentence of texts.flatMap((text) => sentencesOf({ text }))) {
    if (!holdsOfficeOf(sentence, office, name.terms)) continue;
    for (const person of namesIn(sentence)) {
      const before = wordBefore(sentence, person);
      if (looksLikePerson(person) && office.some((form) => before.endsWith(words(form).at(-1) ?? form))) holders.push(words(person).at(-1)!);
    }
  }
  return holders;
}

/** Whether `text` has a form of the office: a form of several words as such, one word also inside a longer word. */
function holdsOffice(text: string, office: readonly string[]): boolean {
  const folded = ` ${words(text).join(" ")}`;
  return office.some((form) => {
    const parts = words(form);
    return parts.length > 1 ? folded.includes(` ${parts.join(" ")}`) : folded.includes(parts[0] ?? form);
  });
}

/**
 * Offices one person holds, in Dutch and English, so a national role is checked as the office it
 * names whatever the language: "the British prime minister" is the article's "Britse premier". A
 * form is looked for inside words as well (`defensieminister`). Generic words — leider, leader,
 * regeringsleider, staatshoofd, head of state, regering — name no one office and are not checked.
 */
const offices: readonly (readonly string[])[] = [
  ["premier", "prime minister", "minister-president", "eerste minister"],
  ["president"],
  ["kanselier", "chancellor"],
  ["koningin", "queen"],
  ["koning", "king"],
  ["burgemeester", "mayor"],
  ["paus", "pope"],
  ["generaal", "general"],
  ["gouverneur", "governor"],
  ["ambassadeur", "ambassador"],
  ["minister"],
];

/** The office a role phrase names ("prime minister" before "minister"), if any. */
function officeOf(role: string): readonly string[] | undefined {
  return offices.find((forms) => holdsOffice(role, forms));
}

/**
 * The names the question asks about: places the lexicon knows by name (a country, city or region;
 * not an adjective — "het Amerikaanse luchtafweergeschut" describes, and the passage may say "uit
 * Washington") and words the asker capitalised in mid-sentence that are not common words ("Rutte",
 * "Patriot", "Groot-Brittannië"). A capital opening the question says nothing.
 */
function namesAsked(query: Query): AskedName[] {
  const asked: AskedName[] = [];
  const termFor = (word: string) => query.terms.find((term) => term.word === word || (term.words ?? []).some((part) => part.word === word));
  for (const match of query.names) {
    const role = match.via === "adjective" ? nationalRole(query.text, match) : undefined;
    const adjective = termFor(words(match.text)[0] ?? "");
    if (role && adjective) asked.push({ surface: role.phrase, terms: [adjective], office: officeOf(role.role) });
    const place = match.via === "name" && (match.entry.kind === "country" || match.entry.kind === "city" || match.entry.kind === "region");
    const term = termFor(words(match.text).join(" ")) ?? termFor(words(match.text)[0] ?? "");
    if (place && term) asked.push({ surface: match.text.replace(/[’']s$/u, ""), terms: [term] });
    // "Ukraine's defence minister" is the Ukrainian one; "de premier van Nederland" the Dutch one.
    const possessive = place && match.entry.kind === "country" && (/[’']s$/u.test(match.text) || /^[’']s\b/u.test(query.text.slice(match.end)));
    // "de burgemeester van Kiev": a city or region has offices too.
    const roleOf = !place ? undefined : possessive ? nationalRole(query.text, match) : roleOfCountry(query.text, match);
    if (roleOf && term) asked.push({ surface: roleOf.phrase, terms: [term], office: officeOf(roleOf.role) });
  }
  const covered = new Set(query.names.flatMap((match) => words(match.text)));
  // The question's terms for the capitalised words of `text` not already found as places above.
  const termsIn = (text: string) =>
    words(text)
      .filter((word) => !isStopword(word) && !covered.has(word))
      .map(termFor)
      .filter((term): term is QueryTerm => term !== undefined);
  for (const run of query.text.matchAll(/(?<=[\p{L}\p{N},;:)”"'’]\s+)\p{Lu}[\p{L}\p{N}]*(?:[-\s]\p{Lu}[\p{L}\p{N}]*)*/gu)) {
    // An English institution ("White House", "Prime Minister") has a Dutch name the lexicon may not
    // know ("Witte Huis"); only its translations, when the dictionary gives them, can tell.
    const runTerms = termsIn(run[0]);
    // Cognate guesses (`white` → whijt) are no translation: they only say how the word might be spelt.
    const translated = (term: QueryTerm) => (term.alternatives ?? []).some((form) => form.weight > alternativeWeights.cognate);
    const untranslated = query.language === "en" && runTerms.length > 1 && !runTerms.some(translated);
    // Otherwise each (hyphenated) word is a name of its own: in "Prime Minister Rutte" it is
    // Rutte the passage must mention, not any one of the three words.
    for (const surface of run[0].split(/\s+/u)) {
      const terms = termsIn(surface);
      if (terms.length > 0) asked.push({ surface, terms, whole: run[0], ...(untranslated ? { untranslated } : {}) });
    }
  }
  return asked;
}

/**
 * "de Franse president", "the Dutch prime minister": a nationality adjective followed by a role
 * identifies someone, so the passage must mention that country in some form — unlike "het
 * Amerikaanse luchtafweergeschut", which only describes. Returns the phrase as asked, with its
 * article, for the reply, and the role alone; undefined when no role follows.
 */
function nationalRole(question: string, match: NameMatch): { phrase: string; role: string } | undefined {
  const following = /^(?:[’']s)?\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/u.exec(question.slice(match.end));
  const isRole = (word: string | undefined) => word !== undefined && isNationalRole(words(word).join(""));
  if (!following || (!isRole(following[1]) && !isRole(following[2]))) return undefined;
  // "prime minister", "defence minister": a role of two words is named whole in the reply.
  const role = isRole(following[2]) ? `${following[1]} ${following[2]}` : following[1]!;
  const article = /\b(de|het|the)\s+$/iu.exec(question.slice(0, match.start))?.[0] ?? "";
  return { phrase: `${article}${match.text} ${role}`, role };
}

/**
 * "de premier van Nederland", "the defence minister of the United States": a role of a country,
 * the same as "de Nederlandse premier" (see {@link nationalRole}). The role is the last role word
 * (or two: "prime minister") among the three words before "van"/"of", with what follows it
 * ("minister van Defensie").
 */
function roleOfCountry(question: string, match: NameMatch): { phrase: string; role: string } | undefined {
  const before = /((?:[\p{L}-]+\s+){1,3})(van|of)\s+(?:(?:de|het|the)\s+)?$/iu.exec(question.slice(0, match.start));
  if (!before) return undefined;
  const candidates = before[1]!.trim().split(/\s+/u);
  const isRole = (word: string | undefined) => word !== undefined && isNationalRole(words(word).join(""));
  let at = candidates.findLastIndex(isRole);
  if (at < 0) return undefined;
  // "prime minister": a role of two words is named whole.
  if (isRole(candidates[at - 1])) at -= 1;
  const role = candidates.slice(at).join(" ");
  const article = /^(de|het|the)$/iu.test(candidates[at - 1] ?? "") ? `${candidates[at - 1]} ` : "";
  return { phrase: `${article}${role} ${question.slice(before.index + before[1]!.length, match.end)}`, role };
}

/**
 * Whether a text names this, in any form: as the lexicon knows it (translations, adjectives,
 * metonymy), or by a word starting with the same four or more letters — at least half the shorter
 * word — since names inflect and derive in ways no stemmer knows (Groot-Brittannië → Britse,
 * Canada → Canadese). A name of several parts is named when any part is.
 */
export function mentions(terms: readonly QueryTerm[], text: TextTerms): boolean {
  return terms.some((term) => matchStrength(term, text) >= presentFrom || sharesNameStem(term.words?.map((word) => word.word) ?? [term.word], text));
}

function sharesNameStem(parts: readonly string[], text: TextTerms): boolean {
  return parts.some((part) =>
    text.words.some((word) => {
      let common = 0;
      while (common < part.length && common < word.length && part[common] === word[common]) common += 1;
      return common >= 4 && common * 2 >= Math.min(part.length, word.length);
    }),
  );
}

/** The names a question asks about, worked out once per question (each candidate passage asks again). */
export function askedNamesOf(query: Query): readonly AskedName[] {
  let asked = askedNames.get(query);
  if (!asked) {
    asked = namesAsked(query);
    askedNames.set(query, asked);
  }
  return asked;
}

const askedNames = new WeakMap<Query, AskedName[]>();

/**
 * The asked names with the ones typed in lower case ("heeft lambrecht zelenski gebeld") or opening
 * the question: a question word the given texts write as a short proper name — one or two
 * capitalised words, as people and places are ("Christine Lambrecht"), not a long title whose
 * words are common ones ("National Advanced Surface-to-Air Missile System") — that the question
 * does not already ask as a name. Chat often skips capitals; the checks on names must not skip it
 * too. Nationality adjectives (capitalised in Dutch) describe and are left out.
 */
export function withLowercaseNames(asked: readonly AskedName[], query: Query, texts: readonly string[]): readonly AskedName[] {
  const covered = new Set(asked.flatMap((name) => name.terms));
  const names = new Set(texts.flatMap((text) => [...shortNameWords(text, 2)]));
  const lowercase = query.terms.filter((term) => !covered.has(term) && !term.describes && !term.words && names.has(term.word));
  // Shown as the question typed it ("niinistö"), not folded.
  const typed = (term: QueryTerm) => query.text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu)?.find((token) => words(token)[0] === term.word) ?? term.word;
  return lowercase.length === 0 ? asked : [...asked, ...lowercase.map((term) => ({ surface: typed(term), terms: [term] }))];
}
