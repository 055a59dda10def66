import type { Logger } from "../logging/logger.js";
import { bilingualDictionary, type BilingualDictionary } from "./bilingual-dictionary.js";
import { nameTableStats } from "./cldr-names.js";

/**
 * General knowledge that lets a question find text written in other words: CLDR names (always
 * there; Germany ↔ Duitsland ↔ Duitse, London ↔ Londen, Kyiv ↔ Kiev) and, when the operator
 * installed one, a bilingual dictionary (translations of English words, Dutch synonyms).
 */
export interface Lexicon {
  /** Which resources are in use, `cldr` or `cldr+freedict`; part of every calibration. */
  readonly id: string;
  readonly dictionary?: BilingualDictionary;
}

export const namesOnly: Lexicon = { id: "cldr" };

/**
 * The lexicon for this installation: CLDR names, plus FreeDict when `dictionaryDir` holds it.
 * Logs one line saying which, and why not when the dictionary is missing or unreadable; never
 * throws — the bot answers without a dictionary, only less well in other words.
 */
export function createLexicon(dictionaryDir: string | undefined, logger: Logger): Lexicon {
  // The name table takes ~0.1 s to build; pay it at start-up rather than in the first answer.
  nameTableStats();
  if (!dictionaryDir) {
    logger.info("dictionary: off (DICTIONARY_DIR=off); names from CLDR only");
    return namesOnly;
  }
  const load = bilingualDictionary({ folder: dictionaryDir });
  if (load.status === "ready") {
    const { stats } = load.dictionary;
    logger.info(
      `dictionary: FreeDict Dutch–English from ${dictionaryDir} (${stats.words.nl} Dutch and ${stats.words.en} English words, ${Math.round(stats.loadMs)} ms)`,
    );
    return { id: "cldr+freedict", dictionary: load.dictionary };
  }
  if (load.status === "failed") logger.warn(`dictionary: not used — ${load.reason}`);
  else logger.info(`dictionary: none — ${load.reason}`);
  return namesOnly;
}
