import { foldText } from "../text/fold.js";

/**
 * Where a sentence gives a cause or a purpose, for "why" questions: the reason markers of Dutch and
 * English, and how a sentence splits into the reason and what it explains. Pure.
 */

/** Words that introduce a cause. */
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

/** "om … te": a purpose, with its verb later in the sentence. */
const purposeMarker = /\bom\b(?=[^.;:]*\bte\b)/u;
const reasonMarkers = new RegExp(`${reasonPattern.source}|${purposeMarker.source}`, "gu");
const finiteVerb = /\s(kan|kon|kunnen|konden|is|was|zijn|waren|heeft|had|hebben|wordt|werd|zal|zou|gaat|ging|can|could|has|will|would)\b/u;

/** Whether a sentence gives a cause ("omdat", "naar aanleiding van", "na de"); a purpose ("om … te") is not one. */
export function givesCause(sentence: string): boolean {
  return reasonPattern.test(foldText(sentence));
}

/** Whether a sentence gives a purpose ("om zichzelf te verdedigen"). */
export function givesPurpose(sentence: string): boolean {
  return purposeMarker.test(foldText(sentence));
}
