/** What a moderator asked for with `/refresh …`: a rollback, URLs to add, or a plain refresh. */
export interface RefreshArguments {
  rollback: boolean;
  urls: string[];
  /** Words that are neither a URL nor a known keyword, so the moderator can be told. */
  unknown: string[];
}

const rollbackWords = new Set(["rollback", "terugzetten", "terug"]);

/** Parses the text after the command, e.g. `rollback` or `https://a.nl/x https://b.nl/y`. Pure. */
export function parseRefreshArguments(text: string): RefreshArguments {
  const result: RefreshArguments = { rollback: false, urls: [], unknown: [] };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (rollbackWords.has(word.toLowerCase())) result.rollback = true;
    else if (/^https?:\/\//i.test(word)) result.urls.push(word);
    else result.unknown.push(word);
  }
  return result;
}
