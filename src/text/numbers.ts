import { foldWord } from "./fold.js";
import { BoundedMap } from "../util/bounded-map.js";

/** A number found in running text. */
export interface NumberMention {
  value: number;
  /** `cardinal` for counts and amounts, `ordinal` for positions (`tweede`, `21st`). */
  kind: "cardinal" | "ordinal";
  /** The text as written, e.g. `twee miljoen`, `twenty-one`, `1.500`. */
  surface: string;
  /** Offset of `surface` in the text. */
  index: number;
}

// Folded spellings (accents stripped, lower case): `tweeëntwintig` is looked up as `tweeentwintig`.
// Maps, not object literals: a lookup of `constructor` must not find `Object.prototype`.
const dutchBelowHundred = new Map<string, number>(
  Object.entries({
    nul: 0,
    een: 1,
    twee: 2,
    drie: 3,
    vier: 4,
    vijf: 5,
    zes: 6,
    zeven: 7,
    acht: 8,
    negen: 9,
    tien: 10,
    elf: 11,
    twaalf: 12,
    dertien: 13,
    veertien: 14,
    vijftien: 15,
    zestien: 16,
    zeventien: 17,
    achttien: 18,
    negentien: 19,
    twintig: 20,
    dertig: 30,
    veertig: 40,
    vijftig: 50,
    zestig: 60,
    zeventig: 70,
    tachtig: 80,
    negentig: 90,
  }),
);
const englishBelowHundred = new Map<string, number>(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);
const dutchScales: [string, number][] = [
  ["miljard", 1e9],
  ["miljoen", 1e6],
  ["duizend", 1e3],
  ["honderd", 100],
];
const englishScales = new Map<string, number>([
  ["hundred", 100],
  ["thousand", 1e3],
  ["million", 1e6],
  ["billion", 1e9],
]);
const scaleValues = new Set([100, 1e3, 1e6, 1e9]);
const dutchUnits = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"];
const dutchIrregularOrdinals = new Map<string, number>([
  ["eerste", 1],
  ["derde", 3],
]);
const englishIrregularOrdinals = new Map<string, number>(Object.entries({ first: 1, second: 2, third: 3, fifth: 5, eighth: 8, ninth: 9, twelfth: 12 }));
/** `anderhalf` is one word for 1.5; English has no single word for it. */
const dutchFractions = new Map<string, number>([["anderhalf", 1.5]]);

/**
 * Words before `one` that make it a pronoun (`the one`, `no one`, `which one`), not the number 1.
 * `one of` is treated the same way: it picks an item rather than counting (`one of the systems`).
 */
const pronounOneBefore = new Set(["the", "this", "that", "which", "every", "any", "each", "no", "some", "such", "another"]);
const pronounOneAfter = new Set(["of", "another", "s"]);

interface WordNumber {
  value: number;
  ordinal: boolean;
}

/** A Dutch cardinal written as one word: `twee`, `eenentwintig`, `tweehonderdvijftig`, `tweeduizend`. */
function dutchCardinal(word: string): number | undefined {
  const simple = dutchBelowHundred.get(word);
  if (simple !== undefined) return simple;
  for (const [scale, value] of dutchScales) {
    const at = word.indexOf(scale);
    if (at < 0) continue;
    const left = word.slice(0, at);
    const right = word.slice(at + scale.length);
    // `twaalfhonderd` (1200) is good Dutch, so the multiplier of a scale may exceed nine.
    const multiplier = left === "" ? 1 : dutchCardinal(left);
    const rest = right === "" ? 0 : dutchCardinal(right);
    if (multiplier === undefined || rest === undefined || multiplier >= (value === 100 ? 100 : 1000) || rest >= value) return undefined;
    return multiplier * value + rest;
  }
  // Units before tens, joined by `en`: `eenentwintig`, `tweeentwintig` (folded from `tweeëntwintig`).
  for (const unit of dutchUnits) {
    const tens = word.startsWith(`${unit}en`) ? dutchBelowHundred.get(word.slice(unit.length + 2)) : undefined;
    if (tens !== undefined && tens >= 20 && tens % 10 === 0) return dutchBelowHundred.get(unit)! + tens;
  }
  return undefined;
}

function dutchOrdinal(word: string): number | undefined {
  const irregular = dutchIrregularOrdinals.get(word);
  if (irregular !== undefined) return irregular;
  // `achtste`, `twintigste`, `honderdste`; `tweede`, `vierde`, `tiende`.
  for (const suffix of ["ste", "de"]) {
    if (!word.endsWith(suffix)) continue;
    const value = dutchCardinal(word.slice(0, -suffix.length));
    if (value !== undefined && value > 0) return value;
  }
  return undefined;
}

function englishCardinal(word: string): number | undefined {
  return englishBelowHundred.get(word) ?? englishScales.get(word);
}

function englishOrdinal(word: string): number | undefined {
  const irregular = englishIrregularOrdinals.get(word);
  if (irregular !== undefined) return irregular;
  if (word.endsWith("ieth")) return englishCardinal(`${word.slice(0, -4)}y`);
  if (word.endsWith("th")) return englishCardinal(word.slice(0, -2));
  return undefined;
}

/** The value of one word, Dutch or English, cardinal or ordinal; `een` gets 1 here (callers decide). */
function wordNumber(folded: string): WordNumber | undefined {
  // Words repeat across answers and evidence; the compound parse is the costly part of a scan.
  return wordMemo.remember(folded, parseWordNumber);
}

const wordMemo = new BoundedMap<string, WordNumber | undefined>(20_000);

function parseWordNumber(folded: string): WordNumber | undefined {
  const cardinal = dutchCardinal(folded) ?? englishCardinal(folded) ?? dutchFractions.get(folded);
  if (cardinal !== undefined) return { value: cardinal, ordinal: false };
  const ordinal = dutchOrdinal(folded) ?? englishOrdinal(folded);
  return ordinal === undefined ? undefined : { value: ordinal, ordinal: true };
}

/**
 * True for a Dutch or English number word: `twee`, `tweeëntwintig`, `honderd`, `tweede`, `one`,
 * `twenty`, `third`. False for the articles `een`, `a` and `an` (only `één` is a number), and for
 * vague plurals such as `honderden` or `thousands`.
 */
export function isNumberWord(word: string): boolean {
  if (isAccentedOne(word)) return true;
  const folded = foldWord(word);
  return folded !== "een" && wordNumber(folded) !== undefined;
}

/** `één`, `eén`, `ÉÉN`: the spelling that marks Dutch `een` as the number. */
function isAccentedOne(word: string): boolean {
  if (word.length !== 3) return false;
  const lower = word.normalize("NFC").toLowerCase();
  return /^[eé]{2}n$/.test(lower) && lower.includes("é");
}

/** Digits: `2`, `2022`, `1.500`, `1,5`, `1.000.000`, `2,5`; with an ordinal suffix `21st`, `2e`, `3de`. */
function digitValue(digits: string): number {
  const dots = digits.split(".").length - 1;
  const commas = digits.split(",").length - 1;
  if (dots > 0 && commas > 0) {
    // Both separators: the last one is the decimal mark (`1.000,5` and `1,000.5`).
    const decimal = digits.lastIndexOf(",") > digits.lastIndexOf(".") ? "," : ".";
    const thousands = decimal === "," ? "." : ",";
    return Number(digits.split(thousands).join("").replace(decimal, "."));
  }
  const separator = dots > 0 ? "." : commas > 0 ? "," : undefined;
  if (separator === undefined) return Number(digits);
  const groups = digits.split(separator);
  // One separator before exactly three digits reads as thousands in news text of either language
  // (`1.500` Dutch, `1,500` English); `1,5` and `1.5` are decimals. Several separators are thousands.
  const thousands = groups.length > 2 || (groups[0]!.length <= 3 && !groups[0]!.startsWith("0") && groups[1]!.length === 3);
  return thousands ? Number(groups.join("")) : Number(groups.join("."));
}

const ordinalSuffixes = new Set(["st", "nd", "rd", "th", "ste", "de", "e"]);

interface Token {
  raw: string;
  folded: string;
  start: number;
  end: number;
  number?: WordNumber & { digits: boolean };
}

const tokenPattern = /([0-9]+(?:[.,][0-9]+)*)(\p{L}*)|\p{L}[\p{L}\p{M}]*/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(tokenPattern)) {
    const raw = match[0];
    const start = match.index;
    const token: Token = { raw, folded: foldWord(raw), start, end: start + raw.length };
    if (match[1] !== undefined) {
      const suffix = foldWord(match[2] ?? "");
      token.number = { value: digitValue(match[1]), ordinal: ordinalSuffixes.has(suffix), digits: true };
    } else if (isAccentedOne(raw)) {
      token.number = { value: 1, ordinal: false, digits: false };
    } else if (token.folded !== "een") {
      const value = wordNumber(token.folded);
      if (value) token.number = { ...value, digits: false };
    }
    tokens.push(token);
  }
  return tokens;
}

/** `one` in `the one`, `no one`, `one of them`: a pronoun. */
function isPronounOne(tokens: readonly Token[], at: number): boolean {
  if (tokens[at]!.folded !== "one") return false;
  const before = tokens[at - 1]?.folded;
  const after = tokens[at + 1]?.folded;
  return (before !== undefined && pronounOneBefore.has(before)) || (after !== undefined && pronounOneAfter.has(after));
}

/** Running state of a number phrase, read left to right: `two hundred and fifty thousand`. */
interface Phrase {
  total: number;
  current: number;
  /** Smallest scale of a thousand or more used so far (`thousand` after `million` is fine, not before). */
  lastScale: number;
  ordinal: boolean;
  /** Started with digits: only a scale word may follow (`2 miljoen`, never `2000 twee`). */
  digits: boolean;
}

/**
 * Adds `next` to the phrase when the result is still one well-formed number, and says whether it
 * did. `twee miljoen`, `two hundred fifty`, `twenty-one` join; `twee drie` (two numbers) does not.
 */
function extend(phrase: Phrase, next: WordNumber & { digits: boolean }, first: boolean): boolean {
  if (phrase.ordinal) return false;
  const { value } = next;
  if (scaleValues.has(value) && !next.digits) {
    if (value === 100) {
      if (!first && !(phrase.current > 0 && phrase.current < 100)) return false;
      phrase.current = (phrase.current || 1) * 100;
    } else {
      if (value >= phrase.lastScale || (!first && phrase.current === 0)) return false;
      phrase.total += (phrase.current || 1) * value;
      phrase.current = 0;
      phrase.lastScale = value;
    }
  } else if (first) {
    phrase.current = value;
    phrase.digits = next.digits;
  } else {
    // Digits only start a phrase (`2 miljoen`); words fill the places still empty.
    if (next.digits || phrase.digits) return false;
    const belowHundred = phrase.current % 100;
    const fits =
      phrase.current === 0
        ? phrase.total > 0 && value < phrase.lastScale // `two million three hundred thousand`, `twee miljoen driehonderdduizend`
        : belowHundred === 0
          ? value < 100 // `two hundred fifty`
          : belowHundred >= 20 && belowHundred % 10 === 0 && value < 10; // `twenty one`
    if (!fits) return false;
    phrase.current += value;
  }
  phrase.ordinal = next.ordinal;
  return true;
}

/** Between two parts of one number: spaces, a hyphen, or `and`/`en` right after a scale word. */
function joins(text: string, previous: Token, next: Token, tokens: readonly Token[], nextAt: number): { ok: boolean; skip: number } {
  const gap = text.slice(previous.end, next.start);
  if (gap.length === 0 || !/^[^\S\n]*-?[^\S\n]*$/.test(gap)) return { ok: false, skip: 0 };
  // `two hundred and fifty`, `honderd en vijftig`: the connector is a token itself.
  if ((next.folded === "and" || next.folded === "en") && previous.number && scaleValues.has(previous.number.value) && !previous.number.digits) {
    const after = tokens[nextAt + 1];
    const ok = after?.number !== undefined && !after.number.digits && after.number.value < 100 && /^[^\S\n]+$/.test(text.slice(next.end, after.start));
    return { ok, skip: ok ? 1 : 0 };
  }
  return { ok: true, skip: 0 };
}

/**
 * Every number in `text`, Dutch or English, written in digits or words, with its value:
 * `twee` and `two` and `2` are all 2; `twee miljoen` is 2 000 000; `1.500` and `1,500` are 1500
 * (one separator before three digits is read as thousands), `1,5` and `1.5` are 1.5; `tweede`,
 * `twenty-first` and `21st` are ordinals.
 *
 * Not numbers: `een` (the Dutch article; only `één` or a compound like `eenentwintig` counts),
 * `a`/`an`, vague plurals (`honderden`, `thousands`), and `one` used as a pronoun: after
 * `the`/`this`/`that`/`which`/`every`/`any`/`each`/`no`/`some`/`such`/`another`, or before `of`/
 * `another`/`'s`. Anywhere else `one` is the number 1 — simple and predictable, at the cost of
 * reading `one must admit` as a count. A lone scale word is its own value: `a million` and
 * `een miljoen` are both 1 000 000.
 */
export function numbersIn(text: string): NumberMention[] {
  const tokens = tokenize(text);
  const mentions: NumberMention[] = [];
  for (let at = 0; at < tokens.length; at += 1) {
    const first = tokens[at]!;
    if (!first.number || isPronounOne(tokens, at)) continue;
    const phrase: Phrase = { total: 0, current: 0, lastScale: Infinity, ordinal: false, digits: false };
    extend(phrase, first.number, true);
    let last = at;
    while (last + 1 < tokens.length) {
      const next = tokens[last + 1]!;
      const { ok, skip } = joins(text, tokens[last]!, next, tokens, last + 1);
      const candidate = tokens[last + 1 + skip];
      if (!ok || !candidate?.number || isPronounOne(tokens, last + 1 + skip)) break;
      const trial = { ...phrase };
      if (!extend(trial, candidate.number, false)) break;
      Object.assign(phrase, trial);
      last += 1 + skip;
    }
    const end = tokens[last]!;
    mentions.push({
      value: phrase.total + phrase.current,
      kind: phrase.ordinal ? "ordinal" : "cardinal",
      surface: text.slice(first.start, end.end),
      index: first.start,
    });
    at = last;
  }
  return mentions;
}
