// `scheme://user:password@`: the user info runs to the last `@` before the first `/`, `?`, `#` or
// whitespace (a URL parser also splits at the last one, so a password holding `@` is covered).
const credentials = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/**
 * The text with the user name and password of every URL in it replaced by `***`:
 * `http://user:pw@host/x` → `http://***@host/x`. Works on any text, parseable URL or not. Pure.
 * Refresh errors, reports and the audit log name URLs through this, and the logger scrubs every
 * line with it, so credentials in a link never leave the request they came in.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(credentials, "$1***@");
}
