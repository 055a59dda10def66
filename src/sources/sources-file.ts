import { readFile } from "node:fs/promises";
import path from "node:path";

/** Name of the file in the corpus folder listing URLs to fetch at every refresh (one per line, `#` comments). */
export const sourcesFileName = "sources.txt";

export async function readSourcesFile(corpusDir: string): Promise<string[]> {
  return sourcesListed(await readFile(path.join(corpusDir, sourcesFileName), "utf8").catch(() => ""));
}

/** The URLs a `sources.txt` text lists, in order. */
export function sourcesListed(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.replace(/#.*/, "").trim())
    .filter(Boolean);
}
