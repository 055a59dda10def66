import type { Language } from "../port/types.js";
import { words } from "../text/tokenize.js";

/**
 * Chat users greet, thank and ask what the bot is before (or instead of) asking a question. Those
 * messages are not questions about the article, and "the article doesn't answer that" is the wrong
 * reply to "hoi" or "bedankt!". This recognises a message that is *only* small talk — a greeting,
 * thanks or an acknowledgement, or a question about the bot itself — in Dutch or English; anything
 * with more in it ("hoi, wat is Nasams?") is a question and goes to retrieval. Pure.
 */
export type SmallTalkKind = "greeting" | "thanks" | "about-bot";

export interface SmallTalk {
  kind: SmallTalkKind;
  /** The language the words themselves are in, when only one language uses them ("bedankt", "thanks"). */
  language?: Language;
}

/** Words that make up small talk, with the kind they signal and the language only they belong to. */
const vocabulary: ReadonlyMap<string, { kind?: SmallTalkKind; language?: Language }> = new Map([
  ...greet(["hoi", "hallo", "goedemorgen", "goedemiddag", "goedenavond", "goeiemorgen", "goeiedag", "dag", "hoihoi", "heey"], "nl"),
  ...greet(["hi", "hello", "hiya", "howdy", "greetings", "morning", "afternoon", "evening"], "en"),
  ...greet(["hey", "hee", "yo", "hej", "moin"], undefined),
  ...thank(["bedankt", "dankjewel", "dankuwel", "dankje", "dank", "thx", "merci", "top", "prima", "mooi", "helder", "duidelijk", "oke", "oké"], "nl"),
  ...thank(["ok", "okay"], undefined),
  ...thank(["thanks", "thank", "thankyou", "ty", "cheers", "great", "nice", "cool", "perfect", "awesome", "got"], "en"),
  // Fillers that may surround small talk without making it a question.
  ...filler(["je", "jij", "u", "jullie", "wel", "hoor", "heel", "erg", "zeer", "veel", "allemaal", "iedereen", "daar", "nou", "even", "super"], "nl"),
  ...filler(["you", "very", "much", "so", "a", "lot", "there", "all", "everyone", "it", "again", "good", "bot", "nieuwsbot"], undefined),
]);

function greet(list: string[], language: Language | undefined) {
  return list.map((word) => [word, { kind: "greeting" as const, language }] as const);
}
function thank(list: string[], language: Language | undefined) {
  return list.map((word) => [word, { kind: "thanks" as const, language }] as const);
}
function filler(list: string[], language: Language | undefined) {
  return list.map((word) => [word, { language }] as const);
}

/** "Wie ben jij?", "wat kun je?", "what can you do?", "help": questions about the bot, not the article. */
const aboutBot: readonly [RegExp, Language][] = [
  [/^(en )?(wie|wat) (ben|bent|is) (je|jij|u|dit|dat)( eigenlijk)?$/u, "nl"],
  [/^wat (kun|kan|kunt|doe|doet) (je|jij|u)( allemaal| eigenlijk| voor mij)?( doen)?$/u, "nl"],
  [/^(hoe werkt (dit|dat|het)|hulp|helpen)$/u, "nl"],
  [/^help$/u, "nl"],
  [/^(who|what) are you$/u, "en"],
  [/^what (can|do) you do$/u, "en"],
  [/^(how does (this|it) work|help me)$/u, "en"],
];

export function smallTalk(message: string): SmallTalk | undefined {
  const list = words(message);
  if (list.length === 0 || list.length > 8) return undefined;
  const phrase = list.join(" ");
  for (const [pattern, language] of aboutBot) {
    if (pattern.test(phrase)) return { kind: "about-bot", language };
  }
  let kind: SmallTalkKind | undefined;
  let language: Language | undefined;
  for (const word of list) {
    const entry = vocabulary.get(word);
    if (!entry) return undefined;
    // Thanks outweighs a greeting: "hoi, bedankt!" is thanks.
    if (entry.kind && kind !== "thanks") kind = entry.kind;
    language ??= entry.language;
  }
  return kind ? { kind, language } : undefined;
}
