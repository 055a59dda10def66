import { describe, expect, it } from "vitest";
import { discordLimits, escapeDiscord, renderChunks } from "../../../adapters/discord/discord-markdown.js";
import {
  embedLength,
  parseButtonId,
  quoteRuns,
  renderAnswer,
  renderFullPassage,
  renderText,
  safeLinkUrl,
  type DiscordPayload,
} from "../../../adapters/discord/render-discord.js";
import type { Answer, Citation } from "../../../src/port/types.js";

function citation(overrides: Partial<Citation> = {}): Citation {
  const quote = overrides.quote ?? "Niet alleen de Amerikanen schieten Kiev te hulp. Duitsland belooft Iris-T te leveren. De rest volgt later.";
  return {
    passageId: "doc#abc",
    documentId: "doc",
    quote,
    sentence: overrides.sentence ?? "Duitsland belooft Iris-T te leveren.",
    paragraph: 3,
    title: "Luchtafweer voor Oekraïne",
    published: "2022-10",
    score: 0.9,
    ...overrides,
  };
}

function answer(overrides: Partial<Answer> = {}): Answer {
  const citations = overrides.citations ?? [citation()];
  return {
    text: `Volgens het artikel (alinea 3): ${citations[0]?.sentence ?? ""}`,
    abstained: false,
    language: "nl",
    citations,
    corpusVersion: 1,
    mode: "extractive",
    question: "Welk luchtafweersysteem levert Duitsland?",
    ...overrides,
  };
}

/** Every payload obeys Discord's limits. */
function expectWithinLimits(payloads: DiscordPayload[]): void {
  for (const payload of payloads) {
    expect((payload.content ?? "").length).toBeLessThanOrEqual(discordLimits.content);
    expect(payload.embeds.length).toBeLessThanOrEqual(discordLimits.embedsPerMessage);
    expect(payload.embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(discordLimits.embedTotal);
    for (const embed of payload.embeds) {
      expect(embed.description!.length).toBeLessThanOrEqual(discordLimits.embedDescription);
      expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(discordLimits.embedFooter);
    }
    expect(payload.components.length).toBeLessThanOrEqual(discordLimits.rowsPerMessage);
    for (const row of payload.components) expect(row.components.length).toBeLessThanOrEqual(discordLimits.buttonsPerRow);
    expect(payload.allowedMentions).toEqual({ parse: [], repliedUser: false });
  }
}

/** Embed text with the markdown the renderer added taken out again, whitespace collapsed. */
function plain(payloads: DiscordPayload[]): string {
  return payloads
    .flatMap((payload) => payload.embeds.map((embed) => (embed.description ?? "").replace(/^> /gm, "")))
    .join(" ")
    .replace(/\*\*/g, "")
    .replace(/\\(.)/g, "$1")
    .replace(/\s+/g, " ");
}

describe("renderAnswer", () => {
  it("puts the answer, the quote with the sentence in bold and a source footer in one embed", () => {
    const [payload, ...rest] = renderAnswer(answer(), { token: "tok123" });
    expect(rest).toEqual([]);
    const embed = payload!.embeds[0]!;
    expect(embed.description).toBe(
      "Volgens het artikel (alinea 3): Duitsland belooft Iris-T te leveren.\n\n" +
        "> Niet alleen de Amerikanen schieten Kiev te hulp. **Duitsland belooft Iris-T te leveren.** De rest volgt later.",
    );
    expect(embed.footer?.text).toBe("Luchtafweer voor Oekraïne — alinea 3 — 2022-10");
    const buttons = payload!.components[0]!.components;
    expect(buttons.map((button) => ("custom_id" in button ? button.custom_id : undefined))).toEqual(["fb:up:tok123", "fb:down:tok123"]);
    expect(buttons.map((button) => ("emoji" in button ? button.emoji?.name : undefined))).toEqual(["👍", "👎"]);
    expect(payload!.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("quotes every line of a multi-line passage and keeps bold inside each line", () => {
    const quote = "Eerste regel.\nTweede regel met de zin\ndie doorloopt.";
    const [payload] = renderAnswer(answer({ citations: [citation({ quote, sentence: "Tweede regel met de zin\ndie doorloopt." })] }), { token: "t" });
    expect(payload!.embeds[0]!.description).toContain("> Eerste regel.\n> **Tweede regel met de zin**\n> **die doorloopt.**");
  });

  it("uses English around the Dutch quote for an English answer", () => {
    const [payload] = renderAnswer(answer({ language: "en", text: "According to the article (paragraph 3, quoted in Dutch): x" }), { token: "t" });
    expect(payload!.embeds[0]!.footer?.text).toBe("Luchtafweer voor Oekraïne — paragraph 3 — 2022-10");
  });

  it("renders an abstention without a quote or footer, but with feedback buttons", () => {
    const [payload] = renderAnswer(answer({ abstained: true, citations: [], text: "Daar geeft het artikel geen antwoord op." }), { token: "t" });
    expect(payload!.embeds).toHaveLength(1);
    expect(payload!.embeds[0]!.description).toBe("Daar geeft het artikel geen antwoord op.");
    expect(payload!.embeds[0]!.footer).toBeUndefined();
    expect(payload!.components[0]!.components).toHaveLength(2);
  });

  it("escapes markdown injected through corpus text and leaves mentions to allowedMentions", () => {
    const quote = "Zie **dit** en ||geheim|| en [klik](https://evil.example) en `x` en ~~weg~~ en __onder__, @everyone <@&123> <@456>.";
    const payloads = renderAnswer(answer({ citations: [citation({ quote, sentence: quote })] }), { token: "t" });
    const description = payloads[0]!.embeds[0]!.description!;
    for (const escaped of ["\\*\\*dit\\*\\*", "\\|\\|geheim\\|\\|", "\\[klik]", "\\`x\\`", "\\~\\~weg\\~\\~", "\\_\\_onder\\_\\_"])
      expect(description).toContain(escaped);
    expect(description).toContain("@everyone <@&123> <@456>");
    expect(payloads[0]!.allowedMentions).toEqual({ parse: [], repliedUser: false });
  });

  it("escapes line-start markdown (headings, lists, quotes, subtext)", () => {
    expect(escapeDiscord("# Kop\n- punt\n1. een\n> citaat\n-# klein")).toBe("\\# Kop\n\\- punt\n1\\. een\n\\> citaat\n\\-# klein");
  });

  it("shows an excerpt of a long passage, marked, with a button for the whole paragraph", () => {
    const before = "Inleiding zonder belang. ".repeat(40);
    const after = " Nog meer achtergrond volgt hier. ".repeat(40);
    const sentence = "Duitsland belooft Iris-T te leveren.";
    const long = citation({ quote: `${before}${sentence}${after}`, sentence });
    const payloads = renderAnswer(answer({ citations: [long] }), { token: "tok" });
    expect(payloads).toHaveLength(1);
    const description = payloads[0]!.embeds[0]!.description!;
    expect(description).toContain(`**${sentence}**`);
    expect(description).toMatch(/^> … Inleiding/m);
    expect(description).toMatch(/ …\n\n_Fragment uit een lange alinea/);
    const full = payloads[0]!.components[0]!.components[2]!;
    expect(full).toMatchObject({ label: "Toon volledige alinea", custom_id: "full:tok:0" });
    expectWithinLimits(payloads);
  });

  it("does not offer the full paragraph when the whole paragraph is shown", () => {
    const payloads = renderAnswer(answer(), { token: "tok" });
    expect(payloads[0]!.components[0]!.components).toHaveLength(2);
  });

  it("splits an over-long answer over embeds and messages within every limit, losing nothing", () => {
    const words = Array.from({ length: 1500 }, (_, index) => `woord${index}`);
    const sentence = `${words.join(" ")}.`;
    const huge = citation({ quote: sentence, sentence });
    const payloads = renderAnswer(answer({ citations: [huge, citation({ paragraph: 4 })] }), { token: "tok", maxQuoteLength: 100_000 });
    expect(payloads.length).toBeGreaterThan(1);
    expectWithinLimits(payloads);
    const text = plain(payloads);
    for (const word of words) expect(text).toContain(` ${word} `.trim());
    // The supporting sentence appears twice (answer text and quote), the second citation once.
    expect(text.split("woord1499.").length - 1).toBe(2);
    expect(text).toContain("Duitsland belooft Iris-T te leveren.");
    // Buttons only under the last message; footers on the last embed of each citation.
    expect(payloads.slice(0, -1).every((payload) => payload.components.length === 0)).toBe(true);
    expect(payloads[payloads.length - 1]!.components.length).toBe(1);
    const footers = payloads.flatMap((payload) => payload.embeds).filter((embed) => embed.footer);
    expect(footers.map((embed) => embed.footer!.text)).toEqual([
      "Luchtafweer voor Oekraïne — alinea 3 — 2022-10",
      "Luchtafweer voor Oekraïne — alinea 3 — 2022-10".replace("3", "4"),
    ]);
  });

  it("splits a single word longer than an embed without dropping characters", () => {
    const word = "x".repeat(9000);
    const payloads = renderAnswer(answer({ text: word, citations: [], abstained: true }), { token: "t" });
    expectWithinLimits(payloads);
    expect(plain(payloads).replace(/ /g, "")).toBe(word);
  });

  it("adds a link button only for a usable http(s) source", () => {
    const linked = renderAnswer(answer({ citations: [citation({ source: "https://example.org/artikel" })] }), { token: "t" });
    expect(linked[0]!.components[1]!.components[0]).toMatchObject({ style: 5, url: "https://example.org/artikel", label: "Bron" });
    const unsafe = renderAnswer(answer({ citations: [citation({ source: "javascript:alert(1)" })] }), { token: "t" });
    expect(unsafe[0]!.components).toHaveLength(1);
    expect(safeLinkUrl("not a url")).toBeUndefined();
    expect(safeLinkUrl(`https://example.org/${"a".repeat(600)}`)).toBeUndefined();
  });
});

describe("renderFullPassage, renderText and button ids", () => {
  it("shows the whole paragraph, split when needed, with the sentence still bold", () => {
    const quote = `${"Lange inleiding. ".repeat(400)}De zin zelf.${" Slot.".repeat(300)}`;
    const payloads = renderFullPassage(citation({ quote, sentence: "De zin zelf." }), "nl");
    expect(payloads.length).toBeGreaterThanOrEqual(1);
    expectWithinLimits(payloads);
    expect(plain(payloads)).toBe(quote.replace(/\s+/g, " "));
    expect(payloads.flatMap((payload) => payload.embeds).some((embed) => embed.description!.includes("**De zin zelf.**"))).toBe(true);
  });

  it("splits long bot text at 2000 characters and never pings", () => {
    const payloads = renderText("regel\n".repeat(900));
    expect(payloads.length).toBeGreaterThan(1);
    expectWithinLimits(payloads);
  });

  it("parses its own button ids and nothing else", () => {
    expect(parseButtonId("fb:up:abc_DEF-1")).toEqual({ kind: "feedback", rating: "up", token: "abc_DEF-1" });
    expect(parseButtonId("fb:down:abc")).toEqual({ kind: "feedback", rating: "down", token: "abc" });
    expect(parseButtonId("full:abc:1")).toEqual({ kind: "full", token: "abc", citation: 1 });
    expect(parseButtonId("fb:sideways:abc")).toBeUndefined();
    expect(parseButtonId("other")).toBeUndefined();
  });
});

describe("renderChunks and quoteRuns", () => {
  it("closes and reopens bold across chunk boundaries", () => {
    const chunks = renderChunks([{ text: "aaa bbb ccc ddd eee fff", bold: true }], 12, { quote: true });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(12);
      expect(chunk).toMatch(/^> \*\*.+\*\*$/);
    }
  });

  it("does not mark a short quote as partial", () => {
    expect(quoteRuns(citation(), 1200).partial).toBe(false);
  });

  it("marks an excerpt whose sentence alone exceeds the budget, and keeps that sentence whole", () => {
    const sentence = "lang ".repeat(500).trim() + ".";
    const { runs, partial } = quoteRuns(citation({ quote: `Begin. ${sentence}`, sentence }), 200);
    expect(partial).toBe(true);
    // The left-out context is marked; the supporting sentence is the evidence and is never cut.
    expect(runs.map((run) => run.text).join("")).toMatch(/^… lang .* lang\.$/);
    expect(runs.find((run) => run.bold)?.text).toBe(sentence);
  });
});
