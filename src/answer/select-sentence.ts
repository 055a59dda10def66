import { opensWithPronoun } from "../text/anaphora.js";
import { namesSpeaker } from "../text/speech-verbs.js";
import { words } from "../text/tokenize.js";
import { matchStrength, queryTerms, textTerms, type QueryTerm } from "../retrieval/term-match.js";
import { answerKind, holdsAnswer, type AnswerKind } from "./answer-kind.js";
import { looksLikePerson, namesIn } from "./names-in-text.js";

/**
 * Picks the sentence of a passage that best answers the question. Pure.
 *
 * Score = lexical coverage of the question by the sentence, plus `kindWeights[kind]` when the sentence
 * holds the kind of fact the question asks for (a name for "wie", a time for "wanneer", a number for
 * "hoeveel", a reason for "waarom", a deciding word for a yes/no question; see `answer-kind.ts`).
 * The bonus is large on purpose: a sentence that repeats the question's words but lacks the asked
 * fact is the wrong answer, however well it matches.
 */

/** What the sentence is chosen for: the question's terms (with translations) and the kind of fact asked. */
export interface SentenceQuery {
  question: string;
  terms: readonly QueryTerm[];
  kind: AnswerKind;
}

export function sentenceQuery(question: string, terms: readonly QueryTerm[] = queryTerms(question)): SentenceQuery {
  return { question, terms, kind: answerKind(question) };
}

export interface SentenceChoice {
  /** Index of the first chosen sentence. */
  index: number;
  /** Consecutive sentences chosen: one, a pair that covers more of the question, or a quote with its speaker. */
  count: 1 | 2 | 3;
  score: number;
}

/**
 * Weight of holding the asked kind of fact, relative to full coverage (1). A name, time, number or
 * place is hard evidence; the words that decide a yes/no question ("niet", "al", "ook") are common,
 * so they only break near-ties between sentences that match the question's proposition.
 */
export const kindWeights: Record<AnswerKind, number> = {
  person: 0.5,
  organisation: 0.5,
  time: 0.5,
  number: 0.5,
  measure: 0.5,
  place: 0.4,
  reason: 0.3,
  opinion: 0.3,
  thing: 0.3,
  speed: 0.3,
  "yes-no": 0.15,
  other: 0,
};
/** Added to an opinion's weight when the sentence reporting words names the person asked about. */
const speakerWeight = 0.3;

/** The question's terms that name a person (capitalised, no place or nationality): whose words an opinion question asks. */
function askedPeople(question: string, terms: readonly QueryTerm[]): QueryTerm[] {
  const people = new Set(
    namesIn(question)
      .filter(looksLikePerson)
      .flatMap((name) => words(name)),
  );
  return terms.filter((term) => people.has(term.word));
}

/** A two-sentence answer must beat the best single sentence by more than this. */
const pairPenalty = 0.08;

/**
 * Scores every sentence and every pair of neighbouring sentences. A pair wins only when together
 * they cover clearly more of the question, e.g. "Nasams …" followed by "Het beschermt tegen drones".
 * A quotation is never separated from the sentence after it that names its speaker.
 */
export function selectSentences(query: SentenceQuery | string, sentences: readonly string[]): SentenceChoice {
  const { question, terms, kind } = typeof query === "string" ? sentenceQuery(query) : query;
  const resolved = withAntecedents(sentences);
  const strengths = strengthsOf(terms);
  const covered = sentences.map((sentence, index) => contextCoverage(strengths, sentences, resolved, index));
  const speakers = kind === "opinion" ? askedPeople(question, terms) : [];
  const bonus = (text: string) => {
    if (!holdsAnswer(kind, text, question)) return 0;
    // "Wat vond Zelenski van …?": the words reported must be the asked person's, not anyone's.
    return speakers.length > 0 && speakers.some((term) => matchStrength(term, textTerms(text)) >= 0.8) ? kindWeights[kind] + speakerWeight : kindWeights[kind];
  };
  const bonuses = sentences.map(bonus);
  let best: SentenceChoice = { index: 0, count: 1, score: -1 };
  sentences.forEach((sentence, index) => {
    const single = covered[index]! + bonuses[index]!;
    // Strictly greater: on a tie the earlier sentence wins, which usually carries the context —
    // unless only the later one holds the asked fact.
    if (single > best.score || (single === best.score && bonuses[index]! > 0 && best.count === 1 && bonuses[best.index] === 0))
      best = { index, count: 1, score: single };
    const next = sentences[index + 1];
    if (next === undefined) return;
    // A pair must earn its length: by covering more of the question than either sentence alone, or
    // by adding the asked fact to the sentence that matches ("Eind september …" before "Washington
    // bezorgde …" answers "When did Washington deliver?").
    const pairCoverage = coverageOf(strengths(resolved[index]!), strengths(resolved[index + 1]!)) - pairPenalty;
    // Not for yes/no questions: their deciding words ("niet", "al") are too common to earn a sentence.
    const addsFact = kind !== "yes-no" && (bonuses[index] === 0) !== (bonuses[index + 1] === 0);
    if (pairCoverage <= Math.max(covered[index]!, covered[index + 1]!) && !addsFact) return;
    const pair = pairCoverage + bonus(`${sentence} ${next}`);
    if (pair > best.score) best = { index, count: 2, score: pair };
  });
  return withSpeaker(best, sentences);
}

/** A third-person pronoun: the sentence speaks of someone an earlier sentence named. */
const personalPronoun = /(?<![\p{L}\p{N}])(hij|zij|ze|hem|hen|he|she|him|they|them)(?![\p{L}\p{N}])/iu;

/**
 * The sentences as matched: one with a third-person pronoun also carries the people the sentences
 * before it name, so "Ook hen vroeg hij om hulp" matches a question about Zelenski asking the
 * premiers, who were named one and two sentences earlier. Only for matching; quotes stay verbatim.
 */
function withAntecedents(sentences: readonly string[]): string[] {
  const people: string[] = [];
  return sentences.map((sentence) => {
    const resolved = personalPronoun.test(sentence) && people.length > 0 ? `${sentence} ${people.join(" ")}` : sentence;
    for (const name of namesIn(sentence)) if (looksLikePerson(name) && !people.includes(name)) people.push(name);
    return resolved;
  });
}

/** How much of the previous sentence's match an anaphoric sentence inherits. */
const inherited = 0.5;

/**
 * Coverage of the question by one sentence, where a sentence opening with a pronoun also gets half
 * the credit of the sentence it refers back to: in "Hij sprak met premier Truss. Ook hen vroeg hij om
 * hulp." the second sentence answers "Wat vroeg Zelenski aan de premiers?".
 */
function contextCoverage(strengths: (text: string) => readonly number[], sentences: readonly string[], resolved: readonly string[], index: number): number {
  const own = coverageOf(strengths(sentences[index]!));
  // A pronoun names its antecedent as surely as the name would: full credit for the people resolved.
  const withPeople = resolved[index] === sentences[index] ? own : coverageOf(strengths(resolved[index]!));
  const previous = sentences[index - 1];
  if (previous === undefined || !opensWithPronoun(sentences[index]!)) return Math.max(own, withPeople);
  const inheriting = coverageOf(strengths(previous), strengths(sentences[index]!)) * inherited + own * (1 - inherited);
  return Math.max(own, withPeople, inheriting);
}

/**
 * How strongly each question term is present in a text, each text scored once per selection: a
 * sentence is scored alone, with the one before it and with the one after it, and a long question
 * against a long paragraph made this most of the time spent answering.
 */
function strengthsOf(terms: readonly QueryTerm[]): (text: string) => readonly number[] {
  const known = new Map<string, number[]>();
  return (text) => {
    let found = known.get(text);
    if (!found) {
      const scored = textTerms(text);
      found = terms.map((term) => matchStrength(term, scored));
      known.set(text, found);
    }
    return found;
  };
}

/**
 * Coverage of the question by texts read together: per term the strongest presence in any of them,
 * averaged. That is `coverage` of the joined text, except for a form of several words split over two
 * sentences ("Verenigde" ending one, "Staten" opening the next), which no longer counts.
 */
function coverageOf(...texts: (readonly number[])[]): number {
  const first = texts[0]!;
  if (first.length === 0) return 0;
  let total = 0;
  for (let at = 0; at < first.length; at += 1) total += Math.max(...texts.map((strengths) => strengths[at]!));
  return total / first.length;
}

const quotation = /^[“"‘]/u;

/**
 * A quotation and the sentence right after it that names the speaker belong together: quoting only
 * the words leaves out who said them, quoting only "Dat zei …" leaves out what was said.
 */
function withSpeaker(choice: SentenceChoice, sentences: readonly string[]): SentenceChoice {
  const first = sentences[choice.index]!;
  const last = sentences[choice.index + choice.count - 1]!;
  const after = sentences[choice.index + choice.count];
  const before = sentences[choice.index - 1];
  if (quotation.test(first) && /[”"’]$/u.test(last) && after !== undefined && namesSpeaker(after) && choice.count < 3) {
    return { ...choice, count: (choice.count + 1) as 2 | 3 };
  }
  if (/^(dat|dit|zo)\s/iu.test(first) && namesSpeaker(first) && before !== undefined && quotation.test(before) && choice.count < 3) {
    return { index: choice.index - 1, count: (choice.count + 1) as 2 | 3, score: choice.score };
  }
  return choice;
}

/** The chosen sentences as one verbatim substring of the paragraph (original spacing kept). */
export function chosenText(paragraph: string, sentences: readonly string[], choice: SentenceChoice): string {
  const first = sentences[choice.index] ?? "";
  const last = sentences[choice.index + choice.count - 1] ?? first;
  const start = paragraph.indexOf(first);
  const end = paragraph.indexOf(last, Math.max(0, start)) + last.length;
  return start >= 0 && end > start ? paragraph.slice(start, end) : first;
}
