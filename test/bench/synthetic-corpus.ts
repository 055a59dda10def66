import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Deterministic synthetic Dutch corpora for benchmarks and load tests: sentences built from a
 * Dutch news vocabulary with a seeded PRNG, so every run (and every machine) gets the same text.
 */
const subjects = [
  "De regering",
  "Het kabinet",
  "De minister",
  "De gemeente",
  "Het leger",
  "De provincie",
  "Een woordvoerder",
  "De burgemeester",
  "Het parlement",
  "De vakbond",
  "De politie",
  "Het ministerie",
  "De rechter",
  "Een onderzoeker",
  "De NAVO",
  "De Europese Commissie",
  "Het waterschap",
  "De brandweer",
];
const verbs = [
  "kondigt",
  "bevestigt",
  "onderzoekt",
  "bespreekt",
  "steunt",
  "bekritiseert",
  "verlengt",
  "financiert",
  "plant",
  "evalueert",
  "verdedigt",
  "schrapt",
  "versnelt",
  "vertraagt",
  "beoordeelt",
  "lanceert",
];
const objects = [
  "de nieuwe dijkversterking",
  "het budget voor defensie",
  "de bouw van windmolens",
  "de uitbreiding van het spoor",
  "de levering van luchtafweer",
  "het plan voor betaalbare woningen",
  "de sluiting van de kolencentrale",
  "de hervorming van het onderwijs",
  "de aanpak van de stikstofcrisis",
  "de steun aan boeren",
  "de renovatie van de brug",
  "het onderzoek naar sabotage",
  "de inzet van mijnenjagers",
  "de subsidie voor zonnepanelen",
  "de veiligheid van de haven",
  "het tekort aan verpleegkundigen",
  "de verkiezingen in maart",
  "de prijs van energie",
];
const places = [
  "in Utrecht",
  "in Groningen",
  "in Zeeland",
  "bij Rotterdam",
  "in Limburg",
  "in Den Haag",
  "langs de Waal",
  "in Friesland",
  "bij Eindhoven",
  "op de Noordzee",
  "in Brabant",
  "rond Amsterdam",
  "in Drenthe",
  "bij Nijmegen",
];
const times = [
  "maandag",
  "dinsdagavond",
  "eind september",
  "begin volgend jaar",
  "binnen enkele dagen",
  "deze week",
  "in juni",
  "na de zomer",
  "vorige maand",
  "tegen het einde van het jaar",
];
const tails = [
  "volgens ingewijden",
  "na lang overleg",
  "ondanks kritiek van de oppositie",
  "met steun van de Tweede Kamer",
  "zo meldt het persbureau",
  "tot verrassing van velen",
  "naar aanleiding van een rapport",
  "onder grote druk",
];

// Compound nouns and names widen the vocabulary to thousands of words with a heavy tail, as in real news.
export const prefixes = [
  "lucht",
  "water",
  "spoor",
  "energie",
  "zorg",
  "school",
  "haven",
  "dijk",
  "stroom",
  "gas",
  "wind",
  "zonne",
  "land",
  "zee",
  "grens",
  "brand",
  "nood",
  "raket",
  "verkeers",
  "woning",
  "stikstof",
  "kern",
  "graan",
  "melk",
  "vracht",
  "fiets",
  "bus",
  "tunnel",
  "brug",
  "rivier",
  "bos",
  "kust",
  "stad",
  "dorp",
  "wijk",
  "pers",
  "bank",
  "pensioen",
  "belasting",
  "defensie",
];
export const heads = [
  "plan",
  "beleid",
  "project",
  "fonds",
  "akkoord",
  "onderzoek",
  "rapport",
  "wet",
  "regeling",
  "crisis",
  "tekort",
  "netwerk",
  "centrale",
  "systeem",
  "overleg",
  "subsidie",
  "begroting",
  "commissie",
  "staking",
  "verbod",
  "norm",
  "kaart",
  "toezicht",
  "hervorming",
  "campagne",
  "dienst",
  "markt",
  "prijs",
  "leiding",
  "station",
  "terrein",
  "park",
  "haven",
  "route",
  "school",
  "kosten",
  "schade",
  "bouw",
  "veiligheid",
  "strategie",
];
export const firstNames = [
  "Anouk",
  "Bram",
  "Carla",
  "Daan",
  "Eva",
  "Femke",
  "Gijs",
  "Hanna",
  "Ivo",
  "Joris",
  "Kim",
  "Lotte",
  "Mark",
  "Noor",
  "Olaf",
  "Petra",
  "Ruben",
  "Sanne",
  "Tom",
  "Vera",
];
export const lastNames = [
  "de Vries",
  "Jansen",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "van Dijk",
  "Dekker",
  "Brouwer",
  "de Wit",
  "Dijkstra",
  "Smits",
  "de Graaf",
];

/** mulberry32: tiny, fast, good enough for reproducible test data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticParagraph(random: () => number, serial: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  // Squaring skews choices towards the start of a list: a few words are common, most are rare.
  const skewed = <T>(list: readonly T[]) => list[Math.floor(random() * random() * list.length)]!;
  const compound = () => `${skewed(prefixes)}${skewed(heads)}`;
  const sentences = 2 + Math.floor(random() * 3);
  const parts: string[] = [];
  for (let index = 0; index < sentences; index += 1) {
    const kind = random();
    if (kind < 0.5) parts.push(`${pick(subjects)} ${pick(verbs)} ${pick(times)} ${pick(objects)} ${pick(places)}, ${pick(tails)}.`);
    else if (kind < 0.8)
      parts.push(`Volgens ${pick(firstNames)} ${pick(lastNames)} ${pick(verbs)} ${pick(subjects).toLowerCase()} het ${compound()} ${pick(places)}.`);
    else parts.push(`Het ${compound()} en de ${compound()} staan ${pick(times)} op de agenda ${pick(places)}.`);
  }
  // A unique number keeps every passage distinct (and its hash unique).
  parts.push(`Het gaat om dossier ${serial}.`);
  return parts.join(" ");
}

/** Writes `passages` paragraphs into `documents` Markdown files under `dir`. */
export async function writeSyntheticCorpus(dir: string, passages: number, options: { seed?: number; perDocument?: number } = {}): Promise<void> {
  const random = seededRandom(options.seed ?? 42);
  const perDocument = options.perDocument ?? 50;
  await mkdir(dir, { recursive: true });
  for (let start = 0, document = 0; start < passages; start += perDocument, document += 1) {
    const paragraphs: string[] = [];
    for (let serial = start; serial < Math.min(passages, start + perDocument); serial += 1) paragraphs.push(syntheticParagraph(random, serial));
    const name = `synthetisch-${String(document).padStart(5, "0")}.md`;
    await writeFile(path.join(dir, name), `---\ntitle: Synthetisch bericht ${document}\npublished: 2022-10\n---\n${paragraphs.join("\n\n")}\n`);
  }
}
