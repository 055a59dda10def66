import type { Language } from "../port/types.js";

/**
 * The bot's own words about the language model, per language. Appended to an extractive fallback so
 * the asker knows why the reply reads as a quote instead of a worded answer.
 */
export const generativeMessages = {
  nl: {
    modelUnavailable: "(Het taalmodel was niet beschikbaar, dus dit antwoord komt letterlijk uit het artikel.)",
    modelUnverified: "(Het antwoord van het taalmodel kon niet in het artikel worden nagekeken, dus dit antwoord komt letterlijk uit het artikel.)",
    modelUngrounded: "(Het taalmodel noemde iets wat niet in de aangehaalde tekst staat, dus dit antwoord komt letterlijk uit het artikel.)",
  },
  en: {
    modelUnavailable: "(The language model was unavailable, so this answer is quoted directly from the article.)",
    modelUnverified: "(The language model's answer could not be checked against the article, so this answer is quoted directly from it.)",
    modelUngrounded: "(The language model mentioned something that is not in the text it cited, so this answer is quoted directly from the article.)",
  },
} satisfies Record<Language, unknown>;

export type GenerativeMessages = (typeof generativeMessages)["nl"];

/** The notes in `language`. */
export function generativeMessagesFor(language: Language): GenerativeMessages {
  return generativeMessages[language];
}
