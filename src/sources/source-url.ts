import { SourceError } from "../port/errors.js";
import { redactUrlCredentials } from "../util/url-credentials.js";

/**
 * Checks a URL a moderator gave (or `sources.txt` lists) before anything is fetched: it must parse,
 * use http or https, and carry no user name or password. Returns it normalised. Throws
 * `SourceError` `SOURCE_BAD_URL` whose `source` and message show the URL without credentials.
 */
export function checkSourceUrl(raw: string): string {
  const shown = redactUrlCredentials(raw);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SourceError("SOURCE_BAD_URL", `${shown} is not a valid URL; give an http:// or https:// link.`, shown);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new SourceError("SOURCE_BAD_URL", `${shown}: only http:// and https:// links can be fetched.`, shown);
  }
  if (url.username || url.password) {
    throw new SourceError("SOURCE_BAD_URL", `${shown}: links with a user name or password are not fetched; give the public link.`, shown);
  }
  return url.toString();
}
