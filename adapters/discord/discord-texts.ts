import type { Language } from "../../src/port/types.js";

/**
 * Discord-only sentences, per language. Texts every platform shares (answer lead, abstention,
 * errors) live in `src/answer/messages.ts` and are reused from there.
 */
export const discordTexts = {
  nl: {
    help: [
      "**Nieuwsbot** beantwoordt vragen over het nieuwsartikel en citeert altijd de Nederlandse passage.",
      "• `/ask vraag:<je vraag>` — stel een vraag, bijvoorbeeld: Welk luchtafweersysteem levert Duitsland?",
      "• Noem mij in een bericht, stuur me een privébericht, of beantwoord een van mijn antwoorden met een vervolgvraag.",
      "• `/status` — versie en omvang van het corpus.",
      "• `/refresh` — lees het corpus opnieuw in; met `url:` of `bestand:` voeg je een artikel toe, `actie: terugzetten` gaat één versie terug (alleen moderators).",
      "• `/feedback` — 👍/👎 per corpusversie en de laatste 👎-antwoorden (alleen moderators).",
      "Met 👍 / 👎 onder een antwoord help je de bot beter te maken.",
    ].join("\n"),
    feedbackThanks: "Bedankt voor je feedback!",
    feedbackExpired: "Dit antwoord is te oud om nog te beoordelen. Stel de vraag gerust opnieuw.",
    passageExpired: "Deze alinea is niet meer beschikbaar. Stel de vraag gerust opnieuw.",
    unknownButton: "Deze knop werkt niet meer.",
    unknownCommand: "Dat commando ken ik niet (meer). Probeer /help.",
    showFullPassage: "Toon volledige alinea",
    excerptNote: "Fragment uit een lange alinea; „Toon volledige alinea” toont de hele tekst.",
    feedbackPrevious: "‹ Vorige",
    feedbackNext: "Volgende ›",
  },
  en: {
    help: [
      "**Nieuwsbot** answers questions about the news article and always quotes the Dutch passage.",
      "• `/ask vraag:<your question>` — ask a question, for example: Which air defence system is Germany sending?",
      "• Mention me in a message, send me a direct message, or reply to one of my answers with a follow-up question.",
      "• `/status` — version and size of the corpus.",
      "• `/refresh` — re-read the corpus; `url:` or `file:` adds an article, `action: rollback` goes back one version (moderators only).",
      "• `/feedback` — 👍/👎 per corpus version and the latest 👎 answers (moderators only).",
      "Use 👍 / 👎 under an answer to help improve the bot.",
    ].join("\n"),
    feedbackThanks: "Thanks for your feedback!",
    feedbackExpired: "This answer is too old to rate. Feel free to ask again.",
    passageExpired: "This paragraph is no longer available. Feel free to ask again.",
    unknownButton: "This button no longer works.",
    unknownCommand: "I don't know that command (any more). Try /help.",
    showFullPassage: "Show full paragraph",
    excerptNote: "Excerpt from a long paragraph (in Dutch); “Show full paragraph” shows all of it.",
    feedbackPrevious: "‹ Previous",
    feedbackNext: "Next ›",
  },
} satisfies Record<Language, unknown>;

export type DiscordTexts = (typeof discordTexts)["nl"];

/** The Discord-only texts in one language. */
export function discordTextsFor(language: Language): DiscordTexts {
  return discordTexts[language];
}
