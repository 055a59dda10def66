import { describe, expect, test } from "vitest";
import { quoteExcerpt } from "../../../adapters/shared/excerpt.js";
import { renderFullPassage, renderPlainText, renderTelegramAnswer } from "../../../adapters/telegram/render-telegram.js";
import { emitHtml, escapeAttribute, escapeHtml, splitHtml, tag } from "../../../adapters/telegram/telegram-html.js";
import type { Answer, Citation } from "../../../src/port/types.js";
import { parseTelegramHtml } from "../../fakes/telegram-bot-api.js";

function citation(overrides: Partial<Citation> = {}): Citation {
  return {
    passageId: "doc#abc",
    documentId: "doc",
    quote: "Niet alleen de Amerikanen schieten Kiev te hulp. Duitsland belooft Iris-T te leveren. Dat kan sneller.",
    sentence: "Duitsland belooft Iris-T te leveren.",
    paragraph: 3,
    title: "Luchtafweer voor Oekraïne",
    published: "2022-10",
    score: 0.8,
    ...overrides,
  };
}

function answer(overrides: Partial<Answer> = {}): Answer {
  const cited = overrides.citations ?? [citation()];
  return {
    text: `Volgens het artikel (alinea 3): ${cited[0]?.sentence ?? ""}`,
    abstained: false,
    language: "nl",
    citations: cited,
    corpusVersion: 1,
    mode: "extractive",
    question: "Welk systeem levert Duitsland?",
    ...overrides,
  };
}

/** Every message must pass the strict Telegram HTML check and fit the limit; returns the visible texts. */
function visible(messages: string[], limit = 4096): string[] {
  return messages.map((html) => {
    expect(html.length).toBeLessThanOrEqual(limit);
    const parsed = parseTelegramHtml(html);
    if (!parsed.ok) throw new Error(`${parsed.error} in ${html.slice(0, 200)}`);
    expect(parsed.text.trim()).not.toBe("");
    return parsed.text;
  });
}

describe("escaping", () => {
  test('escapes &, < and > in text and also " in attributes', () => {
    expect(escapeHtml(`<b>x</b> & "y"`)).toBe(`&lt;b&gt;x&lt;/b&gt; &amp; "y"`);
    expect(escapeAttribute(`https://x.nl/?a=1&b="2"<`)).toBe("https://x.nl/?a=1&amp;b=&quot;2&quot;&lt;");
  });

  test("emitHtml opens shared tags once and closes them in order", () => {
    const quote = tag.blockquote();
    const html = emitHtml([
      { text: "a", tags: [] },
      { text: "b<", tags: [quote] },
      { text: "c", tags: [quote, tag.bold()] },
      { text: "d", tags: [quote] },
    ]);
    expect(html).toBe("a<blockquote>b&lt;<b>c</b>d</blockquote>");
  });
});

describe("renderTelegramAnswer", () => {
  test("answer, then the Dutch passage in a blockquote with the sentence in bold, then the source line", () => {
    const { messages, shortened } = renderTelegramAnswer(answer());
    expect(shortened).toEqual([]);
    expect(messages).toEqual([
      "Volgens het artikel (alinea 3): Duitsland belooft Iris-T te leveren.\n\n" +
        "<blockquote>Niet alleen de Amerikanen schieten Kiev te hulp. <b>Duitsland belooft Iris-T te leveren.</b> Dat kan sneller.</blockquote>\n" +
        "<i>Bron: Luchtafweer voor Oekraïne — alinea 3 — 2022-10</i>",
    ]);
    visible(messages);
  });

  test("links the title to an http(s) source, escaping the URL", () => {
    const { messages } = renderTelegramAnswer(answer({ citations: [citation({ source: 'https://nieuws.example/a?x=1&y="2"' })] }));
    expect(messages[0]).toContain('<i>Bron: <a href="https://nieuws.example/a?x=1&amp;y=&quot;2&quot;">Luchtafweer voor Oekraïne</a> — alinea 3 — 2022-10</i>');
    visible(messages);
  });

  test("never links a non-web source", () => {
    const { messages } = renderTelegramAnswer(answer({ citations: [citation({ source: "javascript:alert(1)" })] }));
    expect(messages[0]).not.toContain("<a ");
  });

  test("escapes markup in corpus text, titles and the answer", () => {
    const evil = citation({
      quote: 'Intro <script>alert("x")</script> & meer. De <b>zin</b> & "quote". Slot > einde.',
      sentence: 'De <b>zin</b> & "quote".',
      title: "Titel <i>schuin</i> & co",
    });
    const { messages } = renderTelegramAnswer(answer({ citations: [evil], text: "Antwoord: <b>x</b> & <script>" }));
    expect(messages[0]).toContain("Antwoord: &lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;");
    expect(messages[0]).toContain('<b>De &lt;b&gt;zin&lt;/b&gt; &amp; "quote".</b>');
    expect(messages[0]).toContain("Titel &lt;i&gt;schuin&lt;/i&gt; &amp; co");
    const [text] = visible(messages);
    expect(text).toContain('Intro <script>alert("x")</script> & meer.');
  });

  test("cites every passage in its own blockquote", () => {
    const second = citation({ passageId: "doc#def", paragraph: 2, quote: "Tweede alinea. Met een zin.", sentence: "Met een zin." });
    const { messages } = renderTelegramAnswer(answer({ citations: [citation(), second] }));
    expect(messages[0]!.match(/<blockquote>/g)).toHaveLength(2);
    expect(messages[0]).toContain("alinea 2");
    visible(messages);
  });

  test("an abstention is just the friendly text, escaped", () => {
    const { messages, shortened } = renderTelegramAnswer(
      answer({ abstained: true, citations: [], text: "Daar geeft het artikel geen antwoord op over “A & B”." }),
    );
    expect(messages).toEqual(["Daar geeft het artikel geen antwoord op over “A &amp; B”."]);
    expect(shortened).toEqual([]);
  });

  test("a long passage is shown as an excerpt around the sentence and reported as shortened", () => {
    const filler = (word: string) => Array.from({ length: 150 }, (_, index) => `${word}${index}.`).join(" ");
    const sentence = "Duitsland belooft Iris-T te leveren.";
    const long = citation({ quote: `${filler("voor")} ${sentence} ${filler("na")}`, sentence });
    const { messages, shortened } = renderTelegramAnswer(answer({ citations: [long] }), { maxQuoteLength: 400 });
    expect(shortened).toEqual([0]);
    const [text] = visible(messages);
    expect(messages[0]).toContain(`<b>${sentence}</b>`);
    expect(text).toMatch(/<?…voor\d+\./);
    expect(text).toMatch(/na\d+\.…/);
    const quoteLength = text!.split("\n\n")[1]!.split("\nBron:")[0]!.length;
    expect(quoteLength).toBeLessThanOrEqual(402);
  });

  test("the excerpt never cuts the supporting sentence, even when it alone is longer than the limit", () => {
    const sentence = "Een zin ".repeat(100).trim() + ".";
    const excerpt = quoteExcerpt(citation({ quote: `Begin. ${sentence} Einde.`, sentence }), 300);
    // Only ellipses mark the context that was left out.
    expect(excerpt).toEqual({ before: "…", sentence, after: "…", shortened: true });
  });

  test("a paragraph that is one long sentence is not reported as shortened", () => {
    const sentence = "Een zin ".repeat(100).trim() + ".";
    expect(quoteExcerpt(citation({ quote: sentence, sentence }), 300)).toEqual({ before: "", sentence, after: "", shortened: false });
  });

  test("a reply longer than 4096 characters is split into valid messages without breaking tags", () => {
    const sentence = Array.from({ length: 900 }, (_, index) => `woord${index} <&>`).join(" ");
    const quote = `Voor de zin & <meer>. ${sentence} Na de zin.`;
    const huge = citation({ quote, sentence, source: "https://nieuws.example/artikel?a=1&b=2" });
    const rendered = answer({ citations: [huge], text: `Volgens het artikel (alinea 3): ${sentence}` });
    const { messages } = renderTelegramAnswer(rendered, { maxQuoteLength: 100_000 });
    expect(messages.length).toBeGreaterThanOrEqual(5);
    const texts = visible(messages);
    // The quote spans several messages: each one re-opens the blockquote (and the bold) it continues.
    const quoted = messages.filter((html) => html.includes("<blockquote>"));
    expect(quoted.length).toBeGreaterThanOrEqual(2);
    for (const html of quoted.slice(1, -1)) expect(html).toMatch(/^<blockquote><b>[^]*<\/b><\/blockquote>$/);
    // Nothing is lost or duplicated: the visible text is the whole reply, modulo whitespace at the cuts.
    const joined = texts.join(" ").replace(/\s+/g, " ");
    expect(joined).toContain(sentence.replace(/\s+/g, " "));
    expect(joined).toContain("Voor de zin & <meer>.");
    expect(joined.endsWith("Bron: Luchtafweer voor Oekraïne — alinea 3 — 2022-10")).toBe(true);
    expect(joined.split("woord899 <&>")).toHaveLength(3); // once in the answer, once in the quote
  });

  test("splitting respects a smaller limit and cuts at word boundaries", () => {
    const text = "alfa bèta & gamma <delta> ".repeat(40);
    const messages = renderPlainText(text, { maxMessageLength: 100 });
    const texts = visible(messages, 100);
    for (const part of texts) expect(part).toMatch(/^\S.*\S$/);
    expect(texts.join(" ")).toBe(text.trim());
  });

  test("an emoji is never split in half", () => {
    const messages = splitHtml([{ text: "😀".repeat(100), tags: [tag.bold()] }], 27);
    const texts = visible(messages, 27);
    expect(texts.join("")).toBe("😀".repeat(100));
    for (const part of texts) expect(part).not.toMatch(/[\ud800-\udbff]$/);
  });

  test("renderFullPassage shows the whole paragraph, split when needed", () => {
    const sentence = "Duitsland belooft Iris-T te leveren.";
    const quote = `${"Voorwoord met veel tekst. ".repeat(300)}${sentence} ${"Nawoord. ".repeat(10)}`.trim();
    const messages = renderFullPassage(citation({ quote, sentence }), "en");
    expect(messages.length).toBeGreaterThan(1);
    const texts = visible(messages);
    expect(texts.join(" ").replace(/\s+/g, " ")).toContain(quote.replace(/\s+/g, " "));
    expect(texts.at(-1)).toContain("Source: Luchtafweer voor Oekraïne — paragraph 3 — 2022-10");
  });
});
