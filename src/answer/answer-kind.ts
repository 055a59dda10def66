import { numbersIn } from "../text/numbers.js";
import { words } from "../text/tokenize.js";
import { foldText } from "../text/fold.js";
import { attributes } from "../text/speech-verbs.js";
import { measureUnitWords } from "../lexicon/intl-time-words.js";
import { BoundedMap } from "../util/bounded-map.js";
import { givesCause, givesPurpose } from "./reasons.js";
import { holdsTime, timeFacet, timePattern } from "./time-facets.js";
import { abbreviates, holdsPlaceName, looksLikeOrganisation, looksLikePerson, namesIn, questionNames } from "./names-in-text.js";

/**
 * What kind of fact a question asks for, read from its question words (Dutch and English), and
 * whether a sentence holds such a fact. Sentence selection prefers sentences that do, so "Wie…?"
 * is answered by the sentence with the name and "Hoeveel…?" by the one with the number. Pure.
 */
export type AnswerKind = "person" | "organisation" | "time" | "number" | "measure" | "place" | "reason" | "opinion" | "thing" | "speed" | "yes-no" | "other";

/** Question words (Dutch and English): wherever they stand, the question is an open one. */
const questionWords = new Set([
  "wie",
  "wat",
  "welk",
  "welke",
  "waar",
  "waarom",
  "wanneer",
  "hoe",
  "hoeveel",
  "hoelang",
  "wiens",
  "waarmee",
  "waarover",
  "waartegen",
  "waardoor",
  "waarvoor",
  "waarop",
  "waaraan",
  "waaruit",
  "waarheen",
  "waarbij",
  "waartoe",
  "waarnaar",
  "waarin",
  "who",
  "whom",
  "whose",
  "what",
  "which",
  "where",
  "why",
  "when",
  "how",
]);
/** Prepositions open a question too, but only first: "Met wie…", "In welke maand…", "Naar aanleiding waarvan…". */
const openingPrepositions = new Set([
  "met",
  "in",
  "op",
  "van",
  "voor",
  "naar",
  "tegen",
  "bij",
  "door",
  "uit",
  "aan",
  "over",
  "sinds",
  "tot",
  "binnen",
  "via",
  "with",
  "to",
  "from",
  "for",
  "by",
  "since",
  "until",
  "within",
  "on",
  "at",
  "of",
  "about",
  "against",
  "tussen",
  "between",
]);

/** Whether a word is a preposition (of those that can open a question): "between" in "the call between Biden and …". */
export function isPreposition(word: string): boolean {
  return openingPrepositions.has(word);
}

/** What opens an open question; a question opening with anything else is yes/no. */
const openers = new Set([...questionWords, ...openingPrepositions]);

/** Finite verbs that open a yes/no question in either language. */
const englishAuxiliaries = new Set([
  "is",
  "are",
  "was",
  "were",
  "do",
  "does",
  "did",
  "has",
  "have",
  "had",
  "can",
  "could",
  "will",
  "would",
  "should",
  "may",
  "might",
  "must",
  "shall",
]);
/** A company, maker or organisation is asked for: "Welk bedrijf maakt …", "Who makes …". */
const organisationQuestion =
  / (welk bedrijf|welke firma|welke fabrikant|welke producent|welke organisatie|welke instantie|wie maakt|wie produceert|wie bouwt|which company|what company|which firm|which manufacturer|which organi[sz]ation|who makes|who manufactures|who builds|who produces) /u;

/** A purpose is asked: "Waartoe …", "Met welk doel …", "What for", "For what purpose". */
const purposeQuestion = / (waartoe|met welk doel|met als doel|what for|for what purpose|to what end|with what aim) /u;
/** Someone's view is asked: "Wat vond Zelenski van …", "Hoe reageerde …", "What does X think of …". */
const opinionQuestion =
  / (wat (vond|vindt|vinden|vonden|dacht|denkt|zei|zegt|zeiden|zeggen) .+ (van|over)|hoe (reageerde|reageert|reageerden|kijkt|keek)|wat is de mening|wat was de reactie|what (did|does|do) .+ (think|feel|say) (of|about)|how (did|does|do) .+ (react|respond|feel)|what (is|was|are|were) .+ (view|opinion|reaction)) /u;
/**
 * "Heeft Lambrecht iets gezegd over …?", "Did she comment on …?": a yes/no question whose answer is
 * a report of someone's words, so it is answered like an opinion — by the sentence reporting them.
 */
const saidQuestion =
  /^ (heeft|had|hebben|hadden) .+ (iets |wat )?(gezegd|verklaard|gereageerd|laten weten) |^ (did|has|have|had) .+ (say|said|comment|commented|react|reacted|respond|responded) /u;

/** A named place is asked — a city, country, region — not just "where" (which a medium may answer: "in een tweet"). */
const placeNameQuestion =
  / (welke?|which|what|in what) (\S+(e|an|ish|ese) )?(stad|steden|plaats|plaatsen|land|landen|regio|regio s|gebied|gebieden|provincie|provincies|city|cities|town|towns|place|places|country|countries|region|regions) /u;

/** "Waar staat Nasams voor?", "What does IRIS-T stand for?", "de afkorting …": what an abbreviation stands for. */
export function asksExpansion(question: string): boolean {
  return / (staat|staan|stond) .+ voor | stands? for | short for | afkorting | abbreviation /u.test(` ${words(question).join(" ")} `);
}

/** Whether the question asks for a named place ("Welke steden …", "which country …", "waar werd … gebouwd"), which only a place name answers. */
export function asksPlaceName(question: string): boolean {
  const text = ` ${words(question).join(" ")} `;
  if (placeNameQuestion.test(text)) return true;
  // "Waar/where" asks a place too, unless it asks where something was said ("Where did he post it?": in a tweet).
  return answerKind(question) === "place" && !mediumVerbs.test(text);
}

/** Words for words in a written medium — a tweet, a post, something written — in both languages. */
export const writtenMedia: ReadonlySet<string> = new Set([
  "tweet",
  "tweets",
  "tweette",
  "getweet",
  "tweeted",
  "post",
  "posts",
  "postte",
  "gepost",
  "posted",
  "schreef",
  "geschreven",
  "write",
  "wrote",
  "written",
]);

/** Verbs of saying or publishing, the written media among them: "where" then asks a medium, not a place. */
const mediumVerbs = new RegExp(
  ` (${[
    ...writtenMedia,
    ...["publish", "published", "announce", "announced", "say", "said", "share", "shared", "read"],
    ...["zei", "zegt", "gezegd", "meldde", "gemeld", "publiceerde", "gepubliceerd", "deelde", "gedeeld", "kondigde", "aangekondigd"],
    ...["laten weten", "liet weten", "lees", "lezen", "las"],
  ].join("|")}) `,
  "u",
);

/** "Wie is X?", "who was X": a name of one to three words after it — no article, no role ("Wie is de Duitse minister?"). */
function asksIdentity(list: readonly string[]): boolean {
  const rest = list.slice(2);
  return (
    (list[0] === "wie" || list[0] === "who") &&
    ["is", "was", "are", "were", "zijn", "waren"].includes(list[1] ?? "") &&
    rest.length >= 1 &&
    rest.length <= 3 &&
    !rest.some((word) => ["de", "het", "een", "the", "a", "an"].includes(word) || roles.test(word))
  );
}

/** Dutch R-pronoun questions ("Waar … om/voor/mee?") ask for a thing, not a place. */
const rPronounParticles = new Set(["om", "voor", "mee", "over", "naar", "aan", "op", "in", "door", "van", "tegen", "bij", "uit", "toe", "af"]);
const roles =
  /\b(premier|minister|president|leider|regeringsleider|staatshoofd|bewindsvrouw|bewindsman|politic|woordvoer|kanselier|koning|burgemeester|voorzitter|directeur|topman|topvrouw|generaal|commandant|prime|leader|politician|spokes|chancellor|king|queen|mayor|chief|head of|chair|director|general|commander)/u;

/**
 * Whether a word names a role that one person or body fills in a country: with a nationality
 * before it ("de Franse president", "the Dutch prime minister", "de Poolse regering") it
 * identifies whom the question is about as a name does.
 */
export function isNationalRole(word: string): boolean {
  return roles.test(word) || /(minister|president|premier|kanselier|regering|government|leger|army)$/u.test(word);
}

/**
 * The kind of fact a question asks for. Each answer asks it several times of the same question (the
 * near-topic checks once per candidate passage, sentence selection once per citation), so it is
 * remembered per question text.
 */
export function answerKind(question: string): AnswerKind {
  return answerKinds.remember(question, readAnswerKind);
}

const answerKinds = new BoundedMap<string, AnswerKind>(1_000);

function readAnswerKind(question: string): AnswerKind {
  const list = words(question);
  const text = ` ${list.join(" ")} `;
  const first = list[0] ?? "";
  if (measureQuestion.test(text)) return "measure";
  if (/ (hoe snel|how fast|how quickly|how soon|hoe vlug)/u.test(text)) return "speed";
  if (/ (waarom|why|hoe komt het|om welke reden|what prompted|what caused|naar aanleiding waarvan|waardoor) /u.test(text) || purposeQuestion.test(text))
    return "reason";
  if (opinionQuestion.test(text) || saidQuestion.test(text)) return "opinion";
  if (
    / (wanneer|when|hoe laat|what time|hoelang|hoe lang|how long|sinds wanneer|tot wanneer|welke (maand|dag|datum|jaar|tijd)|which (month|day|date|year)|op welk moment|at what)/u.test(
      text,
    )
  )
    return "time";
  if (/ (hoeveel|how many|how much|welk aantal|hoe oud|how old|welke leeftijd|what age) /u.test(text)) return "number";
  if (organisationQuestion.test(text)) return "organisation";
  // "Wie is Christine Lambrecht?" asks who she is — a role, a description — not another name.
  if (asksIdentity(list)) return "other";
  if (/ (wie|who|whom|whose|met wie|wiens) /u.test(text) || (/ (welke?|which|what) /u.test(text) && roles.test(text))) return "person";
  if (first === "waar" && !rPronounParticles.has(list.at(-1) ?? "")) return "place";
  if (/ (where) /u.test(text) || placeNameQuestion.test(text)) return "place";
  if (/ (welke?|which) /u.test(text)) return "thing";
  // A question word later on still makes an open question ("En Duitsland, wanneer?"); a preposition
  // there does not ("Heeft Zelenski met Biden gebeld?").
  if (first && !openers.has(first) && (englishAuxiliaries.has(first) || !list.some((word) => questionWords.has(word)))) return "yes-no";
  return "other";
}

/**
 * True when `sentence` holds a fact of `kind` that the question does not already give: a name it
 * does not mention, a time, a number (not the article "een"), a place, a reason, a speed, or for a
 * yes/no question words that decide it (a negation, "ook", "genoeg", "al").
 */
export function holdsAnswer(kind: AnswerKind, sentence: string, question: string, people: ReadonlySet<string> = noPeople): boolean {
  switch (kind) {
    case "person":
      return namesIn(sentence).some((name) => looksLikePerson(name) && !questionNames(question, name));
    case "organisation":
    case "thing":
      // "Welk systeem …" wants a named thing: not a person, place or nationality. "Iris-T SLM" when
      // the question says "Iris-T" is the product asked about, not the answer; "Zelenski" is no
      // company when the article calls him "Volodimir Zelenski".
      return namesIn(sentence).some(
        (name) =>
          looksLikeOrganisation(name) &&
          !people.has(foldText(name)) &&
          !words(name).some((part) => questionNames(question, part)) &&
          !abbreviates(question, name),
      );
    case "time":
      return holdsTime(timeFacet(question), sentence);
    case "number":
      // "Hoe oud is de trainer?" is answered by an age — "Van Dijk (58)", "58 jaar oud", "de 58-jarige" — not by any number.
      if (asksAge(question)) return agePattern.test(foldText(sentence));
      return numbersIn(sentence).some((number) => number.kind === "cardinal" && !questionNames(question, number.surface));
    case "measure":
      return holdsMeasure(sentence);
    case "place":
      return asksPlaceName(question) ? holdsPlaceName(question, sentence) : namesIn(sentence).some((name) => !questionNames(question, name));
    case "reason":
      // "om … te" gives a purpose ("de steun … om zichzelf te verdedigen"), not a cause.
      return givesCause(sentence) || (purposeQuestion.test(` ${words(question).join(" ")} `) && givesPurpose(sentence));
    case "opinion":
      return reportsWords(sentence);
    case "speed":
      return speedPattern.test(foldText(sentence)) || timePattern().test(foldText(sentence));
    case "yes-no":
      return polarityPattern.test(foldText(sentence));
    case "other":
      return false;
  }
}

const noPeople: ReadonlySet<string> = new Set();

/** Whether a question asks someone's age. */
function asksAge(question: string): boolean {
  return / (hoe oud|how old|welke leeftijd|what age|wat is de leeftijd|leeftijd van|age of) /u.test(` ${words(question).join(" ")} `);
}

/** How news gives an age: "Zelenski (44)", "44 jaar oud", "de 44-jarige", "op 44-jarige leeftijd", "aged 44", "44 years old". */
const agePattern = /\(\d{1,3}\)|\b\d{1,3} jaar oud\b|\b\d{1,3}-jarige?\b|\baged \d{1,3}\b|\b\d{1,3} years? old\b|\b\d{1,3}-year-old\b/u;

/**
 * "Hoe ver", "how heavy", "Wat is het bereik van …", "how fast does it fly": a distance, size, weight
 * or speed of a thing, which only a number with a unit answers. A measure noun counts only as what
 * is asked ("wat is de snelheid"), not as a topic ("wat zei hij over de snelheid van de levering").
 */
const measureQuestion = new RegExp(
  [
    " (hoe (ver|hoog|zwaar|diep|breed|groot is|groot zijn|groot was)|how (far|high|heavy|deep|wide|big|large|tall)) ",
    " (wat|welk|welke|what|which) (is|s|zijn|was|waren|heeft|hebben|had|has|have) (het|de|een|the|its|their|a) (maximale |maximum |max )?(bereik|reikwijdte|actieradius|snelheid|topsnelheid|gewicht|lengte|hoogte|diepte|breedte|diameter|afmetingen|range|speed|top speed|weight|length|height|depth|width|diameter|dimensions) ",
    " (hoe snel|how fast) .*(vliegt|vliegen|vloog|rijdt|rijden|vaart|varen|fly|flies|flew|travel|travels) ",
  ].join("|"),
  "u",
);

/** A number followed by a unit of length, mass, area or volume (CLDR's words: `km`, `kilometer`, `mijl`, `kg`). */
function holdsMeasure(sentence: string): boolean {
  const tokens = words(sentence);
  const numbers = new Set(
    numbersIn(sentence)
      .filter((number) => number.kind === "cardinal")
      .flatMap((number) => words(number.surface)),
  );
  const units = measureUnitWords();
  return tokens.some((token, at) => (numbers.has(token) || /^\p{N}/u.test(token)) && units.has(tokens[at + 1] ?? ""));
}

/** Whether a text quotes or reports what someone said or thinks. */
export function reportsWords(text: string): boolean {
  return /[“”"]/u.test(text) || attributes(text);
}

const speedPattern = /\b(snel|sneller|snelst|vlug|meteen|direct|onmiddellijk|spoedig|binnen|fast|faster|quickly|soon|within|immediately)\b/u;
const polarityPattern = /\b(niet|geen|nooit|niets|nog|ook|eveneens|tevens|al|wel|genoeg|voldoende|alleen|slechts|not|no|never|also|too|already|enough|only)\b/u;
