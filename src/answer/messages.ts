import type { CoreStatus, Language } from "../port/types.js";
import type { SmallTalkKind } from "./small-talk.js";
import type { Unsaid } from "./unsaid.js";

/**
 * Every sentence the bot says in its own voice, per language. Adapters reuse these so the bot
 * sounds the same on every platform. Corpus quotes are never translated.
 */
export const messages = {
  nl: {
    answerLead: (paragraph: number) => `Volgens het artikel (alinea ${paragraph}):`,
    abstain: (titles: string) => `Daar geeft het artikel geen antwoord op, dus ik ga niet gokken. Ik beantwoord alleen vragen over ${titles}.`,
    unsaid: (unsaid: Unsaid) => unsaidText.nl[unsaid.kind](unsaid.text),
    nearest: (paragraph: number) => `Het dichtst erbij komt alinea ${paragraph}:`,
    /** What the titles in `abstain` are: `het artikel “…”`, `de artikelen “…”, “…”`. */
    articles: (count: number): string => (count > 1 ? "de artikelen" : "het artikel"),
    moreTitles: (count: number) => `en ${count} andere`,
    overview: (others: string | undefined, title: string, paragraph: number) =>
      others
        ? `Ik beantwoord vragen over ${others}. Het nieuwste, “${title}”, in het kort (alinea ${paragraph}):`
        : `Het artikel “${title}” in het kort (alinea ${paragraph}):`,
    smallTalk: (kind: SmallTalkKind, titles: string) =>
      ({
        greeting: `Hallo! Stel me een vraag over ${titles}; ik antwoord met de Nederlandse passage waar het antwoord staat.`,
        thanks: `Graag gedaan! Nog een vraag over ${titles}? Stel hem gerust.`,
        "about-bot": `Ik ben Nieuwsbot. Ik beantwoord vragen over ${titles} en citeer altijd de Nederlandse passage waar mijn antwoord vandaan komt; staat het er niet in, dan zeg ik dat. Vraag in het Nederlands of in het Engels.`,
      })[kind],
    emptyQuestion: "Stel een vraag over het artikel, bijvoorbeeld: Welk luchtafweersysteem levert Duitsland?",
    questionTooLong: (max: number) => `Die vraag is te lang. Houd het onder de ${max} tekens.`,
    rateLimited: (seconds: number) => `Even rustig aan: je stelt veel vragen tegelijk. Probeer het over ${seconds} seconden opnieuw.`,
    notAllowed: "Sorry, alleen moderators mogen dat doen.",
    failed: "Er ging iets mis bij het beantwoorden. Probeer het later nog eens.",
    source: "Bron",
    paragraph: "alinea",
    calibration: (c: CoreStatus["calibration"]) =>
      c.overridden
        ? `Drempel om te antwoorden: ${c.threshold.toFixed(2)} (ingesteld met ABSTAIN_THRESHOLD).`
        : `Drempel om te antwoorden: ${c.threshold.toFixed(2)}, gemeten op ${c.nullQuestions.count} vragen buiten het onderwerp (95 % daarvan scoort onder ${c.nullRelevance.p95.toFixed(2)}).`,
  },
  en: {
    answerLead: (paragraph: number) => `According to the article (paragraph ${paragraph}, quoted in Dutch):`,
    abstain: (titles: string) => `The article doesn't answer that, so I won't guess. I only answer questions about ${titles}.`,
    unsaid: (unsaid: Unsaid) => unsaidText.en[unsaid.kind](unsaid.text),
    nearest: (paragraph: number) => `The closest it comes is paragraph ${paragraph} (in Dutch):`,
    articles: (count: number): string => (count > 1 ? "the articles" : "the article"),
    moreTitles: (count: number) => `and ${count} more`,
    overview: (others: string | undefined, title: string, paragraph: number) =>
      others
        ? `I answer questions about ${others}. The newest, “${title}”, in short (paragraph ${paragraph}, quoted in Dutch):`
        : `The article “${title}” in short (paragraph ${paragraph}, quoted in Dutch):`,
    smallTalk: (kind: SmallTalkKind, titles: string) =>
      ({
        greeting: `Hi! Ask me a question about ${titles}; I answer with the Dutch passage the answer comes from.`,
        thanks: `You're welcome! Anything else about ${titles}? Just ask.`,
        "about-bot": `I'm Nieuwsbot. I answer questions about ${titles} and always quote the Dutch passage my answer comes from; if it isn't in there, I say so. Ask in Dutch or English.`,
      })[kind],
    emptyQuestion: "Ask a question about the article, for example: Which air defence system is Germany sending?",
    questionTooLong: (max: number) => `That question is too long. Please keep it under ${max} characters.`,
    rateLimited: (seconds: number) => `Easy there: you're asking a lot at once. Try again in ${seconds} seconds.`,
    notAllowed: "Sorry, only moderators can do that.",
    failed: "Something went wrong while answering. Please try again later.",
    source: "Source",
    paragraph: "paragraph",
    calibration: (c: CoreStatus["calibration"]) =>
      c.overridden
        ? `Answer threshold: ${c.threshold.toFixed(2)} (set by ABSTAIN_THRESHOLD).`
        : `Answer threshold: ${c.threshold.toFixed(2)}, measured on ${c.nullQuestions.count} off-topic questions (95 % of them score below ${c.nullRelevance.p95.toFixed(2)}).`,
  },
} satisfies Record<Language, unknown>;

/** Why a near-topic question is refused: what the article is silent on. */
const unsaidText: Record<Language, Record<Unsaid["kind"], (what: string) => string>> = {
  nl: {
    name: (what) => `Over ${what} zegt het artikel niets, dus daar kan ik geen antwoord op geven.`,
    context: (what) => `Het artikel noemt ${what} alleen in een ander verband, dus daar kan ik geen antwoord op geven.`,
    together: (what) => `Het artikel noemt ${what} nergens samen, dus daar kan ik geen antwoord op geven.`,
    cost: () => "Het artikel noemt geen prijs of kosten, dus daar kan ik geen antwoord op geven.",
    expansion: () => "Het artikel zegt niet waar die afkorting voor staat, dus ik ga niet gokken.",
    number: () => "Het artikel noemt daar geen aantal voor, dus ik ga niet gokken.",
    measure: () => "Het artikel noemt daar geen afstand, snelheid, maat of gewicht voor, dus ik ga niet gokken.",
    time: () => "Het artikel zegt niet wanneer, dus ik ga niet gokken.",
    person: () => "Het artikel noemt daar geen naam bij, dus ik ga niet gokken.",
    organisation: () => "Het artikel noemt daar geen bedrijf of organisatie bij, dus ik ga niet gokken.",
    place: () => "Het artikel noemt daar geen plaats bij, dus ik ga niet gokken.",
    reason: () => "Het artikel zegt niet waarom, dus ik ga niet gokken.",
  },
  en: {
    name: (what) => `The article says nothing about ${what}, so I can't answer that.`,
    context: (what) => `The article mentions ${what} only in another connection, so I can't answer that.`,
    together: (what) => `The article never mentions ${what} together, so I can't answer that.`,
    cost: () => "The article mentions no price or cost, so I can't answer that.",
    expansion: () => "The article doesn't say what that abbreviation stands for, so I won't guess.",
    number: () => "The article gives no number for that, so I won't guess.",
    measure: () => "The article gives no distance, speed, size or weight for that, so I won't guess.",
    time: () => "The article doesn't say when, so I won't guess.",
    person: () => "The article names nobody for that, so I won't guess.",
    organisation: () => "The article names no company or organisation for that, so I won't guess.",
    place: () => "The article names no place for that, so I won't guess.",
    reason: () => "The article doesn't say why, so I won't guess.",
  },
};

export type Messages = (typeof messages)["nl"];

export function messagesFor(language: Language): Messages {
  return messages[language];
}
