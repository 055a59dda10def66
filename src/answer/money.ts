import { currencyWords } from "../text/currency-words.js";
import { words } from "../text/tokenize.js";

/**
 * Money in questions and passages: a price, cost or earning asked ("Hoeveel kost …", "Wat verdient …",
 * "How much did it cost?"), which only a passage mentioning money answers; and what a count in a
 * currency counts ("hoeveel geld"). Pure.
 */

/** The question's word asking what something cost or someone earns, if any. */
export function costAsked(question: string): string | undefined {
  return words(question).find((word) => costWords.has(word));
}

/** Whether a text mentions money: a currency sign or name, or a word of cost. */
export function mentionsMoney(text: string): boolean {
  const list = words(text);
  // Cost words are single words; currency names are matched as phrases.
  const folded = ` ${list.join(" ")} `;
  return /[€$£¥]/u.test(text) || list.some((word) => costWords.has(word)) || currencyWords().some((word) => folded.includes(` ${word} `));
}

/** Whether a counted word is counted in a currency, not in itself: "hoeveel geld" wants "75 miljoen euro". */
export function countedInCurrency(word: string): boolean {
  return money.has(word);
}

const money = new Set(["geld", "money", "cash"]);

/** Words that ask what something cost or someone earns, in Dutch and English. */
const costWords = new Set([
  "kost",
  "kosten",
  "kostte",
  "kostten",
  "prijs",
  "prijzen",
  "prijskaartje",
  "betaald",
  "betaalde",
  "betalen",
  "betaalt",
  "bedrag",
  "geld",
  "waarde",
  "uitgeven",
  "uitgegeven",
  "uitgaf",
  "besteed",
  "besteden",
  "besteedde",
  "investeerde",
  "geinvesteerd",
  "investering",
  "verdient",
  "verdienen",
  "verdiende",
  "salaris",
  "inkomen",
  "cost",
  "costs",
  "costed",
  "price",
  "prices",
  "priced",
  "paid",
  "pay",
  "pays",
  "spend",
  "spent",
  "spending",
  "invested",
  "investment",
  "money",
  "worth",
  "earn",
  "earns",
  "earned",
  "salary",
  "income",
  "wage",
  "wages",
]);
