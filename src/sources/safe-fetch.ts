import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import ipaddr from "ipaddr.js";
import { Agent, fetch } from "undici";
import { SourceError } from "../port/errors.js";
import { redactUrlCredentials } from "../util/url-credentials.js";
import { checkSourceUrl } from "./source-url.js";

export interface FetchPolicy {
  /** Allow loopback, private, link-local and other non-public addresses (off by default; tests turn it on). */
  allowPrivateNetworks: boolean;
  /** Finer control than `allowPrivateNetworks` (tests use it to allow only loopback); overrides it when set. */
  isAllowedAddress?: (address: string) => boolean;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export interface FetchedPage {
  url: string;
  contentType: string;
  body: string;
  /** The page's validators, for a conditional request next time (`conditionalFetch`). */
  etag?: string;
  lastModified?: string;
}

/** What a server said about a page the last time: sent back as `If-None-Match` / `If-Modified-Since`. */
export interface PageValidators {
  etag?: string;
  lastModified?: string;
}

const acceptedTypes = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown"];

/** True for addresses a server-side fetch must not reach: anything that is not plain public unicast. */
export function isBlockedAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== "unicast";
}

/**
 * Fetches a page for the corpus with the limits a server that fetches user-supplied URLs needs:
 * http(s) only, a time-out, a size cap, a content-type check, a bounded number of redirects (each
 * one checked again), and no private, loopback or link-local destinations. The address check runs
 * in the connection's DNS lookup, so it holds for every redirect and cannot be dodged by a name
 * that resolves differently the second time (DNS rebinding).
 */
export function safeFetch(url: string, policy: FetchPolicy): Promise<FetchedPage> {
  return fetchPage(url, policy, undefined);
}

/**
 * `safeFetch` with a conditional request: `known` (the validators of the last fetch) go out as
 * `If-None-Match` / `If-Modified-Since`, and a `304 Not Modified` answer is `"not-modified"` — the
 * page was not sent again. Servers that ignore the headers just answer 200 with the page.
 */
export function conditionalFetch(url: string, policy: FetchPolicy, known: PageValidators): Promise<FetchedPage | "not-modified"> {
  return fetchPage(url, policy, known);
}

// Without validators the request is unconditional, so a 304 is an HTTP error like any other.
function fetchPage(url: string, policy: FetchPolicy, known: undefined): Promise<FetchedPage>;
function fetchPage(url: string, policy: FetchPolicy, known: PageValidators): Promise<FetchedPage | "not-modified">;
async function fetchPage(url: string, policy: FetchPolicy, known: PageValidators | undefined): Promise<FetchedPage | "not-modified"> {
  // Every message and `source` names the URL without credentials (they are refused anyway).
  const shown = redactUrlCredentials(url);
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy, shown) } });
  try {
    let current = checkUrl(url, policy, shown);
    for (let redirects = 0; ; redirects += 1) {
      const response = await fetch(current, {
        dispatcher,
        redirect: "manual",
        signal: AbortSignal.timeout(policy.timeoutMs),
        headers: requestHeaders(known),
      }).catch((error: unknown) => {
        throw networkError(error, shown);
      });
      if ([301, 302, 303, 307, 308].includes(response.status)) {
        const location = response.headers.get("location");
        await response.body?.cancel();
        if (!location) throw new SourceError("SOURCE_HTTP_ERROR", `${shown} redirected without a Location header.`, shown);
        if (redirects >= policy.maxRedirects) throw new SourceError("SOURCE_HTTP_ERROR", `${shown} redirected more than ${policy.maxRedirects} times.`, shown);
        current = checkUrl(new URL(location, current).toString(), policy, shown);
        continue;
      }
      if (response.status === 304 && known) {
        await response.body?.cancel();
        return "not-modified";
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new SourceError("SOURCE_HTTP_ERROR", `${shown} answered HTTP ${response.status}.`, shown);
      }
      const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!acceptedTypes.includes(contentType)) {
        await response.body?.cancel();
        throw new SourceError("SOURCE_BAD_TYPE", `${shown} is ${contentType || "of unknown type"}, not a web page or text.`, shown);
      }
      const body = await readCapped(response, policy.maxBytes, shown);
      return {
        url: current,
        contentType,
        body,
        etag: response.headers.get("etag") ?? undefined,
        lastModified: response.headers.get("last-modified") ?? undefined,
      };
    }
  } finally {
    await dispatcher.close();
  }
}

function requestHeaders(known: PageValidators | undefined): Record<string, string> {
  const headers: Record<string, string> = { "user-agent": "Nieuwsbot/0.1 (+corpus refresh)", accept: acceptedTypes.join(", ") };
  if (known?.etag) headers["if-none-match"] = known.etag;
  if (known?.lastModified) headers["if-modified-since"] = known.lastModified;
  return headers;
}

function addressAllowed(policy: FetchPolicy, address: string): boolean {
  if (policy.isAllowedAddress) return policy.isAllowedAddress(address);
  return policy.allowPrivateNetworks || !isBlockedAddress(address);
}

function checkUrl(candidate: string, policy: FetchPolicy, original: string): string {
  const url = new URL(checkSourceUrl(candidate));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  // IP literals never go through DNS lookup, so check them here.
  if (ipaddr.isValid(host) && !addressAllowed(policy, host)) {
    throw new SourceError("SOURCE_BLOCKED", `${original} points to a private or local address, which is not allowed.`, original);
  }
  return url.toString();
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(policy: FetchPolicy, original: string) {
  return (hostname: string, options: object, callback: LookupCallback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const list = addresses as LookupAddress[];
      const blocked = list.some((entry) => !addressAllowed(policy, entry.address));
      if (blocked) {
        return callback(
          new SourceError(
            "SOURCE_BLOCKED",
            `${original} resolves to a private or local address, which is not allowed.`,
            original,
          ) as unknown as NodeJS.ErrnoException,
          [],
        );
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

async function readCapped(response: Awaited<ReturnType<typeof fetch>>, maxBytes: number, source: string): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new SourceError("SOURCE_TOO_LARGE", `${source} is ${declared} bytes; the limit is ${maxBytes}.`, source);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new SourceError("SOURCE_TOO_LARGE", `${source} is larger than the limit of ${maxBytes} bytes.`, source);
    chunks.push(chunk);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch (error) {
    throw new SourceError("SOURCE_NOT_ARTICLE", `${source} is not UTF-8 text.`, source, { cause: error });
  }
}

function networkError(error: unknown, source: string): SourceError {
  if (error instanceof SourceError) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof SourceError) return cause;
  const name = (error as Error).name;
  if (name === "TimeoutError" || name === "AbortError") return new SourceError("SOURCE_TIMEOUT", `${source} did not answer in time.`, source, { cause: error });
  return new SourceError("SOURCE_UNREACHABLE", `${source} cannot be reached: ${(cause as Error | undefined)?.message ?? (error as Error).message}.`, source, {
    cause: error,
  });
}
