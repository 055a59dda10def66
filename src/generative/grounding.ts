import { eng, nld } from "stopword";
import { foldText, normalizeForComparison } from "../text/fold.js";
import { foldWord } from "../text/fold.js";
import { isNumberWord, numbersIn } from "../text/numbers.js";
import { calendarNames } from "../text/calendar-words.js";
import { isStopword, stem, words } from "../text/tokenize.js";

/** What kind of checkable detail a generated answer states. */
export type ClaimKind = "number" | "date" | "name" | "quote";

/** A detail of the answer that the evidence does not support. */
export interface UnsupportedClaim {
  kind: ClaimKind;
  /** As written in the answer: `vijf`, `augustus`, `Macron`, `eind september`. */
  text: string;
}

/** What an answer may draw on: the cited Dutch sentences, verbatim, and the asker's question. */
export interface GroundingEvidence {
  sentences: readonly string[];
  question: string;
}

/**
 * Says whether a name in the answer (first argument) and a name in the evidence (second) denote the
 * same thing across languages or spellings: `Kyiv`/`Kiev`, `Germany`/`Duitsland`,
 * `White House`/`Witte Huis`. Called with single capitalised words and with whole multiword names.
 */
export type SameName = (answerName: string, evidenceName: string) => boolean;

export interface GroundingOptions {
  /** Cross-language name knowledge (a lexicon); without it only spelling decides. */
  sameName?: SameName;
}

/** The verdict: grounded when nothing is unsupported. */
export interface Grounding {
  grounded: boolean;
  unsupported: UnsupportedClaim[];
}

/**
 * Checks a generated answer against the sentences it cites. Every number, date, name and quoted
 * phrase in the answer must be found in a cited sentence, after normalisation; a name may also
 * come from the question (the asker's own word for a country, `Germany`). Numbers and dates may
 * not: `Klopt het dat Washington vijf batterijen leverde?` answered `Ja, vijf batterijen` is the
 * invented number this check exists to stop, only borrowed from a false premise.
 *
 * - **numbers** by value, in digits or words, Dutch or English (`twee` = `2` = `two`; see
 *   `numbersIn`). `first`/`eerste` are not claims: they mostly mean "for the first time" or "top".
 *   Four-digit years are reported as dates but compared as numbers.
 * - **dates**: month and weekday names in Dutch and English (taken from `Intl.DateTimeFormat`) are
 *   compared by meaning, so `June` = `juni` and `Monday evening` meets `maandagavond` (a weekday
 *   name also counts at the start of a compound). `end of September`/`eind september` must find
 *   the same part of the month; plain `September` is happy with any. Relative days, weeks, months
 *   and years (`gisteren`, `last week`, `dit jaar`, from `Intl.RelativeTimeFormat`) likewise.
 * - **names**: capitalised words and acronyms, grouped into multiword names (`Liz Truss`). Stop
 *   words, common sentence openers and titles are dropped wherever they stand, so a sentence may
 *   start with `Volgens` or `According` and `President Biden` is checked as `Biden`; every other
 *   capitalised word counts, sentence-initial or not (`Macron beloofde…` is a claim). A name is
 *   supported when `sameName` matches it whole to an evidence name, or when each of its words
 *   equals an evidence word after folding, shares its Dutch stem (`Oekraïense` ~ `Oekraïens`),
 *   is a near spelling (`Zelensky` ~ `Zelenski`: same first letter, six letters or more, one edit
 *   apart, two from eight letters), or matches by `sameName`.
 * - **quotes** (between “ ”, „ ”, « », " " or ‘ ’) must occur in a cited sentence — not the
 *   question: a quote claims to be the article's words — after folding and unifying whitespace and
 *   quote marks; `…` may skip text. A quote that does not occur is still accepted when each of its
 *   content words is found in the cited sentences (a re-inflected or re-ordered Dutch quote). A
 *   quote translated into English fails both tests and is unsupported: quotation marks promise
 *   the speaker's words, and a translation cannot be verified as such.
 *
 * Known gaps, on the cautious side: without `sameName`, an English answer naming a country or
 * nationality the evidence names in Dutch (`Germany`, `Ukrainian`) is unsupported unless the
 * question uses the same word; an English sentence starting with a content word the evidence lacks
 * (`Air defence is…`) reads as a name. Both cost a fallback, never a wrong answer. Pure; under a
 * millisecond for a 1200-character answer.
 */
export function checkGrounding(answer: string, evidence: GroundingEvidence, options: GroundingOptions = {}): Grounding {
  const cited = indexEvidence(evidence.sentences);
  const all = indexEvidence([...evidence.sentences, evidence.question]);
  const sameName = options.sameName;
  const tokens = tokensOf(answer);
  const unsupported: UnsupportedClaim[] = [];
  const seen = new Set<string>();
  const report = (kind: ClaimKind, text: string) => {
    const key = `${kind}:${foldText(text)}`;
    if (seen.has(key)) return;
    seen.add(key);
    unsupported.push({ kind, text });
  };

  for (const mention of numbersIn(answer)) {
    if (mention.kind === "ordinal" && mention.value === 1) continue;
    if (!cited.numbers.has(numberKey(mention.value))) report(/^(1[0-9]|20)[0-9]{2}$/.test(mention.surface) ? "date" : "number", mention.surface);
  }

  const dates = datesIn(tokens, answer, true);
  for (const date of dates) {
    if (!cited.dates.has(date.key)) report("date", date.text);
  }

  const taken = new Set(dates.flatMap((date) => date.tokens));
  // Answers repeat their names (`Zelenski … Zelenski`); each is looked up once.
  const known = new Map<string, boolean>();
  const supported = (word: string) => known.get(word) ?? known.set(word, supportsWord(all, word, sameName)).get(word)!;
  for (const name of namesIn(tokens, answer, taken)) {
    const whole = sameName !== undefined && all.names.some((other) => sameName(name.text, other));
    if (!whole && !name.words.every(supported)) report("name", name.text);
  }

  for (const quote of quotesIn(answer)) {
    if (!supportsQuote(cited, quote, sameName)) report("quote", quote);
  }
  return { grounded: unsupported.length === 0, unsupported };
}

// ---- evidence ----

interface EvidenceIndex {
  /** Folded words. */
  words: Set<string>;
  /** Dutch stems of the folded words, four letters or longer (shorter stems merge unrelated words). */
  stems: Set<string>;
  /** Folded words of six letters or more, for near spellings. */
  longWords: string[];
  /** Capitalised words and multiword names as written, for `sameName`. */
  names: string[];
  numbers: Set<number>;
  /** Keys of `datesIn`, plus the bare month of every month with a part (`eind september` also gives `september`). */
  dates: Set<string>;
  /** Folded, whitespace- and quote-normalised texts, for quotes. */
  normalized: string[];
}

function indexEvidence(texts: readonly string[]): EvidenceIndex {
  const index: EvidenceIndex = { words: new Set(), stems: new Set(), longWords: [], names: [], numbers: new Set(), dates: new Set(), normalized: [] };
  for (const text of texts) {
    for (const word of words(text)) {
      if (index.words.has(word)) continue;
      index.words.add(word);
      const wordStem = stem(word);
      if (wordStem.length >= 4) index.stems.add(wordStem);
      if (word.length >= minNearLength) index.longWords.push(word);
    }
    for (const mention of numbersIn(text)) index.numbers.add(numberKey(mention.value));
    const tokens = tokensOf(text);
    for (const date of datesIn(tokens, text, false)) {
      index.dates.add(date.key);
      if (date.bare) index.dates.add(date.bare);
    }
    for (const group of capitalisedGroups(tokens, text)) {
      // `Het Witte Huis` is offered as `Witte Huis`, the way the answer's names are cut.
      const name = trimCommonWords(group);
      if (name.length > 0) index.names.push(text.slice(name[0]!.start, name.at(-1)!.end));
      if (name.length > 1) index.names.push(...name.filter((token) => token.raw.length > 1).map((token) => token.raw));
    }
    index.normalized.push(normalizeQuote(text));
  }
  return index;
}

/** Values as set keys: `1,5 miljard` and `1.5 billion` meet despite floating-point noise. */
function numberKey(value: number): number {
  return Number(value.toPrecision(12));
}

// ---- tokens ----

interface Token {
  raw: string;
  folded: string;
  start: number;
  end: number;
}

const tokenPattern = /\p{L}[\p{L}\p{M}]*|[0-9]+(?:[.,][0-9]+)*/gu;

function tokensOf(text: string): Token[] {
  return [...text.matchAll(tokenPattern)].map((match) => ({
    raw: match[0],
    folded: foldWord(match[0]),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Parts of one expression: separated by spaces or one hyphen, not by punctuation or a line break. */
function adjacent(text: string, left: Token, right: Token): boolean {
  return /^(?:[^\S\n]+|-)$/.test(text.slice(left.end, right.start));
}

// ---- dates ----

const calendarLocales = ["nl", "en"] as const;

interface CalendarWord {
  key: string;
  /** Only English has it (`may`, `march`): in lower case it is an ordinary word. */
  englishOnly: boolean;
}

/** Month names (folded) → `month:<n>`, from CLDR via Intl rather than a hand-kept list. */
const monthNames = calendarKeys("month");
/** Weekday names (folded) → `weekday:<n>`, Monday first. */
const weekdayNames = calendarKeys("weekday");

function calendarKeys(kind: "month" | "weekday"): Map<string, CalendarWord> {
  const names = new Map<string, CalendarWord>();
  const entries = calendarNames().filter((name) => name.kind === kind);
  const dutch = new Set(entries.map((name) => foldText(name.nl)));
  for (const locale of calendarLocales) {
    for (const name of entries) {
      const folded = foldText(name[locale]);
      names.set(folded, { key: `${kind}:${name.number}`, englishOnly: !dutch.has(folded) });
    }
  }
  return names;
}

const weekdayList = [...weekdayNames];

/** `gisteren`/`yesterday`, `vorige week`/`last week`, `dit jaar`/`this year`, as folded word lists. */
const relativePhrases: { words: string[]; key: string }[] = (() => {
  const phrases: { words: string[]; key: string }[] = [];
  const spans: [Intl.RelativeTimeFormatUnit, number[]][] = [
    ["day", [-2, -1, 0, 1, 2]],
    ["week", [-1, 0, 1]],
    ["month", [-1, 0, 1]],
    ["year", [-1, 0, 1]],
  ];
  for (const locale of calendarLocales) {
    const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    for (const [unit, offsets] of spans) {
      for (const offset of offsets) {
        const text = format.format(offset, unit);
        // `2 days ago` has no word of its own; its number is checked as a number.
        if (!/[0-9]/.test(text)) phrases.push({ words: words(text), key: `relative:${unit}:${offset}` });
      }
    }
  }
  return phrases;
})();
const relativeStarts = new Set(relativePhrases.map((phrase) => phrase.words[0]));

type MonthPart = "start" | "mid" | "end";
/** A word right before a month: `eind september`, `late September`, `medio juni`. */
const partBefore = new Map<string, MonthPart>(
  Object.entries({ begin: "start", early: "start", half: "mid", medio: "mid", midden: "mid", mid: "mid", eind: "end", einde: "end", late: "end" } as const),
);
/** A word before `of`/`van` before a month: `end of September`, `het einde van september`. */
const partOf = new Map<string, MonthPart>(
  Object.entries({ end: "end", einde: "end", beginning: "start", begin: "start", start: "start", middle: "mid", midden: "mid" } as const),
);

interface DateMention {
  key: string;
  /** For a month with a part: the month alone, which the same evidence also supports. */
  bare?: string;
  text: string;
  /** Positions of the tokens it covers (they are no names). */
  tokens: number[];
}

/**
 * Months (with an optional part), weekdays (also leading a compound: `maandagavond`) and relative
 * dates in `tokens`. `strict` (for answers): an English-only month name in lower case is a word.
 */
function datesIn(tokens: readonly Token[], text: string, strict: boolean): DateMention[] {
  const dates: DateMention[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at]!;
    const month = monthNames.get(token.folded);
    if (month && !(strict && month.englishOnly && !/^\p{Lu}/u.test(token.raw))) {
      const part = monthPart(tokens, text, at);
      const first = part ? at - part.span : at;
      dates.push({
        key: part ? `${month.key}:${part.part}` : month.key,
        bare: part ? month.key : undefined,
        text: text.slice(tokens[first]!.start, token.end),
        tokens: range(first, at),
      });
      continue;
    }
    const weekday = weekdayList.find(([name]) => token.folded.startsWith(name));
    if (weekday) {
      dates.push({ key: weekday[1].key, text: token.raw, tokens: [at] });
      continue;
    }
    if (!relativeStarts.has(token.folded)) continue;
    const relative = relativePhrases.find((phrase) =>
      phrase.words.every(
        (word, offset) => tokens[at + offset]?.folded === word && (offset === 0 || adjacent(text, tokens[at + offset - 1]!, tokens[at + offset]!)),
      ),
    );
    if (relative) {
      const last = at + relative.words.length - 1;
      dates.push({ key: relative.key, text: text.slice(token.start, tokens[last]!.end), tokens: range(at, last) });
      at = last;
    }
  }
  return dates;
}

function monthPart(tokens: readonly Token[], text: string, at: number): { part: MonthPart; span: number } | undefined {
  const before = tokens[at - 1];
  if (!before || !adjacent(text, before, tokens[at]!)) return undefined;
  const direct = partBefore.get(before.folded);
  if (direct) return { part: direct, span: 1 };
  const head = tokens[at - 2];
  if ((before.folded === "of" || before.folded === "van") && head && adjacent(text, head, before)) {
    const part = partOf.get(head.folded);
    if (part) return { part, span: 2 };
  }
  return undefined;
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
}

// ---- names ----

/**
 * Capitalised words that are not names wherever they stand: sentence openers and titles the
 * stop-word lists lack. `President Biden` is checked as `Biden`, `Volgens Zelenski` as `Zelenski`.
 */
const notNames = new Set([
  // English openers and connectives
  "according",
  "additionally",
  "afterwards",
  "again",
  "already",
  "although",
  "apparently",
  "besides",
  "currently",
  "despite",
  "during",
  "earlier",
  "early",
  "either",
  "end",
  "eventually",
  "every",
  "finally",
  "firstly",
  "following",
  "furthermore",
  "however",
  "including",
  "indeed",
  "initially",
  "instead",
  "late",
  "later",
  "meanwhile",
  "moreover",
  "neither",
  "nevertheless",
  "next",
  "no",
  "none",
  "nor",
  "not",
  "originally",
  "otherwise",
  "overall",
  "previously",
  "recently",
  "reportedly",
  "secondly",
  "several",
  "she",
  "since",
  "so",
  "still",
  "subsequently",
  "therefore",
  "though",
  "thus",
  "together",
  "unfortunately",
  "unlike",
  "until",
  "whereas",
  "within",
  "without",
  "yes",
  "yet",
  "its",
  "according",
  "both",
  "mid",
  "start",
  "beginning",
  // Dutch openers and connectives
  "aanvankelijk",
  "alleen",
  "begin",
  "binnen",
  "blijkbaar",
  "bovendien",
  "daarbij",
  "daarmee",
  "daarna",
  "daarnaast",
  "daarom",
  "daardoor",
  "dus",
  "echter",
  "eerder",
  "eerst",
  "eind",
  "einde",
  "enkele",
  "eveneens",
  "evenmin",
  "half",
  "hierdoor",
  "inmiddels",
  "intussen",
  "ja",
  "kennelijk",
  "later",
  "medio",
  "midden",
  "mogelijk",
  "momenteel",
  "nadat",
  "nee",
  "ondanks",
  "ondertussen",
  "sinds",
  "sindsdien",
  "sommige",
  "tevens",
  "tijdens",
  "uiteindelijk",
  "verder",
  "verluidt",
  "vervolgens",
  "volgens",
  "vooral",
  "voorts",
  "waarschijnlijk",
  "zowel",
  // titles and offices, capitalised in English
  "president",
  "premier",
  "prime",
  "minister",
  "chancellor",
  "kanselier",
  "bondskanselier",
  "secretary",
  "foreign",
  "defence",
  "defense",
  "state",
  "king",
  "queen",
  "koning",
  "koningin",
  "prince",
  "prins",
  "general",
  "generaal",
  "mr",
  "mrs",
  "ms",
  "dr",
  "sir",
  "meneer",
  "mevrouw",
]);
const stopwords = new Set([...eng, ...nld]);

function isCommonWord(folded: string): boolean {
  return stopwords.has(folded) || notNames.has(folded) || isStopword(folded);
}

/** Without the common words at either end of a capitalised group (`Het`, `President`). */
function trimCommonWords(group: readonly Token[]): readonly Token[] {
  const common = (token: Token) => token.raw !== token.raw.toUpperCase() && isCommonWord(token.folded);
  let first = 0;
  let last = group.length - 1;
  while (first <= last && common(group[first]!)) first += 1;
  while (last >= first && common(group[last]!)) last -= 1;
  return group.slice(first, last + 1);
}

interface NameClaim {
  text: string;
  words: string[];
}

/** Runs of capitalised tokens (acronyms included) joined by spaces or hyphens: `Iris-T SLM`, `Liz Truss`. */
function capitalisedGroups(tokens: readonly Token[], text: string): Token[][] {
  const groups: Token[][] = [];
  let group: Token[] = [];
  for (const token of tokens) {
    if (!/^\p{Lu}/u.test(token.raw)) {
      if (group.length > 0) groups.push(group);
      group = [];
      continue;
    }
    if (group.length > 0 && !adjacent(text, group.at(-1)!, token)) {
      groups.push(group);
      group = [];
    }
    group.push(token);
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Names in the answer, without the words that are dates, numbers, single letters or common words. */
function namesIn(tokens: readonly Token[], text: string, taken: ReadonlySet<number>): NameClaim[] {
  const position = new Map(tokens.map((token, at) => [token, at]));
  const names: NameClaim[] = [];
  for (const group of capitalisedGroups(tokens, text)) {
    const kept = group.filter((token) => {
      if (token.raw.length < 2 || taken.has(position.get(token)!) || /^[0-9]/.test(token.raw)) return false;
      const acronym = token.raw === token.raw.toUpperCase();
      return acronym || !(isCommonWord(token.folded) || isNumberWord(token.raw));
    });
    if (kept.length === 0) continue;
    names.push({ text: text.slice(kept[0]!.start, kept.at(-1)!.end), words: kept.map((token) => token.raw) });
  }
  return names;
}

const minNearLength = 6;

function supportsWord(index: EvidenceIndex, raw: string, sameName: SameName | undefined): boolean {
  const folded = foldWord(raw);
  if (index.words.has(folded)) return true;
  const wordStem = stem(folded);
  if (wordStem.length >= 4 && index.stems.has(wordStem)) return true;
  if (folded.length >= minNearLength && index.longWords.some((other) => nearSpelling(folded, other))) return true;
  return sameName !== undefined && index.names.some((name) => sameName(raw, name));
}

/**
 * Transliteration variants: `Zelensky`/`Zelenski`, `Volodymyr`/`Volodimir`. The first letter must
 * agree (`Albrecht` is not `Lambrecht`); one edit is allowed up to seven letters, two from eight.
 */
function nearSpelling(left: string, right: string): boolean {
  if (left[0] !== right[0] || right.length < minNearLength) return false;
  const allowed = Math.min(left.length, right.length) >= 8 ? 2 : 1;
  if (Math.abs(left.length - right.length) > allowed) return false;
  return editDistance(left, right, allowed) <= allowed;
}

/** Optimal-string-alignment distance (a swap of neighbours is one edit), giving up past `limit`. */
function editDistance(left: string, right: string, limit: number): number {
  let previous2: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, at) => at);
  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    let best = row;
    for (let column = 1; column <= right.length; column += 1) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min(previous[column]! + 1, current[column - 1]! + 1, previous[column - 1]! + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1])
        value = Math.min(value, previous2[column - 2]! + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return best;
    previous2 = previous;
    previous = current;
  }
  return previous[right.length]!;
}

// ---- quotes ----

const quotePatterns = [/[“„«"]([^“”„«»"\n]+)[”“»"]/gu, /(?<![\p{L}\p{N}])‘([^‘’\n]+)’(?!\p{L})/gu];

/** Phrases between quote marks, in order of the patterns (double quotes, then single). */
function quotesIn(text: string): string[] {
  return quotePatterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]!.trim())).filter((quote) => quote !== "");
}

/** Folded, quote marks and whitespace unified, without the punctuation a quote may end with. */
function normalizeQuote(text: string): string {
  return foldText(normalizeForComparison(text)).replace(/^[\s.,;:!?'"-]+|[\s.,;:!?'"-]+$/g, "");
}

function supportsQuote(cited: EvidenceIndex, quote: string, sameName: SameName | undefined): boolean {
  // `…` in a quote marks left-out text: each piece must occur.
  const pieces = quote
    .split(/\s*(?:\.\.\.|…|\[…\]|\(…\))\s*/)
    .map(normalizeQuote)
    .filter((piece) => piece !== "");
  if (pieces.every((piece) => cited.normalized.some((sentence) => sentence.includes(piece)))) return true;
  const numbers = numbersIn(quote);
  if (!numbers.every((mention) => cited.numbers.has(numberKey(mention.value)))) return false;
  const content = words(quote).filter((word) => word.length >= 2 && !/^[0-9]/.test(word) && !isStopword(word) && !isNumberWord(word));
  return content.every((word) => supportsWord(cited, word, sameName));
}
