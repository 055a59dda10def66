import { words } from "../text/tokenize.js";
import { foldText } from "../text/fold.js";
import { setAsideWord, type Query } from "../retrieval/query.js";
import { matchStrength, textTerms, type QueryTerm } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import { answerKind, asksExpansion, asksPlaceName, holdsAnswer, isNationalRole, isPreposition } from "./answer-kind.js";
import { reasonSplits } from "./reasons.js";
import { abbreviates, looksLikePerson, namesIn, surnamesIn, wordBefore } from "./names-in-text.js";
import { answerConnected } from "./answer-connection.js";
import { askedNamesOf, mentions, names, officeHolders, shownAs, withLowercaseNames, type AskedName } from "./asked-names.js";
import { countedPhrase, givesNumberOf } from "./counted.js";
import { costAsked, mentionsMoney } from "./money.js";
import { askedOf, articleOf, asksWhatWasSaid, attachedFrom, connectedFrom, isTopical, namesApart, saidInConnection } from "./connections.js";

/**
 * Near-topic questions: close enough to the article to match a passage well, about something it
 * does not say — another country ("Stuurt Polen ook luchtafweer?"), another person, a price, a
 * number it never gives. Matching words is not answering; these checks find the part of the
 * question a passage is silent on, so the bot can say so instead of quoting a near miss. Pure.
 */
export interface Unsaid {
  /**
   * A name the question uses that the passage never mentions in any form; a name it mentions only
   * in another connection (`context`); two names the article never mentions together; a cost; what
   * an abbreviation stands for; or the kind of fact asked — absent, or present only with something
   * else than what is asked.
   */
  kind: "name" | "context" | "together" | "cost" | "expansion" | "number" | "measure" | "time" | "person" | "organisation" | "place" | "reason";
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
 * What `passageText` is silent on, with the other retrieved passages (`others`) as the rest of the
 * article: a name none of them mentions is something the article does not talk about. `title` is
 * the title of the passage's document.
 */
export function unsaidIn(query: Query, passageText: string, others: readonly string[] = [], title?: string): Unsaid | undefined {
  const passage = textTerms(passageText);
  let missingName: Unsaid | undefined;
  const article = articleOf(query, passageText, others);
  const asked = article.remember("asked", () => withLowercaseNames(askedNamesOf(query), query, article.texts));
  // "Met wie sprak Zelenski behalve Biden?" asks for someone else: Biden need not be there.
  const required = article.remember("required", () => asked.filter((name) => !excludedBy(query.text, name)));
  for (const name of required) {
    const holders = name.office ? article.remember(`holders ${name.surface}`, () => officeHolders(name, article.texts)) : [];
    if (names(name, passageText, passage, holders)) continue;
    // The article's topic may be spoken of without being named ("hij", "de stap"): no evidence against
    // this passage. A name its document's title gives is that topic, however few passages repeat it.
    if (!name.office && (isTopical(name, article) || (title !== undefined && mentions(name.terms, textTerms(title))))) continue;
    const elsewhere = others.some((other) => names(name, other, textTerms(other), holders));
    // An untranslated English name ("Liz Truss") found nowhere proves nothing; found elsewhere, it pins the question there.
    if (name.untranslated && !elsewhere) continue;
    // A name the whole article never mentions settles it; one said elsewhere only weakens this passage.
    if (!elsewhere) return { kind: "name", text: name.surface };
    missingName ??= { kind: "name", text: name.surface, elsewhere };
  }
  // A nationality the question describes with ("When were the German missiles promised?") is no
  // proof of silence, but a passage without it is a worse answer than one with it.
  for (const term of query.terms.filter((candidate) => candidate.describes && !asked.some((name) => name.terms.includes(candidate)))) {
    // Which retrieved passages have it is the same for every candidate: worked out once per question.
    const describedIn = article.remember(`described ${term.word}`, () => article.texts.filter((text, at) => mentions([term], article.terms[at]!)));
    if (!describedIn.includes(passageText) && describedIn.length > 0) missingName ??= { kind: "name", text: term.word, elsewhere: true };
  }
  const apart = namesApart(required, query, article);
  if (apart) return { kind: "together", text: apart };
  const kind = answerKind(query.text);
  const speech = asksWhatWasSaid(query);
  const [first] = [...asked].sort((left, right) => query.text.indexOf(left.surface) - query.text.indexOf(right.surface));
  // "Wat beloofde Truss?" asks of a person what she did; a place as subject ("Wat beloofde
  // Washington?") stands for people the article may name otherwise (the White House, Biden), and a
  // person after a preposition ("the call between Biden and …") is not who the question asks about.
  const asksOfPerson =
    (kind === "thing" || kind === "other") && first !== undefined && isPerson(first) && !isPreposition(wordBefore(query.text, first.surface));
  if (!missingName && (kind === "yes-no" || speech || asksOfPerson)) {
    // A question about someone's words ("Wat zei Truss tegen Zelenski?", "Tweette Truss …?") asks a
    // report of them of its first name, the speaker; an open one asks nothing of the others.
    const checked = kind === "yes-no" ? asked : asked.filter((name) => name === first);
    const unconnected = checked.find((name) => !saidInConnection(name, speech && name === first ? "speaker" : "yes-no", asked, query, passageText, article));
    if (unconnected) return { kind: "context", text: shownAs(unconnected) };
  }
  // "Heeft Washington ook drones geleverd?" against "beschermt tegen aanvallen met drones": what the
  // passage says a thing is defended against is not what was sent.
  if (!missingName && kind === "yes-no" && !opposition.test(` ${words(query.text).join(" ")} `)) {
    // Judged over the whole article: a passage without the word at all is no better answer.
    const opposed = article.remember("opposed", () =>
      askedOf(query, asked, article).find(
        (term) => article.terms.some((text) => matchStrength(term, text, false) >= attachedFrom) && article.texts.every((text) => onlyOpposed(term, text)),
      ),
    );
    if (opposed) return { kind: "context", text: opposed.word };
  }
  // Only a run of capitalised words whose initials spell what is asked says what it stands for.
  if (asksExpansion(query.text) && !namesIn(passageText).some((name) => abbreviates(query.text, name))) return { kind: "expansion", text: "expansion" };
  const cost = costAsked(query.text);
  if (cost && !mentionsMoney(passageText)) return { kind: "cost", text: cost };
  const counted = kind === "number" ? article.remember("counted", () => countedPhrase(query)) : undefined;
  // A count beside what is counted is the asked number and its connection at once.
  if (counted) return givesNumberOf(counted, passageText) ? missingName : { kind: "number", text: counted.terms[0]!.word };
  if (
    kind === "number" ||
    kind === "measure" ||
    kind === "time" ||
    kind === "person" ||
    kind === "organisation" ||
    (kind === "place" && asksPlaceName(query.text))
  ) {
    const people = article.remember("people", () => surnamesIn(article.texts));
    if (!sentencesOf({ text: passageText }).some((sentence) => holdsAnswer(kind, sentence, query.text, people))) return { kind, text: kind };
    // "Wie is de opvolger van Truss?": the relation is what is asked, and no other word says it; a
    // passage without it names other people, not the successor.
    if (kind === "person" && query.terms.some((term) => relationWords.has(term.word) && matchStrength(term, passage) < connectedFrom))
      return { kind, text: kind };
    // The fact is there, but is it the one asked? ("Wanneer komt de Britse luchtafweer?" against a time of something else.)
    if (!missingName && !answerConnected(kind, query, passageText, asked, article, people)) return { kind, text: kind };
    // "Wanneer werd Truss premier?" asks when she took office; "de Britse premier Liz Truss" only
    // says she holds it.
    if (kind === "time" && asksTakingOffice(query.text) && !sentencesOf({ text: passageText }).some((sentence) => tookOffice.test(foldText(sentence))))
      return { kind, text: kind };
  }
  if (kind === "reason") {
    if (!sentencesOf({ text: passageText }).some((sentence) => reasonSplits(sentence).length > 0)) return { kind, text: kind };
    if (!missingName && !answerConnected(kind, query, passageText, asked, article)) return { kind, text: kind };
  }
  return missingName;
}

/** Words that speak of defending against something, in a question: then "tegen drones" is what is asked. */
const opposition =
  / (tegen|against|beschermen|beschermt|beschermd|afweren|neerhalen|onderscheppen|verdedigen|protect|protects|protected|defend|defends|stop|stops|intercept|intercepts|shoot down|shoots down) /u;

/**
 * Whether a passage has a question word only after "tegen"/"against" (what something protects
 * against), or not at all — "tegen het einde van het jaar" is a time, not an opposition.
 */
function onlyOpposed(term: QueryTerm, passageText: string): boolean {
  return sentencesOf({ text: passageText }).every((sentence) => {
    // The phrase runs to a dash, bracket, colon or the sentence's end: past the commas of a list.
    const outside = foldText(sentence).replace(
      /\b(?:tegen|against)\b(?!\s+(?:het\s+)?(?:einde|eind|begin|midden|half)\b)[^;:()–—]*?(?=\s-\s|[;:()–—]|$)/gu,
      " ",
    );
    return matchStrength(term, textTerms(outside), false) < attachedFrom;
  });
}

/** Whether the question sets the name aside: "behalve Biden", "besides the US", "naast Duitsland". */
function excludedBy(question: string, name: AskedName): boolean {
  const aside = setAsideWord(question);
  return aside !== undefined && words(foldText(name.surface)).includes(aside);
}

/** "Wanneer werd X premier?", "When did X become president?": becoming a role, not a passive ("werd geleverd"). */
function asksTakingOffice(question: string): boolean {
  const list = words(question);
  return list.some((word) => becoming.has(word)) && list.some((word) => isNationalRole(word)) && !/^ge\p{L}+[dt]$/u.test(list.at(-1) ?? "");
}

const becoming = new Set(["werd", "werden", "wordt", "worden", "geworden", "become", "became", "becomes", "benoemd", "appointed", "verkozen", "elected"]);

/** A sentence telling that someone took an office. */
const tookOffice =
  /\b(werd|werden|geworden|benoemd|verkozen|aangesteld|aangetreden|trad aan|beedigd|opgevolgd|became|appointed|elected|sworn in|took office|succeeded)\b/u;

/** Words for how one person stands to another (family, succession, staff), in Dutch and English. */
const relationWords = new Set([
  "opvolger",
  "opvolgster",
  "opvolgers",
  "opgevolgd",
  "voorganger",
  "voorgangster",
  "vervanger",
  "vervangen",
  "verving",
  "successor",
  "predecessor",
  "succeeded",
  "replaced",
  "replacement",
  "vrouw",
  "echtgenote",
  "echtgenoot",
  "wife",
  "husband",
  "spouse",
  "zoon",
  "dochter",
  "son",
  "daughter",
  "vader",
  "moeder",
  "father",
  "mother",
  "broer",
  "zus",
  "brother",
  "sister",
  "woordvoerder",
  "woordvoerster",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "adviseur",
  "adviser",
  "advisor",
  "plaatsvervanger",
  "deputy",
]);

/** A person's name ("Truss", "Christine Lambrecht"): capitalised words that are no place, nationality or role. */
function isPerson(name: AskedName): boolean {
  return !name.office && looksLikePerson(shownAs(name));
}
