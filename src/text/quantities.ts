import { numbersIn, type NumberMention } from "./numbers.js";

/** A count in running text: a cardinal ("twee", "500") or a vague quantity ("enkele", "honderden", "a few"). */
export interface Quantity {
  surface: string;
  /** Offset of `surface` in the text. */
  index: number;
  /** A vague quantity counts only the word right after it ("enkele dagen"), a cardinal also past adjectives. */
  vague: boolean;
}

/**
 * The counts a text gives. "Hoeveel dagen …?" is answered by "binnen enkele dagen" as much as by
 * "binnen drie dagen": the article gives no exact number, but it does say how many, roughly.
 */
export function quantitiesIn(text: string): Quantity[] {
  const cardinals: Quantity[] = numbersIn(text)
    .filter((number: NumberMention) => number.kind === "cardinal")
    .map(({ surface, index }) => ({ surface, index, vague: false }));
  const vague = [...text.matchAll(vagueQuantity)].map((match) => ({ surface: match[0], index: match.index, vague: true }));
  return [...cardinals, ...vague].sort((left, right) => left.index - right.index);
}

const vagueQuantity =
  /(?<![\p{L}\p{N}])(enkele|meerdere|verscheidene|tientallen|honderden|duizenden|miljoenen|een paar|een handvol|several|a few|a couple of|dozens|hundreds|thousands|millions)(?![\p{L}\p{N}])/giu;
