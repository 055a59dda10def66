import { numbersIn } from "../text/numbers.js";
import { words } from "../text/tokenize.js";
import { foldText } from "../text/fold.js";
import { calendarNames, calendarWords } from "../text/calendar-words.js";
import { measureUnitWords, timeUnitWords } from "../lexicon/intl-time-words.js";
import { quantitiesIn } from "../text/quantities.js";
import { BoundedMap } from "../util/bounded-map.js";
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
  "met",
]);
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
  / (wat (vond|vindt|vinden|vonden|dacht|denkt) .+ (van|over)|hoe (reageerde|reageert|reageerden|kijkt|keek)|wat is de mening|wat was de reactie|what (did|does|do) .+ (think|feel|say) (of|about)|how (did|does|do) .+ (react|respond|feel)|what (is|was|are|were) .+ (view|opinion|reaction)) /u;
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
      return numbersIn(sentence).some((number) => number.kind === "cardinal" && !questionNames(question, number.surface));
    case "measure":
      return holdsMeasure(sentence);
    case "place":
      return asksPlaceName(question) ? holdsPlaceName(question, sentence) : namesIn(sentence).some((name) => !questionNames(question, name));
    case "reason":
      // "om … te" gives a purpose ("de steun … om zichzelf te verdedigen"), not a cause.
      return (
        reasonPattern.test(foldText(sentence)) || (purposeQuestion.test(` ${words(question).join(" ")} `) && /\bom\b[^.;:]*\bte\b/u.test(foldText(sentence)))
      );
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

const reasonPattern =
  /\b(omdat|want|doordat|vanwege|dankzij|daardoor|daarom|zodat|naar aanleiding van|na de|na het|because|due to|since|after|so that|therefore)\b/u;

/**
 * A sentence split at each place it gives a cause or purpose: `reason`, the words from a reason
 * marker ("omdat", "naar aanleiding van", "na de", "om … te") to the end of that clause, and `rest`,
 * what the reason explains (folded). Empty when the sentence gives none.
 */
export function reasonSplits(sentence: string): { reason: string; rest: string }[] {
  const folded = foldText(sentence);
  const markers = [...folded.matchAll(reasonMarkers)];
  // "De bommenbarrage onderstreept de nood": a verb of cause puts the reason before it and what it
  // explains after it, to the clause's end.
  const causes = [...folded.matchAll(causeVerbs)].map((verb) => {
    const start = folded.lastIndexOf(",", verb.index) + 1;
    return {
      reason: folded.slice(start, verb.index).trim(),
      rest: folded
        .slice(verb.index + verb[0].length)
        .replace(/\s+/gu, " ")
        .trim(),
    };
  });
  return [
    ...causes,
    ...markers.map((marker) => {
      const after = folded.slice(marker.index);
      // "om … te verdedigen" ends with its verb, past a listing comma; a cause runs to the clause's
      // end, or — fronted, "Na de … campagne van maandag kan dat …" — to the finite verb after it.
      const purpose = /^om\b[^.;:]*?\bte\s+\p{L}+/u.exec(after);
      const clause = /^[^,;:()–—]*/u.exec(after)![0];
      const fronted = marker.index === 0 || /^(na|after)\b/u.test(after) ? finiteVerb.exec(clause) : null;
      const length = purpose ? purpose[0].length : fronted ? fronted.index : clause.length;
      return { reason: after.slice(0, length), rest: `${folded.slice(0, marker.index)} ${after.slice(length)}`.replace(/\s+/gu, " ").trim() };
    }),
  ];
}

/** Verbs that say one thing causes or shows another, in both languages. */
const causeVerbs =
  /\b(veroorzaakt|veroorzaakte|veroorzaakten|onderstreept|onderstreepte|onderstreepten|benadrukt|benadrukte|toont aan|toonde aan|bewijst|bewees|leidt tot|leidde tot|leidden tot|zorgt voor|zorgde voor|dwingt|dwong|causes|caused|underlines|underlined|underscores|underscored|shows|showed|proves|proved|leads to|led to|prompted|prompts|forced|forces)\b/gu;

const reasonMarkers = new RegExp(`${reasonPattern.source}|\\bom\\b(?=[^.;:]*\\bte\\b)`, "gu");
const finiteVerb = /\s(kan|kon|kunnen|konden|is|was|zijn|waren|heeft|had|hebben|wordt|werd|zal|zou|gaat|ging|can|could|has|will|would)\b/u;
/** Whether a text quotes or reports what someone said or thinks. */
export function reportsWords(text: string): boolean {
  return /[“”"]/u.test(text) || attributionPattern.test(foldText(text));
}

/** A sentence that reports what someone said or thinks. */
const attributionPattern = /\b(zei|zegt|zeggen|aldus|volgens|vindt|vond|meent|verklaarde|said|says|according to|thinks|believes|stated)\b/u;
const speedPattern = /\b(snel|sneller|snelst|vlug|meteen|direct|onmiddellijk|spoedig|binnen|fast|faster|quickly|soon|within|immediately)\b/u;
const polarityPattern = /\b(niet|geen|nooit|niets|nog|ook|eveneens|tevens|al|wel|genoeg|voldoende|alleen|slechts|not|no|never|also|too|already|enough|only)\b/u;

/**
 * What a time question asks more precisely: a calendar date ("Op welke datum", "what date") needs a
 * day and month or a year — a weekday is not a date; a time of day ("hoe laat", "op welk moment van
 * de dag") needs a clock time or a part of the day — a month is not one. Anything else takes any time.
 */
export type TimeFacet = "date" | "time-of-day" | "duration" | "future" | "any";

export function timeFacet(question: string): TimeFacet {
  const text = ` ${words(question).join(" ")} `;
  if (/ (datum|date|welke dag van de maand|what day of the month) /u.test(text)) return "date";
  if (/ (hoe laat|what time|moment van de dag|tijdstip|time of day) /u.test(text)) return "time-of-day";
  // "Sinds wanneer …?" asks a point in time ("in juni"), "hoe lang" a span.
  if (/ (hoelang|hoe lang|how long) /u.test(text)) return "duration";
  // "Wanneer stuurt Biden de volgende systemen?", "When will …": what is still to come.
  if (/ (volgende|komende|binnenkort|zal|zullen|next|upcoming|will|shall) /u.test(text)) return "future";
  return "any";
}

function holdsTime(facet: TimeFacet, sentence: string): boolean {
  const folded = foldText(sentence);
  if (facet === "date") return datePattern().test(folded) || /\b(1\d|20)\d\d\b/u.test(sentence);
  if (facet === "time-of-day") return timeOfDayPattern.test(folded);
  // "Hoelang …?" wants a span — "al zo lang", "sinds de zomer", "twee uur", "blijvend" — not the
  // moment something happened ("maandagavond").
  if (facet === "duration") return durationClauses(sentence).length > 0;
  // Something still to come is placed by a time ahead ("binnen enkele dagen", "tegen het einde van
  // dit jaar", "volgende week"), not by when something already happened ("Eind september").
  if (facet === "future") return futurePattern.test(folded);
  return timePattern().test(folded) || /\b(1\d|20)\d\d\b/u.test(sentence);
}

/** Words that place an event ahead in time. */
const futurePattern =
  /\b(binnen|tegen (het einde|eind|begin|half|midden)|volgende|komende|binnenkort|straks|later|spoedig|weldra|na afloop|zodra|within|by the end|by (next|early|mid|late)|next|coming|upcoming|soon|shortly|later)\b/u;

/** Words that give how long something lasted, has been going on or will last. */
const durationPattern =
  /\b(al (zo |heel |te )?lang|lange tijd|zolang|zo lang als|sinds|sedert|blijvend|permanent|voorgoed|altijd|definitief|tijdelijk|onbepaalde tijd|for (so |a )?long|as long as|since|permanently|forever|indefinitely|temporarily|lasting)\b/u;

/**
 * The clauses of a sentence (between commas, colons, brackets and dashes) that give a span of time.
 * A span belongs to what its own clause says: in "Biden, in het gesprek, beloofde blijvend steun"
 * the lasting thing is the support, not the call.
 */
export function durationClauses(sentence: string): string[] {
  return foldText(sentence)
    .split(/[,;:()–—]|\s-\s/u)
    .filter((clause) => durationPattern.test(clause) || givesSpan(clause));
}

/** A count right before a unit of time: "twee uur", "enkele dagen", "a few weeks", "30 minuten". */
function givesSpan(text: string): boolean {
  const units = timeUnitWords();
  return quantitiesIn(text).some((quantity) => units.has(words(text.slice(quantity.index + quantity.surface.length))[0] ?? ""));
}

/** A part of the day, also closing a compound ("maandagavond"), or a clock time ("om 8 uur", "20.30", "8 pm"). */
const timeOfDayPattern =
  /(ochtend|morgen|middag|avond|nacht)\b|\b(laat|vroeg|'s avonds|'s nachts|'s ochtends|morning|afternoon|evening|night|noon|midnight|late|early|\d{1,2}[.:]\d\d|\d{1,2} uur|\d{1,2} ?(am|pm))\b/u;

let dateRegex: RegExp | undefined;

/** A day number next to a month name ("10 oktober", "October 10"), or a numeric date ("10-10-2022", "2022-10-10"). */
function datePattern(): RegExp {
  const months = calendarNames()
    .filter((name) => name.kind === "month")
    .flatMap((name) => [foldText(name.nl), foldText(name.en)])
    .join("|");
  dateRegex ??= new RegExp(
    `\\b([0-3]?\\d(e|ste|de|th|st|nd|rd)? (${months})|(${months}) [0-3]?\\d(th|st|nd|rd)?\\b|\\d{1,2}[-/]\\d{1,2}[-/]\\d{2,4}|\\d{4}-\\d\\d-\\d\\d)`,
    "u",
  );
  return dateRegex;
}

let timeRegex: RegExp | undefined;

/** Month and weekday names (from `Intl`, both languages, also inside "maandagavond") and words that place an event in time. */
function timePattern(): RegExp {
  timeRegex ??= new RegExp(
    `(${calendarWords().join("|")})|\\b(eind|begin|midden|vandaag|gisteren|morgen|eergisteren|vorige|volgende|afgelopen|binnenkort|onlangs|toen|inmiddels|dagen|weken|maanden|jaar|jaren|ochtend|middag|avond|nacht|today|yesterday|tomorrow|last|next|recently|days|weeks|months|year|years|morning|evening|night)\\b`,
    "u",
  );
  return timeRegex;
}
