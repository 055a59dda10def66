import { words } from "../text/tokenize.js";
import { foldText } from "../text/fold.js";
import { calendarNames, calendarWords } from "../text/calendar-words.js";
import { timeUnitWords } from "../lexicon/intl-time-words.js";
import { quantitiesIn } from "../text/quantities.js";

/**
 * What a time question asks more precisely: a calendar date ("Op welke datum", "what date") needs a
 * day and month or a year — a weekday is not a date; a time of day ("hoe laat", "op welk moment van
 * de dag") needs a clock time or a part of the day — a month is not one; "hoe lang" a span; "when
 * will …" a time ahead. Anything else takes any time.
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

/** Whether a sentence holds a time of the kind asked. */
export function holdsTime(facet: TimeFacet, sentence: string): boolean {
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
  /\b(binnen|tegen (het einde|eind|begin|half|midden)|volgende|volgend|komende|komend|binnenkort|straks|later|spoedig|weldra|na afloop|zodra|within|by the end|by (next|early|mid|late)|next|coming|upcoming|soon|shortly|later)\b/u;

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

/** The seasons, which `Intl` does not name: "volgend voorjaar", "deze zomer", "last winter". */
const seasons = "lente|voorjaar|zomer|najaar|herfst|winter|spring|summer|autumn";

/** Month and weekday names (from `Intl`, both languages, also inside "maandagavond") and words that place an event in time. */
export function timePattern(): RegExp {
  timeRegex ??= new RegExp(
    `(${calendarWords().join("|")})|\\b(eind|begin|midden|vandaag|gisteren|morgen|eergisteren|vorige|vorig|volgende|volgend|komende|komend|afgelopen|binnenkort|onlangs|toen|inmiddels|dagen|weken|maanden|jaar|jaren|ochtend|middag|avond|nacht|${seasons}|today|yesterday|tomorrow|last|next|recently|days|weeks|months|year|years|morning|evening|night)\\b`,
    "u",
  );
  return timeRegex;
}
