import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conditionalFetch, safeFetch, type FetchPolicy } from "../../src/sources/safe-fetch.js";
import { startNewsSite, type NewsSite } from "../fakes/news-site.js";

/** Conditional requests for the source schedule, against the fake site's live article on loopback. */
let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite({
    // A server that answers 304 whatever was asked: without validators that is an HTTP error.
    "/altijd-304": (_request, response) => {
      response.writeHead(304);
      response.end();
    },
  });
});
afterAll(async () => site.close());

const policy: FetchPolicy = { allowPrivateNetworks: true, maxBytes: 100_000, timeoutMs: 5000, maxRedirects: 3 };
const live = () => `${site.url}${site.live.path}`;

describe("conditionalFetch", () => {
  it("returns the page's validators, sends them back, and reads 304 as not modified", async () => {
    const page = await safeFetch(live(), policy);
    expect(page).toMatchObject({ etag: '"rev-1"', lastModified: "Fri, 14 Oct 2022 09:31:00 GMT" });
    expect(await conditionalFetch(live(), policy, { etag: page.etag, lastModified: page.lastModified })).toBe("not-modified");
    expect(site.live.requests.at(-1)).toEqual({ ifNoneMatch: '"rev-1"', ifModifiedSince: "Fri, 14 Oct 2022 09:31:00 GMT", status: 304 });
  });

  it("gets the new page when the validators are stale", async () => {
    site.live.set("<html><body><article><p>Een nieuwe versie van het artikel met genoeg tekst om een alinea te zijn.</p></article></body></html>");
    const page = await conditionalFetch(live(), policy, { etag: '"rev-1"' });
    expect(page).toMatchObject({ etag: '"rev-2"', body: expect.stringContaining("Een nieuwe versie") });
  });

  it("keeps every safety check: a loopback address is refused unless allowed", async () => {
    await expect(conditionalFetch(live(), { ...policy, allowPrivateNetworks: false }, { etag: '"rev-2"' })).rejects.toMatchObject({ code: "SOURCE_BLOCKED" });
  });

  it("a 304 to a request that named no validators is an HTTP error, not an empty page", async () => {
    await expect(safeFetch(`${site.url}/altijd-304`, policy)).rejects.toMatchObject({ code: "SOURCE_HTTP_ERROR" });
  });
});
