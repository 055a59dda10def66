import { firstNames, heads, lastNames, prefixes, seededRandom } from "./synthetic-corpus.js";

const asks = ["Wat", "Waarom", "Wanneer", "Hoe"];
const subjects = ["de regering", "het kabinet", "de minister", "de gemeente", "de provincie", "de burgemeester", "de politie", "de NAVO"];
const verbs = ["plant", "onderzoekt", "bespreekt", "steunt", "verlengt", "financiert", "schrapt", "versnelt"];
const topics = [
  "de dijkversterking",
  "het defensiebudget",
  "windmolens",
  "het spoor",
  "luchtafweer",
  "betaalbare woningen",
  "de kolencentrale",
  "de stikstofcrisis",
  "zonnepanelen",
  "de haven",
];
const places = ["in Utrecht", "in Groningen", "in Zeeland", "bij Rotterdam", "in Limburg", "langs de Waal", "in Friesland", "in Brabant"];

/** Seeded Dutch questions in the synthetic corpus's vocabulary (paraphrased, not copied). */
export function benchQuestions(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0
      ? `${pick(asks)} ${pick(verbs)} ${pick(subjects)} met ${pick(topics)} ${pick(places)}?`
      : `Wat vindt ${pick(firstNames)} ${pick(lastNames)} van het ${pick(prefixes)}${pick(heads)}?`,
  );
}
