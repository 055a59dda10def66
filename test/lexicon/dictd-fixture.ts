/**
 * Writes a tiny dictd dictionary (index + dictzip-compatible gzip) for tests, from invented
 * entries in FreeDict's layout. Never reads the real dictionaries in /usr/share/dictd.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

export function encodeDictdNumber(value: number): string {
  let digits = "";
  let rest = value;
  do {
    digits = (BASE64[rest % 64] ?? "") + digits;
    rest = Math.floor(rest / 64);
  } while (rest > 0);
  return digits;
}

/** The index headword `dictfmt` writes: lower case, letters, digits and spaces only. */
function indexHeadword(text: string): string {
  const first = text.split("\n")[0] ?? "";
  return first
    .replace(/ \/.*$/u, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N} ]/gu, "");
}

/** Writes `<name>.index` and `<name>.dict.dz` into `folder`; entries are whole entry texts. */
export function writeDictd(folder: string, name: string, entries: readonly string[]): { index: string; dict: string } {
  const texts = ["00-database-info\nThis is an invented test dictionary.\n", ...entries];
  const chunks: Buffer[] = [];
  const lines: string[] = [];
  let offset = 0;
  for (const text of texts) {
    const bytes = Buffer.from(text, "utf8");
    const headword = text.startsWith("00-database") ? "00databaseinfo" : indexHeadword(text);
    lines.push(`${headword}\t${encodeDictdNumber(offset)}\t${encodeDictdNumber(bytes.length)}`);
    chunks.push(bytes);
    offset += bytes.length;
  }
  const index = join(folder, `${name}.index`);
  const dict = join(folder, `${name}.dict.dz`);
  writeFileSync(index, `${lines.sort().join("\n")}\n`);
  writeFileSync(dict, gzipSync(Buffer.concat(chunks)));
  return { index, dict };
}

export function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), "nieuwsbot-dictd-"));
}

/** Invented Dutch → English entries in FreeDict's layout (headword, pronunciation, numbered senses). */
export const DUTCH_ENGLISH = [
  "aanval /ˈaːnvɑl/\n1. attack, assault\n2. fit\n",
  "offensief /ɔfɛnˈsif/\n1. offensive, attack\n",
  "oorlog /ˈoːrlɔx/\nwar\n",
  "krijg /krɛix/\nwar\n",
  "luchtafweer /ˈlʏxtɑfʋeːr/\nair‐defence\n",
  "krĳgsmacht /ˈkrɛixsmɑxt/\narmed forces, military (land en zee)\n",
  "huis‐ /hœys/\nhouse‐\n",
  "... aanvoelen /ˈaːnvulə/\nfeel...\n",
  "krijgen /ˈkrɛiɣə/\n1. get, receive\n",
  "ontvangen /ɔntˈfɑŋə/\nreceive\n",
  "halen /ˈhaːlə/\nget, fetch\n",
  "worden /ˈʋɔrdə/\nget, become\n",
  "pakken /ˈpɑkə/\nget, grab\n",
  "bereiken /bəˈrɛikə/\nget, reach\n",
  "begrijpen /bəˈɣrɛipə/\nget, understand\n",
  "verkrijgen /vərˈkrɛiɣə/\nget, obtain\n",
  "brengen /ˈbrɛŋə/\nget, bring\n",
  "snappen /ˈsnɑpə/\nget, understand\n",
];

/** Invented English → Dutch entries. */
export const ENGLISH_DUTCH = [
  "attack /əˈtæk/\n1. aanval, aanvallen\n2. aanslag\n",
  "war /wɔː/\noorlog\n",
  "weapon /ˈwɛpən/\nwapen\n",
  "hop /hɒp/\n1. springen\n2. hop (plant)\n",
  "how are you /haʊ ɑː juː/\nhoe gaat het?\n",
];
