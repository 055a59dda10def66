import { words } from "../text/tokenize.js";
import { foldText } from "../text/fold.js";
import type { Query } from "../retrieval/query.js";
import { matchStrength, queryTerms, textTerms, type QueryTerm, type TextTerms } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import { saidVerbs } from "../text/speech-verbs.js";
import { lookupNames } from "../lexicon/cldr-names.js";
import { reportsWords, writtenMedia } from "./answer-kind.js";
import { namesIn } from "./names-in-text.js";
import { mentions, shownAs, type AskedName } from "./asked-names.js";

/**
 * Near-topic checks about how the article connects what a question names: a name mentioned only in
 * another connection ("Levert Canada ook …?"), someone's words never reported ("What did Truss
 * say?"), two names never mentioned together. Each looks at the retrieved passages as a whole
 * (`Article`), worked out once per question. Pure.
 */

/**
 * Whether what the question asks of a name stands where the passage mentions it: in a sentence
 * naming it, the next one (which may refer back: "Ook hen vroeg hij …"), or the quote before a
 * sentence naming its speaker. "Levert Canada ook luchtafweer?" against "Hij sprak ook met de
 * Canadese premier Justin Trudeau" matches a passage well — the name and the topic are there — but
 * the article only mentions Canada in another connection: what is asked ("levert") stands with
 * someone else ("Duitsland belooft … te leveren"). A question word found nowhere proves nothing —
 * the question may say it in other words — so only a word the article says of someone the
 * question does not name, or of no one in particular ("Zulke radars beschermen tegen drones"), and
 * nowhere of the name, counts against the name. Words most retrieved passages share (the
 * article's topic: "Oekraïne", "luchtafweer") say nothing of the connection; a name that is itself
 * the topic, or a question asking nothing of its name beyond the topic, is not checked.
 */
export function saidInConnection(
  name: AskedName,
  mode: "yes-no" | "speaker",
  asked: readonly AskedName[],
  query: Query,
  passageText: string,
  article: Article,
): boolean {
  if (name.terms.some(article.common)) return true;
  const rest = askedOf(query, asked, article);
  // Where each retrieved passage (this one among them) speaks of the name, worked out once per question.
  const contexts = article.remember(`context ${name.surface}`, () => new Map(article.texts.map((text) => [text, contextOf(name, text)])));
  const context = new Set(contexts.get(passageText) ?? []);
  if (context.size === 0) return true;
  const contextText = [...context].join(" ");
  // "Heeft Lambrecht iets gezegd …?" is answered by any report of her words ("volgens Lambrecht");
  // "What did Liz Truss say?" is not by a sentence that only says she was spoken to.
  // A medium asked ("Tweette Biden …?", "What did Biden post?") must be the name's own: the article's
  // tweet may be someone else's.
  const medium = query.terms.filter((term) => writtenMedia.has(term.word));
  if (asksWhatWasSaid(query) && reportsWords(contextText) && medium.length === 0) return !aboutLaterOnly(name, rest, passageText, article);
  const around = textTerms(contextText);
  // Any written medium of the name's answers one asked: a tweet is a post.
  const ownMedium = medium.length > 0 && words(contextText).some((word) => writtenMedia.has(word));
  if (mode === "speaker" || (medium.length > 0 && !ownMedium)) return ownMedium;
  // "Ook hen vroeg hij om te helpen": a name the passage only asks to act has done nothing it
  // reports, so a question asking nothing of it that the passage says ("Stuurt het VK luchtafweer?")
  // is not answered.
  const missing = rest.filter((term) => matchStrength(term, around) < connectedFrom);
  if (
    mode === "yes-no" &&
    missing.length > 0 &&
    missing.length === rest.length &&
    isSubject(name, query) &&
    [...context].some((sentence) => askedToAct.test(foldText(sentence)))
  )
    return false;
  // A word this passage does not say of the name, said elsewhere of something else — not where
  // another passage speaks of the name ("Lijkt Biden meer … te geven?": "de steun te geven" is Biden's too).
  const everywhere = new Set([...contexts.values()].flat());
  return !missing.some((term) => attachedElsewhere(term, query, article).some((sentence) => !everywhere.has(sentence)));
}

/**
 * Whether the passage reports the name's words only before it comes to what the question asks them
 * about: "Wat vindt Jansen van het verbod?" against "…, aldus Jansen. Boeren mogen geen grondwater
 * meer oppompen. Het waterschap stelde dat verbod in." Words refer back ("dit is niet genoeg" to the
 * batteries named before it), so what is asked must stand in a report of the name's words or
 * before it. Only question words the passage uses count; with none, the question may say it otherwise
 * — unless another paragraph writes one of them as the question does.
 */
function aboutLaterOnly(name: AskedName, rest: readonly QueryTerm[], passageText: string, article: Article): boolean {
  const asked = rest.filter((term) => !speechVerbs.has(term.word));
  const topic = asked.filter((term) => matchStrength(term, textTerms(passageText), false) >= attachedFrom);
  // None here, but another paragraph writes one as the question does (the very word: "nieuws" is not
  // "nieuwe", though both stem to "nieuw"): the words reported here are on something else.
  if (topic.length === 0) return asked.some((term) => article.texts.some((text, at) => text !== passageText && article.terms[at]!.words.includes(term.word)));
  const sentences = sentencesOf({ text: passageText });
  // Each report of the name's words, as the index of its last sentence: the sentence naming the
  // name, or the one after a quote that names its speaker.
  const ends = sentences.flatMap((sentence, at) => {
    if (!reportsWords(sentence)) return [];
    if (mentions(name.terms, textTerms(sentence))) return [at];
    return closesQuote(sentence) && mentions(name.terms, textTerms(sentences[at + 1] ?? "")) ? [at + 1] : [];
  });
  if (ends.length === 0) return false;
  return !ends.some((end) => {
    const upTo = textTerms(sentences.slice(0, end + 1).join(" "));
    return topic.some((term) => matchStrength(term, upTo) >= connectedFrom);
  });
}

/**
 * Where a text speaks of a name: each sentence naming it, the next one (which may refer back: "Ook
 * hen vroeg hij …"), and the quote before a sentence naming its speaker.
 */
function contextOf(name: AskedName, text: string): string[] {
  const sentences = sentencesOf({ text });
  return sentences.flatMap((sentence, at) => {
    if (!mentions(name.terms, textTerms(sentence))) return [];
    const quoteBefore = at > 0 && closesQuote(sentences[at - 1]!) ? [sentences[at - 1]!] : [];
    return [...quoteBefore, sentence, ...sentences.slice(at + 1, at + 2)];
  });
}

/** Whether a sentence ends a quote, whose speaker the next sentence may name ("… genoeg.” Dat zei Zelenski."). */
export function closesQuote(sentence: string): boolean {
  return /[”"]\s*$/u.test(sentence);
}

/**
 * What the question asks of its names: its other words, not names ("Stuurt Canada raketten naar
 * Kiev?" asks of Canada what it sends; Kiev standing near Canada proves nothing; nor does Justin
 * near Trudeau), nor the article's topic.
 */
export function askedOf(query: Query, asked: readonly AskedName[], article: Article): QueryTerm[] {
  return article.remember("asked of", () => {
    const named = new Set([...query.names.flatMap((match) => words(match.text)), ...asked.flatMap((other) => words(other.surface))]);
    const isName = (term: QueryTerm) =>
      named.has(term.word) || (term.words ?? []).some((part) => named.has(part.word)) || asked.some((other) => other.terms.includes(term));
    return query.terms.filter((term) => !isName(term) && !term.describes && !article.common(term));
  });
}

/**
 * The sentences of the retrieved passages that say this question word of someone the question does
 * not name — named in the sentence, asked nowhere in the question, and not the topic itself
 * ("Oekraïens") — or of no one named at all. The same for every candidate passage, so worked out
 * once per question.
 */
function attachedElsewhere(term: QueryTerm, query: Query, article: Article): readonly string[] {
  return article.remember(`attached ${term.word}`, () => {
    const other = (actor: string) => isOtherActor(actor, query, article);
    return article.texts
      .flatMap((text) => sentencesOf({ text }))
      .filter((sentence) => {
        if (matchStrength(term, textTerms(sentence), false) < attachedFrom) return false;
        const actors = actorsIn(sentence);
        return actors.length === 0 || actors.some(other);
      });
  });
}

/**
 * Two of the question's names that no retrieved passage mentions together — in one sentence or
 * the next — as "A en B" for the reply: "Wanneer sprak Lambrecht met Trudeau?" asks about a meeting
 * the article never reports, though it names both. Names that are the article's topic (in most
 * passages: "Zelenski", "Oekraïne") stand with everything and are not checked.
 */
export function namesApart(asked: readonly AskedName[], query: Query, article: Article): string | undefined {
  if (asked.length < 2) return undefined;
  // The same for every candidate passage of one question: worked out once.
  return article.remember("apart", () => pairApart(asked, query, article));
}

function pairApart(asked: readonly AskedName[], query: Query, article: Article): string | undefined {
  const { texts } = article;
  // One entry per thing named: the words of one run ("Liz Truss"), a country and its role.
  const distinct = new Map<string, AskedName>();
  for (const name of asked) {
    const key = name.whole ?? name.terms[0]!.word;
    if (!isTopical(name, article) && !distinct.has(key)) distinct.set(key, name);
  }
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
        return `${shownAs(left)} ${query.language === "en" ? "and" : "en"} ${shownAs(right)}`;
      }
    }
  }
  return undefined;
}

/**
 * Whether a name is the article's topic: most retrieved passages mention it ("Zelenski",
 * "Oekraïne"). It stands with everything, and a paragraph may speak of it without naming it ("hij").
 */
export function isTopical(name: AskedName, article: Article): boolean {
  return article.remember(`topical ${name.surface}`, () => {
    const { terms } = article;
    return terms.length >= 3 && terms.filter((text) => mentions(name.terms, text)).length >= commonShare * terms.length;
  });
}

/**
 * The retrieved passages as a whole, as every candidate passage's checks see them (in another
 * order each time): their terms, and values worked out once per question — which words are the
 * article's topic, which names it never puts together.
 */
export interface Article {
  texts: readonly string[];
  terms: readonly TextTerms[];
  remember<T>(key: string, compute: () => T): T;
  /** Whether most retrieved passages have this word: the topic, which says nothing of a connection. */
  common(term: QueryTerm): boolean;
}

export function articleOf(query: Query, passageText: string, others: readonly string[]): Article {
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

/** Whether the question lists two names side by side: only "en", "and", "of", "or", a comma and articles between them. */
function coordinated(question: string, left: AskedName, right: AskedName): boolean {
  const [a, b] = [question.indexOf(shownAs(left)), question.indexOf(shownAs(right))];
  if (a < 0 || b < 0) return false;
  const first = a < b ? left : right;
  const between = question.slice(Math.min(a, b) + shownAs(first).length, Math.max(a, b));
  return /^\s*(,|&|\ben\b|\band\b|\bof\b|\bor\b|\bals\b|\bas well as\b|\bnet als\b)\s*((de|het|the)\s+)?$/iu.test(between);
}

/** Whether a name in the article is someone the question does not ask about, and not the article's topic ("Oekraïens"). */
function isOtherActor(actor: string, query: Query, article: Article): boolean {
  return !query.terms.some((asked) => mentions([asked], textTerms(actor))) && !queryTerms(actor).some(article.common);
}

/**
 * The countries, their capitals and nationalities a text names that the question does not and that
 * are not the topic: "Duitsland" in "Duitsland belooft … te leveren" for a question about American systems.
 */
export function otherNationsIn(text: string, query: Query, article: Article): string[] {
  return lookupNames(text, { kinds: ["country", "city"] })
    .map((match) => match.text)
    .filter((actor) => isOtherActor(actor, query, article));
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
export const attachedFrom = 0.8;

/** A question word counts as found from this strength on (a stem or a translation, not a near spelling of another word). */
export const connectedFrom = 0.5;

/** Verbs and nouns asking what someone said or thinks, answered by any sentence reporting their words. */
const speechVerbs = new Set([
  ...saidVerbs,
  "reageerde",
  "reageert",
  "reageerden",
  "gereageerd",
  "reactie",
  "vond",
  "vindt",
  "vonden",
  "denkt",
  "dacht",
  "dachten",
  "mening",
  "standpunt",
  "think",
  "thinks",
  "thought",
  "opinion",
  "feel",
  "feels",
  "felt",
  "reaction",
  "respond",
  "responded",
  "react",
  "reacted",
  "comment",
  "commented",
]);

/** Whether the question asks what someone said, wrote or answered. */
export function asksWhatWasSaid(query: Query): boolean {
  const list = words(query.text);
  // "Wanneer vond het gesprek plaats?" asks when, not what anyone thought.
  return list.some((word) => speechVerbs.has(word)) && !list.includes("plaats");
}

/**
 * Whether a yes/no question asks what the name did: it stands right after the opening verb ("Stuurt
 * het VK …?", "Did the UK …?"), not as its object ("Had Zelenski contact met Ottawa?") nor as the
 * owner of the subject ("Did Kyiv's leader …?").
 */
function isSubject(name: AskedName, query: Query): boolean {
  const list = words(query.text);
  const next = list.slice(1).find((word) => !["de", "het", "een", "the", "a", "an"].includes(word));
  const at = query.text.indexOf(name.surface);
  return next !== undefined && words(name.surface)[0] === next && !/^[’']s\b/u.test(query.text.slice(at + name.surface.length));
}

/** A request to act: "vroeg hij om te helpen", "riep … op om", "asked them to help". */
const askedToAct = /\b(vroeg|vroegen|vraagt|gevraagd|verzocht|verzoekt|riep|roept|asked|asks|urged|urges|called on)\b[^.;:]*\b(om|te|to)\b/u;
