import { isProbablyReaderable, Readability } from "@mozilla/readability";
import { JSDOM, VirtualConsole } from "jsdom";
import { SourceError } from "../port/errors.js";

export interface ExtractedArticle {
  title: string;
  published?: string;
  language: string;
  paragraphs: string[];
}

/** Paragraphs shorter than this are navigation crumbs, captions or bylines, not article text. */
const minParagraphLength = 40;

/**
 * Turns a news page into clean article text with Mozilla Readability (the engine behind Firefox's
 * Reader View): navigation, ads and footers are dropped; title, date and paragraphs are kept.
 * A page that is not an article (an index page, a login wall) is a `SourceError`, never an empty
 * document.
 */
export function htmlToArticle(html: string, url: string | undefined, source: string): ExtractedArticle {
  // Pages carry scripts and broken CSS; jsdom must neither run them nor print about them.
  const dom = new JSDOM(html, { url: url ?? "https://upload.invalid/", virtualConsole: new VirtualConsole() });
  const document = dom.window.document;
  const language = (document.documentElement.getAttribute("lang") ?? "nl").slice(0, 2).toLowerCase() || "nl";
  const published = findPublished(document);
  const readerable = isProbablyReaderable(document);
  const article = new Readability(document).parse();
  dom.window.close();
  if (!article?.content) throw new SourceError("SOURCE_NOT_ARTICLE", `${source} does not look like an article.`, source);
  const content = new JSDOM(article.content, { virtualConsole: new VirtualConsole() }).window.document;
  const paragraphs = [...content.querySelectorAll("p, blockquote, li")]
    .filter((element) => !element.querySelector("p"))
    .map((element) => (element.textContent ?? "").replace(/\s+/g, " ").trim())
    .filter((text) => text.length >= minParagraphLength);
  if (paragraphs.length === 0 || (!readerable && paragraphs.join(" ").length < 500)) {
    throw new SourceError("SOURCE_NOT_ARTICLE", `${source} does not look like an article (no paragraphs of text found).`, source);
  }
  return {
    title: (article.title ?? "").trim() || source,
    published: article.publishedTime ? article.publishedTime.slice(0, 10) : published,
    language,
    paragraphs,
  };
}

function findPublished(document: Document): string | undefined {
  const meta =
    document.querySelector('meta[property="article:published_time"]')?.getAttribute("content") ??
    document.querySelector('meta[name="date"]')?.getAttribute("content") ??
    document.querySelector("time[datetime]")?.getAttribute("datetime");
  const match = meta ? /\d{4}-\d{2}(-\d{2})?/.exec(meta) : null;
  return match?.[0];
}

/** The corpus file for an extracted article: YAML front matter plus one paragraph per block. */
export function articleToMarkdown(article: ExtractedArticle, sourceUrl?: string): string {
  const quote = (value: string) => JSON.stringify(value);
  const front = [
    "---",
    `title: ${quote(article.title)}`,
    article.published ? `published: ${quote(article.published)}` : undefined,
    sourceUrl ? `source: ${quote(sourceUrl)}` : undefined,
    `language: ${article.language}`,
    "---",
  ].filter((line) => line !== undefined);
  return `${front.join("\n")}\n${article.paragraphs.join("\n\n")}\n`;
}
