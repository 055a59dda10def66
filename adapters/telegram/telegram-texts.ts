import type { Language } from "../../src/port/types.js";

/**
 * Texts only the Telegram adapter says (help, status, moderation, buttons). Everything shared with
 * other platforms (answers, abstentions, error replies) comes from `src/answer/messages.ts`.
 * These are plain text; the adapter escapes them before sending.
 */
export const telegramTexts = {
  nl: {
    help: (username: string) =>
      [
        "Hallo! Ik ben Nieuwsbot. Ik beantwoord vragen over het nieuwsartikel dat ik ken, en citeer altijd de Nederlandse passage waar mijn antwoord op steunt. Staat het antwoord niet in het artikel, dan zeg ik dat eerlijk in plaats van te gokken.",
        "",
        "Zo stel je een vraag:",
        "• In een privégesprek: stuur gewoon je vraag.",
        `• In een groep: /ask gevolgd door je vraag, noem mij (@${username}) in je bericht, of antwoord op een bericht van mij.`,
        "",
        "Voorbeeld: Welk luchtafweersysteem levert Duitsland?",
        "",
        "Met 👍 / 👎 onder een antwoord help je de beheerders. /status toont welke versie van het artikel ik gebruik.",
      ].join("\n"),
    statusPrivateOnly: "Het volledige overzicht (documenten, laatste verversing, feedback) krijg je als je mij /status stuurt in een privégesprek.",
    feedbackThanks: "Bedankt voor je feedback!",
    feedbackExpired: "Dit antwoord is te oud om nog te beoordelen.",
    feedbackFailed: "Je feedback kon niet worden opgeslagen. Probeer het later nog eens.",
    fullParagraph: (paragraph: number) => `Toon volledige alinea ${paragraph}`,
    fullParagraphExpired: "Dit antwoord is niet meer beschikbaar. Stel de vraag gerust opnieuw.",
    feedbackPrivateOnly: "Stuur /feedback in een privégesprek met mij: de vragen in het overzicht kunnen uit privégesprekken komen.",
    feedbackPrevious: "‹ Vorige",
    feedbackNext: "Volgende ›",
    commands: {
      ask: "Stel een vraag over het artikel",
      help: "Uitleg: wat ik doe en hoe je iets vraagt",
      status: "Versie van het corpus en de index",
      refresh: "Corpus opnieuw inlezen (alleen moderators)",
      feedback: "👍/👎 per versie en de laatste 👎 (alleen moderators)",
    },
  },
  en: {
    help: (username: string) =>
      [
        "Hi! I'm Nieuwsbot. I answer questions about the Dutch news article I know, and always quote the Dutch passage my answer rests on. When the article doesn't answer a question, I say so instead of guessing.",
        "",
        "How to ask:",
        "• In a private chat: just send your question.",
        `• In a group: /ask followed by your question, mention me (@${username}) in your message, or reply to one of my messages.`,
        "",
        "Example: Which air defence system is Germany sending?",
        "",
        "Use 👍 / 👎 under an answer to help the moderators. /status shows which version of the article I use.",
      ].join("\n"),
    statusPrivateOnly: "For the full overview (documents, last refresh, feedback), send me /status in a private chat.",
    feedbackThanks: "Thanks for your feedback!",
    feedbackExpired: "This answer is too old to rate.",
    feedbackFailed: "Your feedback could not be saved. Please try again later.",
    fullParagraph: (paragraph: number) => `Show full paragraph ${paragraph}`,
    fullParagraphExpired: "This answer is no longer available. Feel free to ask again.",
    feedbackPrivateOnly: "Send /feedback in a private chat with me: the questions in the report may come from private chats.",
    feedbackPrevious: "‹ Previous",
    feedbackNext: "Next ›",
    commands: {
      ask: "Ask a question about the article",
      help: "What I do and how to ask",
      status: "Corpus and index version",
      refresh: "Re-read the corpus (moderators only)",
      feedback: "👍/👎 per version and the latest 👎 (moderators only)",
    },
  },
} satisfies Record<Language, unknown>;

export type TelegramTexts = (typeof telegramTexts)["nl"];

/** The Telegram-only texts in one language. */
export function telegramTextsFor(language: Language): TelegramTexts {
  return telegramTexts[language];
}
