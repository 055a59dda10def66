import type { Language } from "../port/types.js";
import type { BilingualDictionary } from "../lexicon/bilingual-dictionary.js";
import { capitalOf, countryOf, lookupNames, nameEntries, type NameEntry, type NameMatch } from "../lexicon/cldr-names.js";
import { intlTimeWords } from "../lexicon/intl-time-words.js";
import { dutchCognates } from "../lexicon/cognates.js";
import { diminutiveBases } from "../lexicon/lemma-candidates.js";
import { inflectDutchAdjective } from "../lexicon/dutch-adjective.js";
import { namesOnly, type Lexicon } from "../lexicon/lexicon.js";
import { contentTerms, isStopword, stem, words } from "../text/tokenize.js";
import { BoundedMap } from "../util/bounded-map.js";
import { foldText } from "../text/fold.js";
import { queryTerms, type AlternativeForm, type QueryTerm, type QueryWord } from "./term-match.js";

/** A question (or a rewrite of it) prepared for retrieval and sentence selection. */
export interface Query {
  text: string;
  language: Language;
  /** Content terms, a name spanning several words as one term, each with its other forms. */
  terms: QueryTerm[];
  /** Names the question mentions (countries, cities, languages, months), as the lexicon matched them. */
  names: NameMatch[];
  /** What the vector index is searched with: the text followed by the other forms of its words. */
  vectorText: string;
  /** Stems the BM25 index is searched with, other forms included. */
  lexicalTerms: string[];
}

/**
 * How much an alternative form counts, relative to the question's own word (1). The same name in
 * the other language is the same thing; a nationality adjective nearly so; a city standing for its
 * country (metonymy: "Berlijn levert…") or a country for its capital less; a dictionary translation
 * is one of several senses; a synonym through a shared translation is weaker still.
 */
export const alternativeWeights = { sameName: 1, adjective: 0.9, diminutive: 0.9, metonymy: 0.7, translation: 0.85, cognate: 0.75, synonym: 0.6 };

/** At most this many dictionary forms per word: the first senses are the common ones. */
const maxDictionaryForms = 6;

export function analyzeQuery(text: string, language: Language, lexicon: Lexicon = namesOnly): Query {
  const names = lookupNames(text).filter((match) => match.capitalized || match.entry.kind === "country" || match.via === "adjective");
  const nameWords = new Set(names.flatMap((match) => words(match.text)));
  const terms: QueryTerm[] = spans(names).map((matches) => {
    const [first, ...rest] = matches.map(nameTerm);
    const merged = rest.length === 0 ? first! : { ...first!, alternatives: dedupe([first!, ...rest].flatMap((term) => term.alternatives ?? [])) };
    const describes = matches.every((match) => match.via === "adjective" || match.entry.kind === "language");
    return describes ? { ...merged, describes } : merged;
  });
  const phrases = phraseForms(text, language, lexicon.dictionary);
  for (const term of queryTerms(text)) {
    if (nameWords.has(term.word)) continue;
    const phrase = phrases.get(term.word);
    const translated = phrase ? { ...term, alternatives: [...phrase] } : withDictionaryForms(term, language, lexicon.dictionary);
    terms.push(withDiminutiveBase(withCognates(withTimeWords(translated, language), language), language, lexicon.dictionary));
  }
  const aside = setAsideWord(text);
  const marked = terms.map((term) =>
    aside !== undefined && (term.word === aside || term.words?.some((part) => part.word === aside)) ? { ...term, setAside: true } : term,
  );
  const extraWords = terms.flatMap((term) =>
    (term.alternatives ?? []).filter((form) => form.weight >= alternativeWeights.translation).flatMap((form) => form.words.map((word) => word.word)),
  );
  const lexicalTerms = [...contentTerms(text), ...terms.flatMap((term) => (term.alternatives ?? []).flatMap((form) => form.words.map((word) => word.stem)))];
  return { text, language, terms: marked, names, vectorText: [text, ...new Set(extraWords)].join(" "), lexicalTerms };
}

/**
 * The word a question sets aside — right after "behalve", "naast", "besides", "other than" (past an
 * article): "Met wie sprak hij behalve Biden?" asks for someone else, so Biden is no evidence for a
 * passage. Folded.
 */
export function setAsideWord(question: string): string | undefined {
  return setAside.exec(foldText(question))?.[1];
}

const setAside =
  /\b(?:behalve|buiten|naast|besides|except|apart from|aside from|other than)\s+(?:(?:met|with|aan|to|van|of|voor|for)\s+)?(?:(?:de|het|the)\s+)?([\p{L}\p{N}-]+)/u;

/** Matches grouped by the span of the question they cover: "Oekraïense" may name a country and a language. */
function spans(names: readonly NameMatch[]): NameMatch[][] {
  const bySpan = new Map<string, NameMatch[]>();
  for (const match of names) {
    const key = `${match.start}:${match.end}`;
    bySpan.set(key, [...(bySpan.get(key) ?? []), match]);
  }
  return [...bySpan.values()];
}

function queryWords(form: string): QueryWord[] {
  return words(form)
    .filter((word) => word.length >= 2 && !isStopword(word))
    .map((word) => ({ word, stem: /^\p{N}/u.test(word) ? word : stem(word) }));
}

function form(text: string, weight: number): AlternativeForm | undefined {
  const list = queryWords(text);
  return list.length > 0 ? { words: list, weight } : undefined;
}

/** A name as one term: its own words, plus every form of what it names in both languages. */
function nameTerm(match: NameMatch): QueryTerm {
  const own = queryWords(match.text);
  const alternatives = [...formsOfEntry(match.entry, alternativeWeights.sameName)];
  const country = match.entry.kind === "city" || match.entry.kind === "language" ? countryOf(match.entry) : undefined;
  if (country && country.id !== match.entry.id)
    alternatives.push(...formsOfEntry(country, match.entry.kind === "city" ? alternativeWeights.metonymy : alternativeWeights.adjective));
  if (match.entry.kind === "country") alternatives.push(...citiesOf(match.entry).flatMap((city) => formsOfEntry(city, alternativeWeights.metonymy)));
  const first = own[0] ?? { word: match.form.toLowerCase(), stem: stem(match.form.toLowerCase()) };
  return {
    word: own.map((word) => word.word).join(" ") || first.word,
    stem: first.stem,
    words: own.length > 1 ? own : undefined,
    alternatives: dedupe(alternatives),
  };
}

/** Names and adjectives of an entry in both languages, Dutch adjectives also inflected (Duits → Duitse). */
function formsOfEntry(entry: NameEntry, weight: number): AlternativeForm[] {
  const names = [...entry.forms.nl, ...entry.forms.en];
  const adjectives = entry.adjectives ? [...entry.adjectives.nl, ...entry.adjectives.nl.map(inflectDutchAdjective), ...entry.adjectives.en] : [];
  return [...names.map((name) => form(name, weight)), ...adjectives.map((adjective) => form(adjective, Math.min(weight, alternativeWeights.adjective)))].filter(
    (found): found is AlternativeForm => found !== undefined,
  );
}

let citiesByCountry: Map<string, NameEntry[]> | undefined;

/** The cities that may stand for a country: its zone cities when few ("Kiev" for Ukraine), else its capital ("Washington"). */
function citiesOf(country: NameEntry): NameEntry[] {
  if (!citiesByCountry) {
    citiesByCountry = new Map();
    for (const entry of nameEntries()) {
      if (entry.kind !== "city" || !entry.country) continue;
      const list = citiesByCountry.get(`region:${entry.country}`) ?? [];
      list.push(entry);
      citiesByCountry.set(`region:${entry.country}`, list);
    }
  }
  const cities = citiesByCountry.get(country.id) ?? [];
  // Countries spanning many zones (US, Russia) name no single zone city; their capital still speaks for them.
  const capital = capitalOf(country);
  if (cities.length <= 2) return capital && !cities.includes(capital) ? [...cities, capital] : cities;
  return capital ? [capital] : [];
}

/**
 * English expressions the dictionary translates as a whole ("prime minister" → premier, "take
 * place" → plaatsvinden), longest first: each of their content words gets the expression's
 * translations instead of its own (`prime` alone is eerste). By content word.
 */
function phraseForms(text: string, language: Language, dictionary: BilingualDictionary | undefined): Map<string, readonly AlternativeForm[]> {
  const found = new Map<string, readonly AlternativeForm[]>();
  if (!dictionary || language !== "en") return found;
  const list = words(text);
  for (let length = 3; length >= 2; length -= 1) {
    for (let start = 0; start + length <= list.length; start += 1) {
      const part = list.slice(start, start + length);
      if (isStopword(part[0]!) || isStopword(part.at(-1)!) || part.some((word) => found.has(word))) continue;
      const forms = dictionaryForms(part.join(" "), language, dictionary);
      if (forms.length === 0) continue;
      for (const word of part) if (!isStopword(word)) found.set(word, forms);
    }
  }
  return found;
}

/** English words gain their Dutch translations, Dutch words their synonyms, from the dictionary (bundled list, FreeDict). */
function withDictionaryForms(term: QueryTerm, language: Language, dictionary: BilingualDictionary | undefined): QueryTerm {
  if (!dictionary || /^\p{N}/u.test(term.word)) return term;
  const alternatives = dictionaryForms(term.word, language, dictionary);
  return alternatives.length > 0 ? { ...term, alternatives: [...alternatives] } : term;
}

/**
 * A word's dictionary forms, analysed. Words recur from question to question and each costs a few
 * dozen lookups and stemmings, so they are remembered per dictionary (the arrays are shared: never
 * modified, only spread into new ones).
 */
function dictionaryForms(word: string, language: Language, dictionary: BilingualDictionary): readonly AlternativeForm[] {
  let memo = dictionaryFormMemos.get(dictionary);
  if (!memo) {
    memo = new BoundedMap(20_000);
    dictionaryFormMemos.set(dictionary, memo);
  }
  return memo.remember(`${language} ${word}`, () => {
    const candidates =
      language === "en"
        ? dictionary.translate(word, "en", "nl").map((text) => form(text, alternativeWeights.translation))
        : dictionary.dutchSynonyms(word).map((text) => form(text, alternativeWeights.synonym));
    return candidates.filter((found): found is AlternativeForm => found !== undefined).slice(0, maxDictionaryForms);
  });
}

const dictionaryFormMemos = new WeakMap<BilingualDictionary, BoundedMap<string, readonly AlternativeForm[]>>();

/** English words of time and measure gain their Dutch forms from CLDR (`days` → dagen, `evening` → avond). */
function withTimeWords(term: QueryTerm, language: Language): QueryTerm {
  const dutch = language === "en" ? intlTimeWords().get(term.word) : undefined;
  if (!dutch) return term;
  const forms = dutch.map((text) => form(text, alternativeWeights.translation)).filter((found): found is AlternativeForm => found !== undefined);
  return { ...term, alternatives: dedupe([...(term.alternatives ?? []), ...forms]) };
}

/**
 * A Dutch diminutive also stands for its base word, which is how an article writes it: chat says
 * `telefoontje`, the article `telefoongesprek`. With a dictionary only bases it knows are kept
 * (`telefoontje` → telefoon, not `telefoont`).
 */
function withDiminutiveBase(term: QueryTerm, language: Language, dictionary: BilingualDictionary | undefined): QueryTerm {
  const known = (base: string) => base.length >= 3 && (!dictionary || dictionary.translate(base, "nl", "en").length > 0);
  // An English word's Dutch translation may be a diminutive too: "call" → telefoontje → telefoon
  // (the article's "telefoongesprek").
  const sources: [string, number][] =
    language === "nl"
      ? [[term.word, 1]]
      : (term.alternatives ?? []).filter((found) => found.words.length === 1).map((found) => [found.words[0]!.word, found.weight]);
  const forms = sources
    .flatMap(([word, weight]) =>
      diminutiveBases(word)
        .filter(known)
        .map((base) => form(base, weight * alternativeWeights.diminutive)),
    )
    .filter((found): found is AlternativeForm => found !== undefined);
  return forms.length > 0 ? { ...term, alternatives: dedupe([...(term.alternatives ?? []), ...forms]) } : term;
}

/** English words gain the Dutch spellings they would have as cognates (`priority` → prioriteit). */
function withCognates(term: QueryTerm, language: Language): QueryTerm {
  if (language !== "en" || /^\p{N}/u.test(term.word)) return term;
  const cognates = dutchCognates(term.word)
    .map((text) => form(text, alternativeWeights.cognate))
    .filter((found): found is AlternativeForm => found !== undefined);
  return cognates.length > 0 ? { ...term, alternatives: [...(term.alternatives ?? []), ...cognates] } : term;
}

function dedupe(forms: AlternativeForm[]): AlternativeForm[] {
  const seen = new Map<string, AlternativeForm>();
  for (const found of forms) {
    const key = found.words.map((word) => word.stem).join(" ");
    const known = seen.get(key);
    if (!known || known.weight < found.weight) seen.set(key, found);
  }
  return [...seen.values()];
}
