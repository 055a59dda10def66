import { opensWithPronoun } from "../text/anaphora.js";
import type { Query } from "../retrieval/query.js";
import { matchStrength, textTerms } from "../retrieval/term-match.js";
import { sentencesOf } from "../text/sentences.js";
import { holdsAnswer, type AnswerKind } from "./answer-kind.js";
import { reasonSplits } from "./reasons.js";
import { durationClauses, timeFacet } from "./time-facets.js";
import { mentions, type AskedName } from "./asked-names.js";
import { askedOf, attachedFrom, closesQuote, connectedFrom, otherNationsIn, type Article } from "./connections.js";

/**
 * Whether the fact a passage offers for an open question stands with what the question asks. A
 * passage may match a question well and hold a fact of the asked kind, yet about something else:
 * "Wanneer levert Canada luchtafweer?" against a paragraph whose only time ("maandagavond") is when
 * Zelensky spoke to Canada's premier; "In welke steden vielen raketten?" against a sentence that
 * names Kiev as the one helped. The sentence holding the fact — with the one before when it refers
 * back to it ("Dat zei …") and the next when that goes on about it ("Ook hen vroeg hij …") — must
 * hold a word of the question that this passage uses. A word the passage never uses proves nothing,
 * since the question may say it in other words. Pure.
 */
export function answerConnected(
  kind: AnswerKind,
  query: Query,
  passageText: string,
  asked: readonly AskedName[],
  article: Article,
  people?: ReadonlySet<string>,
): boolean {
  const passage = textTerms(passageText);
  const askedWords = askedOf(query, asked, article).filter((term) => !kindNouns.has(term.word));
  const wanted = askedWords.filter((term) => matchStrength(term, passage, false) >= attachedFrom);
  // None here, but the article writes one of them, word for word, in another paragraph ("Hoe lang
  // duurde het gesprek?": "gesprek" is in paragraph 1, "al zo lang" in 2): this fact is of something else.
  // A "why" question names the effect it asks about, often in other words than the article ("Waartoe
  // moet de hulp dienen?"): with none of them here, a reason in the passage may still be the one asked.
  if (wanted.length === 0) {
    return (
      kind === "reason" ||
      !askedWords.some((term) => article.texts.some((text, at) => text !== passageText && matchStrength(term, article.terms[at]!, false) >= literally))
    );
  }
  // "Wanneer komen de Amerikaanse systemen aan?": a time said of the German ones answers nothing.
  const describers = query.terms.filter((term) => term.describes && !article.common(term));
  const sentences = sentencesOf({ text: passageText });
  return sentences.some((sentence, at) => {
    const before = at > 0 && refersBack(sentence, sentences[at - 1]!) ? [sentences[at - 1]!] : [];
    const after = at + 1 < sentences.length && opensWithPronoun(sentences[at + 1]!) ? [sentences[at + 1]!] : [];
    if (kind === "reason") {
      // A reason explains what the rest of its sentence says: "Na de Russische wraakcampagne kan dat
      // sneller" gives why the delivery is faster, not why Russia attacked; "dat" there is the
      // delivery of the sentence before.
      return reasonSplits(sentence).some(({ rest }) => {
        const previous = at > 0 && pointsBack.test(rest) ? [sentences[at - 1]!] : before;
        const around = textTerms([...previous, rest, ...after].join(" "));
        return wanted.some((term) => matchStrength(term, around) >= connectedFrom);
      });
    }
    if (!holdsAnswer(kind, sentence, query.text, people)) return false;
    if (kind === "time" && timeFacet(query.text) === "duration") {
      return durationClauses(sentence).some((clause) => wanted.some((term) => matchStrength(term, textTerms(clause)) >= connectedFrom));
    }
    const aroundText = [...before, sentence, ...after].join(" ");
    const around = textTerms(aroundText);
    if (describers.length > 0 && !mentions(describers, around) && otherNationsIn(aroundText, query, article).length > 0) return false;
    return wanted.some((term) => matchStrength(term, around) >= connectedFrom);
  });
}

/**
 * A sentence continues the statement before it: a quote whose speaker it names, or "dat" pointing
 * back at what was said. A pronoun ("Hij sprak …") points back at a person, not at what they did.
 */
function refersBack(sentence: string, previous: string): boolean {
  return closesQuote(previous) || /^(dat|dit|zo|daarop|that|this)\b/iu.test(sentence);
}

/** A clause with a pronoun for what the sentence before said ("kan dat sneller"); "het" and "die" are mostly articles and relatives. */
const pointsBack = /\b(dat|dit|hij|zij|ze|hen|that|this|it|they|he|she)\b/u;

/** A question word stands in a text word for word (or inflected), not as a translation or synonym. */
const literally = 0.95;

/** Words that name the kind of fact asked ("In welke stad", "which year", "hoe lang"), not what it is about. */
const kindNouns = new Set([
  "lang",
  "long",
  "laat",
  "late",
  "snel",
  "fast",
  "soon",
  "ver",
  "far",
  "oud",
  "old",
  "stad",
  "steden",
  "plaats",
  "plaatsen",
  "land",
  "landen",
  "regio",
  "gebied",
  "jaar",
  "maand",
  "dag",
  "datum",
  "tijd",
  "tijdstip",
  "moment",
  "naam",
  "aantal",
  "bedrijf",
  "persoon",
  "city",
  "cities",
  "place",
  "places",
  "country",
  "countries",
  "region",
  "year",
  "month",
  "day",
  "date",
  "time",
  "name",
  "number",
  "company",
  "person",
]);
