/** What a moderator asked for with `/refresh …`: a rollback, URLs to add, or a plain refresh. */
export interface RefreshArguments {
  rollback: boolean;
  /**
   * Every word meant as a link, valid or not: `https://…`, but also `file:///etc/passwd`,
   * `ftp://…`, `gopher:…` or `www.…`. The core checks them before fetching anything and refuses
   * any that is not an http(s) link with `SOURCE_BAD_URL`, so a bad link is reported, never
   * dropped in favour of a plain refresh.
   */
  urls: string[];
  /** Words that are neither a link nor a known keyword, so the moderator can be told. */
  unknown: string[];
}

const rollbackWords = new Set(["rollback", "terugzetten", "terug"]);

/** `scheme:` followed by something (`http://…`, `file:///…`, `mailto:x`), or a bare `www.` address. */
const linkLike = /^(?:[a-z][a-z0-9+.-]*:\S|www\.)/i;

/** Parses the text after the command, e.g. `rollback` or `https://a.nl/x https://b.nl/y`. Pure. */
export function parseRefreshArguments(text: string): RefreshArguments {
  const result: RefreshArguments = { rollback: false, urls: [], unknown: [] };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (rollbackWords.has(word.toLowerCase())) result.rollback = true;
    else if (linkLike.test(word)) result.urls.push(word);
    else result.unknown.push(word);
  }
  return result;
}
