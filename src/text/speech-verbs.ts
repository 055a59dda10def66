import { words } from "./tokenize.js";

/**
 * Verbs that report someone's words, in the Dutch and English forms news text and questions use.
 * One list for every place that needs it: a question asking what was said, a text reporting words,
 * the sentence naming the speaker of the quote before it ("Dat zei Zelenski").
 */
export const saidVerbs: ReadonlySet<string> = new Set([
  "zei",
  "zeiden",
  "zegt",
  "zeggen",
  "gezegd",
  "verklaarde",
  "verklaarden",
  "verklaart",
  "verklaard",
  "vertelde",
  "vertelt",
  "verteld",
  "antwoordde",
  "antwoordt",
  "geantwoord",
  "schreef",
  "schrijft",
  "geschreven",
  "meldde",
  "meldt",
  "gemeld",
  "tweette",
  "twitterde",
  "getweet",
  "say",
  "says",
  "said",
  "tell",
  "told",
  "state",
  "stated",
  "answer",
  "answered",
  "reply",
  "replied",
  "tweet",
  "tweeted",
  "write",
  "wrote",
]);

/** Words that give whose view a sentence reports, beside the verbs of saying: "aldus", "volgens", "according to". */
const viewWords = new Set(["aldus", "volgens", "vindt", "vond", "meent", "according", "thinks", "believes"]);

/** Whether a sentence reports what someone said or thinks, by its words (a quotation mark aside). */
export function attributes(sentence: string): boolean {
  return words(sentence).some((word) => saidVerbs.has(word) || viewWords.has(word));
}

/** Whether a sentence names the speaker of the quotation before it: "Dat zei Zelenski", "…, aldus de minister". */
export function namesSpeaker(sentence: string): boolean {
  const list = words(sentence);
  return list.some((word) => saidVerbs.has(word) || word === "aldus") || (["dat", "dit", "zo"].includes(list[0] ?? "") && list[1] === "liet");
}
