import { currencyWords } from "../text/currency-words.js";
import { isStopword, words } from "../text/tokenize.js";
import { alternativeWeights, type Query } from "../retrieval/query.js";
import { matchStrength, queryTerms, textTerms, type QueryTerm, type TextTerms } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import type { NameMatch } from "../lexicon/name-entry.js";
import { answerKind, holdsAnswer, isNationalRole, looksLikePerson, namesIn, reportsWords } from "./answer-kind.js";
import { lookupNames } from "../lexicon/cldr-names.js";

/**
 * Near-topic questions: close enough to the article to match a passage well, about something it
 * does not say — another country ("Stuurt Polen ook luchtafweer?"), another person, a price, a
 * number it never gives. Matching words is not answering; these checks find the part of the
 * question a passage is silent on, so the bot can say so instead of quoting a near miss. Pure.
 */
export interface Unsaid {
  /**
   * A name the question uses that the passage never mentions in any form; a name it mentions only
   * in another connection (`context`); two names the article never mentions together; a cost; or
   * the kind of fact asked.
   */
  kind: "name" | "context" | "together" | "cost" | "number" | "measure" | "time" | "person" | "organisation";
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
  const asked = askedNames.get(query) ?? namesAsked(query);
  askedNames.set(query, asked);
  const article = articleOf(query, passageText, others);
  for (const name of asked) {
    const holders = name.office ? article.remember(`holders ${name.surface}`, () => officeHolders(name, article.texts)) : [];
    if (name.untranslated || names(name, passageText, passage, holders)) continue;
    const elsewhere = others.some((other) => names(name, other, textTerms(other), holders));
    // A name the whole article never mentions settles it; one said elsewhere only weakens this passage.
    if (!elsewhere) return { kind: "name", text: name.surface };
    missingName ??= { kind: "name", text: name.surface, elsewhere };
  }
  const apart = namesApart(asked, query, article);
  if (apart) return { kind: "together", text: apart };
  const kind = answerKind(query.text);
  const speech = words(query.text).some((word) => speechVerbs.has(word));
  if (!missingName && (kind === "yes-no" || speech)) {
    // An open question about someone's words ("Wat zei Truss tegen Zelenski?") asks of its first name only.
    const speaker = [...asked].sort((left, right) => query.text.indexOf(left.surface) - query.text.indexOf(right.surface)).slice(0, 1);
    const mode = kind === "yes-no" ? "yes-no" : "speaker";
    const unconnected = (mode === "yes-no" ? asked : speaker).find((name) => !saidInConnection(name, mode, asked, query, passageText, article));
    if (unconnected) return { kind: "context", text: unconnected.whole ?? unconnected.surface };
  }
  const asksCost = words(query.text).find((word) => costWords.has(word));
  if (asksCost && !mentionsMoney(passageText)) return { kind: "cost", text: asksCost };
  const counted = kind === "number" ? countedTerm(query) : undefined;
  if (counted && !mentions([counted], passage)) return { kind: "number", text: counted.word };
  if (kind === "number" || kind === "measure" || kind === "time" || kind === "person" || kind === "organisation") {
    if (!sentencesOf({ text: passageText }).some((sentence) => holdsAnswer(kind, sentence, query.text))) return { kind, text: kind };
  }
  return missingName;
}

/**
 * Whether what the question asks of a name stands where the passage mentions it: in a sentence
 * naming it, the next one (which may refer back: "Ook hen vroeg hij …"), or the quote before a
 * sentence naming its speaker. "Levert Canada ook luchtafweer?" against "Hij sprak ook met de
 * Canadese premier Justin Trudeau" matches a passage well — the name and the topic are there — but
 * the article only mentions Canada in another connection: what is asked ("levert") stands with
 * someone else ("Duitsland belooft … te leveren"). A question word found nowhere proves nothing —
 * the question may say it in other words — so only a word the article attaches to someone the
 * question does not name counts against the name. Words most retrieved passages share (the
 * article's topic: "Oekraïne", "luchtafweer") say nothing of the connection; a name that is itself
 * the topic, or a question asking nothing of its name beyond the topic, is not checked.
 */
function saidInConnection(
  name: AskedName,
  mode: "yes-no" | "speaker",
  asked: readonly AskedName[],
  query: Query,
  passageText: string,
  article: Article,
): boolean {
  const common = (term: QueryTerm) => article.common(term);
  if (name.terms.some(common)) return true;
  // What is asked of the name: the question's other words, not names ("Stuurt Canada raketten naar
  // Kiev?" asks of Canada what it sends; Kiev standing near Canada proves nothing; nor does Justin
  // near Trudeau).
  const named = new Set([...query.names.flatMap((match) => words(match.text)), ...asked.flatMap((other) => words(other.surface))]);
  const isName = (term: QueryTerm) =>
    named.has(term.word) || (term.words ?? []).some((part) => named.has(part.word)) || asked.some((other) => other.terms.includes(term));
  const rest = query.terms.filter((term) => !isName(term) && !term.describes && !common(term));
  const sentences = sentencesOf({ text: passageText });
  const context = new Set(
    sentences.flatMap((sentence, at) => {
      if (!mentions(name.terms, textTerms(sentence))) return [];
      const quoteBefore = at > 0 && /[”"]\s*$/u.test(sentences[at - 1]!) ? [sentences[at - 1]!] : [];
      return [...quoteBefore, sentence, ...sentences.slice(at + 1, at + 2)];
    }),
  );
  if (context.size === 0) return true;
  const around = textTerms([...context].join(" "));
  // "Heeft Lambrecht iets gezegd …?" is answered by any report of her words ("volgens Lambrecht");
  // "What did Liz Truss say?" is not by a sentence that only says she was spoken to.
  if (words(query.text).some((word) => speechVerbs.has(word)) && reportsWords([...context].join(" "))) return true;
  if (mode === "speaker") return false;
  if (rest.length === 0 || rest.some((term) => matchStrength(term, around) >= connectedFrom)) return true;
  return !rest.some((term) => attachedElsewhere(term, query, article).some((sentence) => !context.has(sentence)));
}

/**
 * The sentences of the retrieved passages that say this question word of someone the question does
 * not name — named in the sentence, asked nowhere in the question, and not the topic itself
 * ("Oekraïens"). The same for every candidate passage, so worked out once per question.
 */
function attachedElsewhere(term: QueryTerm, query: Query, article: Article): readonly string[] {
  return article.remember(`attached ${term.word}`, () => {
    const other = (actor: string) => !query.terms.some((asked) => mentions([asked], textTerms(actor))) && !queryTerms(actor).some(article.common);
    return article.texts
      .flatMap((text) => sentencesOf({ text }))
      .filter((sentence) => matchStrength(term, textTerms(sentence), false) >= attachedFrom && actorsIn(sentence).some(other));
  });
}

/**
 * Two of the question's names that no retrieved passage mentions together — in one sentence or
 * the next — as "A en B" for the reply: "Wanneer sprak Lambrecht met Trudeau?" asks about a meeting
 * the article never reports, though it names both. Names that are the article's topic (in most
 * passages: "Zelenski", "Oekraïne") stand with everything and are not checked.
 */
function namesApart(asked: readonly AskedName[], query: Query, article: Article): string | undefined {
  if (asked.length < 2) return undefined;
  // The same for every candidate passage of one question: worked out once.
  return article.remember("apart", () => pairApart(asked, query, article));
}

function pairApart(asked: readonly AskedName[], query: Query, article: Article): string | undefined {
  const { texts, terms: allTerms } = article;
  const topical = (name: AskedName) => allTerms.length >= 3 && allTerms.filter((terms) => mentions(name.terms, terms)).length >= commonShare * allTerms.length;
  // One entry per thing named: the words of one run ("Liz Truss"), a country and its role.
  const distinct = new Map<string, AskedName>();
  for (const name of asked) if (!topical(name)) distinct.set(name.whole ?? name.terms[0]!.word, distinct.get(name.whole ?? name.terms[0]!.word) ?? name);
  const list = [...distinct.values()];
  if (list.length < 2) return undefined;
  const windows = texts.flatMap((text) => {
    const sentences = sentencesOf({ text });
    return sentences.map((sentence, at) => textTerms(sentences.slice(at, at + 2).join(" ")));
  });
  for (let first = 0; first < list.length; first += 1) {
    for (let second = first + 1; second < list.length; second += 1) {
      const [left, right] = [list[first]!, list[second]!];
      // Names listed together ("met Biden en Truss", "Washington and Berlin") are each asked the same, not asked about each other.
      if (coordinated(query.text, left, right)) continue;
      const seen = (name: AskedName) => windows.some((window) => mentions(name.terms, window));
      // A name found nowhere is for the name check; only two that are there, apart, are this one.
      if (!seen(left) || !seen(right)) continue;
      if (!windows.some((window) => mentions(left.terms, window) && mentions(right.terms, window))) {
        return `${left.whole ?? left.surface} ${query.language === "en" ? "and" : "en"} ${right.whole ?? right.surface}`;
      }
    }
  }
  return undefined;
}

/**
 * The retrieved passages as a whole, as every candidate passage's checks see them (in another
 * order each time): their terms, and values worked out once per question — which words are the
 * article's topic, which names it never puts together.
 */
interface Article {
  texts: readonly string[];
  terms: readonly TextTerms[];
  remember<T>(key: string, compute: () => T): T;
  /** Whether most retrieved passages have this word: the topic, which says nothing of a connection. */
  common(term: QueryTerm): boolean;
}

function articleOf(query: Query, passageText: string, others: readonly string[]): Article {
  const texts = [passageText, ...others];
  const known = articles.get(query);
  if (known && known.texts.length === texts.length && texts.every((text) => known.texts.includes(text))) return known;
  const values = new Map<string, unknown>();
  const terms = texts.map(textTerms);
  const remember = <T>(key: string, compute: () => T): T => {
    if (!values.has(key)) values.set(key, compute());
    return values.get(key) as T;
  };
  const commonness = new Map<QueryTerm, boolean>();
  const article: Article = {
    texts,
    terms,
    remember,
    common: (term) => {
      let known = commonness.get(term);
      if (known === undefined) {
        known = terms.length >= 3 && terms.filter((text) => matchStrength(term, text, false) >= attachedFrom).length >= commonShare * terms.length;
        commonness.set(term, known);
      }
      return known;
    },
  };
  articles.set(query, article);
  return article;
}

const articles = new WeakMap<Query, Article>();
/** The names a question asks about, the same for each of its candidate passages. */
const askedNames = new WeakMap<Query, AskedName[]>();

/** Whether the question lists two names side by side: only "en", "and", "of", "or", a comma and articles between them. */
function coordinated(question: string, left: AskedName, right: AskedName): boolean {
  const [a, b] = [question.indexOf(left.whole ?? left.surface), question.indexOf(right.whole ?? right.surface)];
  if (a < 0 || b < 0) return false;
  const first = a < b ? left : right;
  const between = question.slice(Math.min(a, b) + (first.whole ?? first.surface).length, Math.max(a, b));
  return /^\s*(,|&|\ben\b|\band\b|\bof\b|\bor\b|\bals\b|\bas well as\b|\bnet als\b)\s*((de|het|the)\s+)?$/iu.test(between);
}

/** Who or what a sentence names: capitalised names and the places and nationalities the lexicon knows. */
function actorsIn(sentence: string): string[] {
  return [...namesIn(sentence), ...lookupNames(sentence, { kinds: ["country", "city", "region"] }).map((match) => match.text)];
}

/** A word is the topic, not what is asked of a name, when this share of the retrieved passages has it. */
const commonShare = 0.75;

/**
 * A question word is attached to someone else from this strength on: the word itself or a
 * translation, not a synonym or a near spelling (`tweet` ~ `twee`), which are too loose to prove the
 * article is silent.
 */
const attachedFrom = 0.8;

/** A question word counts as found from this strength on (a stem or a translation, not a near spelling of another word). */
const connectedFrom = 0.5;

/** Verbs asking what someone said or thinks, answered by any sentence reporting their words. */
const speechVerbs = new Set([
  "zei",
  "zegt",
  "zeggen",
  "gezegd",
  "zeiden",
  "verklaarde",
  "vertelde",
  "antwoordde",
  "reageerde",
  "tweette",
  "schreef",
  "say",
  "says",
  "said",
  "tell",
  "told",
  "state",
  "stated",
  "answer",
  "answered",
  "reply",
  "replied",
  "respond",
  "responded",
  "react",
  "reacted",
  "tweet",
  "tweeted",
  "comment",
  "commented",
  "write",
  "wrote",
]);

/** A name in the question with the terms it was analysed into ("Groot-Brittannië" → groot, brittannie). */
interface AskedName {
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

/** Whether `text` names what the question asks about (see {@link AskedName.office}). */
function names(name: AskedName, text: string, terms: TextTerms, holders: readonly string[] = []): boolean {
  const office = name.office;
  // The person the article says holds the office ("de Britse premier Liz Truss") names it too.
  if (office && holders.some((holder) => terms.words.includes(holder))) return true;
  if (!mentions(name.terms, terms)) return false;
  if (!office) return true;
  return sentencesOf({ text }).some((sentence) => holdsOffice(sentence, office) && mentions(name.terms, textTerms(sentence)));
}

/**
 * Who the article says holds a national office, by apposition: "Oekraïens president Volodimir
 * Zelenski", "de Duitse defensieminister Christine Lambrecht" — a person's name right after the
 * office, in a sentence naming the country. Their surnames, folded, so a passage that only says
 * "Zelenski" still names "de Oekraïense president".
 */
function officeHolders(name: AskedName, texts: readonly string[]): string[] {
  const office = name.office;
  if (!office) return [];
  const holders: string[] = [];
  for (const sentence of texts.flatMap((text) => sentencesOf({ text }))) {
    if (!holdsOffice(sentence, office) || !mentions(name.terms, textTerms(sentence))) continue;
    for (const person of namesIn(sentence)) {
      const at = sentence.indexOf(person);
      const before = words(sentence.slice(0, at)).slice(-1)[0] ?? "";
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
    const roleOf = place && match.entry.kind === "country" ? roleOfCountry(query.text, match) : undefined;
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
  const following = /^\s+([\p{L}-]+)(?:\s+([\p{L}-]+))?/u.exec(question.slice(match.end));
  const isRole = (word: string | undefined) => word !== undefined && isNationalRole(words(word).join(""));
  if (!following || !isRole(following[1])) return undefined;
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
