import type { Logger } from "../logging/logger.js";
import { bilingualDictionary, dictionaryFrom, type BilingualDictionary, type DictionarySource } from "./bilingual-dictionary.js";
import { BundledLexiconError, bundledLexiconSources } from "./bundled-lexicon.js";
import { nameTableStats } from "./cldr-names.js";

/**
 * General knowledge that lets a question find text written in other words: CLDR names (always
 * there; Germany ↔ Duitsland ↔ Duitse, London ↔ Londen, Kyiv ↔ Kiev), the English–Dutch word list
 * that ships with the bot and, when the operator installed one, FreeDict (translations of English
 * words, Dutch synonyms through a shared English word).
 */
export interface Lexicon {
  /** Which resources are in use (`cldr`, `cldr+bundled`, `cldr+bundled+freedict`, …); part of every calibration. */
  readonly id: string;
  readonly dictionary?: BilingualDictionary;
}

export const namesOnly: Lexicon = { id: "cldr" };

/** Which word lists to use besides the CLDR names. */
export interface LexiconChoice {
  /** FreeDict's folder, or undefined for none (DICTIONARY_DIR=off). */
  readonly dictionaryDir: string | undefined;
  /** The bundled English–Dutch list (BUNDLED_LEXICON). */
  readonly bundled: boolean;
  /** Where the bundled list is looked for (the project root; tests point elsewhere). */
  readonly bundledRoot?: string;
}

const lexicons = new Map<string, Lexicon>();

/**
 * The lexicon for this installation: CLDR names, the bundled list when chosen, FreeDict when
 * `dictionaryDir` holds it. Logs one line saying which, and why not when the dictionary is
 * missing or unreadable; never throws for a missing or broken list — the bot answers without
 * them, only less well in other words. Built once per choice and process.
 */
export function createLexicon(choice: LexiconChoice, logger: Logger): Lexicon {
  // The name table takes ~0.1 s to build; pay it at start-up rather than in the first answer.
  nameTableStats();
  const known = lexicons.get(JSON.stringify(choice));
  if (known) return known;
  const started = performance.now();
  const tiers: DictionarySource[][] = [];
  const used = ["cldr"];
  if (choice.bundled) {
    try {
      tiers.push(bundledLexiconSources(choice.bundledRoot));
      used.push("bundled");
    } catch (error) {
      if (!(error instanceof BundledLexiconError)) throw error;
      logger.warn(`lexicon: the bundled word list is not used — ${error.message}`);
    }
  }
  if (choice.dictionaryDir) {
    const load = bilingualDictionary({ folder: choice.dictionaryDir });
    if (load.status === "ready") {
      tiers.push([...load.sources]);
      used.push("freedict");
    } else if (load.status === "failed") logger.warn(`dictionary: not used — ${load.reason}`);
    else logger.info(`dictionary: none — ${load.reason}`);
  }
  // FreeDict only for words the bundled list lacks: see dictionaryFrom.
  const lexicon: Lexicon = tiers.length > 0 ? { id: used.join("+"), dictionary: dictionaryFrom(tiers, started) } : namesOnly;
  const stats = lexicon.dictionary?.stats;
  logger.info(
    stats
      ? `lexicon: ${lexicon.id} (${Object.entries(stats.entries)
          .map(([name, count]) => `${count} ${name} entries`)
          .join(", ")}; ${stats.words.nl} Dutch and ${stats.words.en} English words, ${Math.round(stats.loadMs)} ms)`
      : "lexicon: CLDR names only (no word list, no dictionary)",
  );
  lexicons.set(JSON.stringify(choice), lexicon);
  return lexicon;
}
