import { franc } from "franc-min";
import { eng, nld } from "stopword";
import type { Language } from "../core/types.js";
import { words } from "./tokenize.js";

const englishOnly = new Set(
  [...eng, "when", "where", "why", "which", "how", "what", "who", "does", "did", "many", "much"].filter((word) => !nld.includes(word)),
);
const dutchOnly = new Set([...nld, "welk", "welke", "hoeveel", "wanneer", "waarom", "waar", "wordt", "zijn"].filter((word) => !eng.includes(word)));

/**
 * Detects whether a question is Dutch or English. Trigram models (franc) are unreliable on short
 * questions (`How do I bake bread?` scores as Dutch), so function words vote first; franc decides
 * only when they tie, and the platform's language hint breaks what is still undecided.
 * Dutch is the default: it is the article's language.
 */
export function detectLanguage(text: string, hint?: string): Language {
  let english = 0;
  let dutch = 0;
  for (const word of words(text)) {
    if (englishOnly.has(word)) english += 1;
    if (dutchOnly.has(word)) dutch += 1;
  }
  if (english !== dutch) return english > dutch ? "en" : "nl";
  if (text.length >= 25) {
    const guess = franc(text, { only: ["nld", "eng"], minLength: 1 });
    if (guess === "eng") return "en";
    if (guess === "nld") return "nl";
  }
  return hint?.toLowerCase().startsWith("en") ? "en" : "nl";
}
