import { currencyWords } from "../text/currency-words.js";
import { isStopword, words } from "../text/tokenize.js";
import { alternativeWeights, type Query } from "../retrieval/query.js";
import { matchStrength, textTerms, type QueryTerm, type TextTerms } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import type { NameMatch } from "../lexicon/name-entry.js";
import { answerKind, holdsAnswer, isNationalRole } from "./answer-kind.js";

/**
 * Near-topic questions: close enough to the article to match a passage well, about something it
 * does not say — another country ("Stuurt Polen ook luchtafweer?"), another person, a price, a
 * number it never gives. Matching words is not answering; these checks find the part of the
 * question a passage is silent on, so the bot can say so instead of quoting a near miss. Pure.
 */
export interface Unsaid {
  /** A name the question uses that the passage never mentions in any form; a cost; or the kind of fact asked. */
  kind: "name" | "cost" | "number" | "measure" | "time" | "person" | "organisation";
  /** The question's own words for it (`Polen`, `Rutte`), for the reply. */
  text: string;
  /**
   * For a name: another retrieved passage does mention it. This passage is then a worse answer,
   * not proof that the article is silent — it may say the name in a way the lexicon does not know
   * ("het Witte Huis" where the question says "Washington").
   */
  elsewhere?: boolean;
}

/**
 * A name counts as present from this match strength on: a translation or a metonymy (0.7) is
 * enough, a near spelling must be close (`Zelensky` ~ `Zelenski` is 0.75; chance resemblances
 * between names sit around 0.6).
 */
const presentFrom = 0.7;

/**
 * What `passageText` is silent on, with the other retrieved passages (`others`) as the rest of the
 * article: a name none of them mentions is something the article does not talk about.
 */
export function unsaidIn(query: Query, passageText: string, others: readonly string[] = []): Unsaid | undefined {
  const passage = textTerms(passageText);
  let missingName: Unsaid | undefined;
  for (const name of namesAsked(query)) {
    if (names(name, passageText, passage)) continue;
    const elsewhere = others.some((other) => names(name, other, textTerms(other)));
    // A name the whole article never mentions settles it; one said elsewhere only weakens this passage.
    if (!elsewhere) return { kind: "name", text: name.surface };
    missingName ??= { kind: "name", text: name.surface, elsewhere };
  }
  const asksCost = words(query.text).find((word) => costWords.has(word));
  if (asksCost && !mentionsMoney(passageText)) return { kind: "cost", text: asksCost };
  const kind = answerKind(query.text);
  const counted = kind === "number" ? countedTerm(query) : undefined;
  if (counted && !mentions([counted], passage)) return { kind: "number", text: counted.word };
  if (kind === "number" || kind === "measure" || kind === "time" || kind === "person" || kind === "organisation") {
    if (!sentencesOf({ text: passageText }).some((sentence) => holdsAnswer(kind, sentence, query.text))) return { kind, text: kind };
  }
  return missingName;
}

/** A name in the question with the terms it was analysed into ("Groot-Brittannië" → groot, brittannie). */
interface AskedName {
  surface: string;
  terms: QueryTerm[];
  /**
   * For a national role naming a specific office ("de Duitse kanselier"): that office's words, one
   * of which must stand in a sentence that names the country — the article's "Duitse
   * defensieminister" is not the German chancellor, nor its "Canadese premier" a Canadian president.
   */
  office?: readonly string[];
}

/** Whether `text` names what the question asks about (see {@link AskedName.office}). */
function names(name: AskedName, text: string, terms: TextTerms): boolean {
  if (!mentions(name.terms, terms)) return false;
  const office = name.office;
  if (!office) return true;
  return sentencesOf({ text }).some((sentence) => holdsOffice(sentence, office) && mentions(name.terms, textTerms(sentence)));
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
    if (query.language === "en" && runTerms.length > 1 && !runTerms.some(translated)) continue;
    // Otherwise each (hyphenated) word is a name of its own: in "Prime Minister Rutte" it is
    // Rutte the passage must mention, not any one of the three words.
    for (const surface of run[0].split(/\s+/u)) {
      const terms = termsIn(surface);
      if (terms.length > 0) asked.push({ surface, terms });
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
  const following = /^\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/u.exec(question.slice(match.end));
  const isRole = (word: string | undefined) => word !== undefined && isNationalRole(words(word).join(""));
  if (!following || !isRole(following[1])) return undefined;
  // "prime minister", "defence minister": a role of two words is named whole in the reply.
  const role = isRole(following[2]) ? `${following[1]} ${following[2]}` : following[1]!;
  const article = /\b(de|het|the)\s+$/iu.exec(question.slice(0, match.start))?.[0] ?? "";
  return { phrase: `${article}${match.text} ${role}`, role };
}

/**
 * Whether a text names this, in any form: as the lexicon knows it (translations, adjectives,
 * metonymy), or by a word starting with the same four or more letters — at least half the shorter
 * word — since names inflect and derive in ways no stemmer knows (Groot-Brittannië → Britse,
 * Canada → Canadese). A name of several parts is named when any part is.
 */
function mentions(terms: readonly QueryTerm[], text: TextTerms): boolean {
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

/**
 * What a "hoeveel X" / "how many X" question counts: the first content word after it, past a
 * nationality adjective ("hoeveel Amerikaanse batterijen"). A passage that never mentions X gives
 * no number of X, whatever other numbers it holds ("Hoeveel doden vielen er?" against "twee
 * batterijen"). Words that only count (units, stuks, exemplaren) say nothing of what is counted.
 */
function countedTerm(query: Query): QueryTerm | undefined {
  const list = words(query.text);
  const at = list.findIndex((word, index) => word === "hoeveel" || (word === "many" && list[index - 1] === "how"));
  if (at < 0) return undefined;
  const adjectives = new Set(query.names.filter((match) => match.via === "adjective").flatMap((match) => words(match.text)));
  const next = list.slice(at + 1).find((word) => !isStopword(word) && !adjectives.has(word));
  if (!next || counters.has(next)) return undefined;
  return query.terms.find((term) => term.word === next);
}

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

/** Words that ask what something cost, in Dutch and English. */
const costWords = new Set([
  "kost",
  "kosten",
  "kostte",
  "kostten",
  "prijs",
  "prijzen",
  "prijskaartje",
  "betaald",
  "betaalde",
  "betalen",
  "betaalt",
  "bedrag",
  "geld",
  "waarde",
  "uitgeven",
  "uitgegeven",
  "uitgaf",
  "besteed",
  "besteden",
  "besteedde",
  "investeerde",
  "geinvesteerd",
  "investering",
  "cost",
  "costs",
  "costed",
  "price",
  "prices",
  "priced",
  "paid",
  "pay",
  "pays",
  "spend",
  "spent",
  "spending",
  "invested",
  "investment",
  "money",
  "worth",
]);

function mentionsMoney(text: string): boolean {
  const folded = ` ${words(text).join(" ")} `;
  return /[€$£¥]/u.test(text) || [...costWords].some((word) => folded.includes(` ${word} `)) || currencyWords().some((word) => folded.includes(` ${word} `));
}
