import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isBlockedAddress, safeFetch, type FetchPolicy } from "../../src/sources/safe-fetch.js";
import { startNewsSite, type NewsSite } from "../fakes/news-site.js";

let site: NewsSite;
beforeAll(async () => {
  site = await startNewsSite({
    "/naar-intern": (_request, response) => {
      response.writeHead(302, { location: "http://10.0.0.7/admin" });
      response.end();
    },
    "/naar-metadata": (_request, response) => {
      response.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
      response.end();
    },
    "/naar-localhost": (request, response) => {
      response.writeHead(302, { location: `http://localhost:${request.socket.localPort}/artikel/mijnenjagers` });
      response.end();
    },
    "/lus": (_request, response) => {
      response.writeHead(302, { location: "/lus" });
      response.end();
    },
  });
});
afterAll(async () => site.close());

const strict: FetchPolicy = { allowPrivateNetworks: false, timeoutMs: 1000, maxBytes: 100_000, maxRedirects: 3 };
/** Reaches our loopback server at 127.0.0.1 but nothing else that is not public. */
const onlyTestServer: FetchPolicy = { ...strict, isAllowedAddress: (address) => address === "127.0.0.1" || !isBlockedAddress(address) };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return (
    (await promise.then(
      () => ({}),
      (error: unknown) => error,
    )) as { code?: string }
  ).code;
}

describe("isBlockedAddress", () => {
  it.each([
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fc00::1",
    "::ffff:127.0.0.1",
    "100.64.0.1",
    "not-an-ip",
  ])("blocks %s", (address) => expect(isBlockedAddress(address)).toBe(true));
  it.each(["93.184.216.34", "2606:4700::1111", "8.8.8.8"])("allows public %s", (address) => expect(isBlockedAddress(address)).toBe(false));
});

describe("safeFetch refuses server-side request forgery", () => {
  it("refuses loopback, private and link-local literals when private networks are not allowed", async () => {
    expect(await codeOf(safeFetch(`${site.url}/artikel/mijnenjagers`, strict))).toBe("SOURCE_BLOCKED");
    expect(await codeOf(safeFetch("http://10.0.0.7/", strict))).toBe("SOURCE_BLOCKED");
    expect(await codeOf(safeFetch("http://169.254.169.254/latest/meta-data/", strict))).toBe("SOURCE_BLOCKED");
    expect(await codeOf(safeFetch("http://[::1]:80/", strict))).toBe("SOURCE_BLOCKED");
    expect(site.requests).toEqual([]);
  });

  it("checks resolved addresses, not just the name", async () => {
    const port = new URL(site.url).port;
    expect(await codeOf(safeFetch(`http://localhost:${port}/artikel/mijnenjagers`, strict))).toBe("SOURCE_BLOCKED");
  });

  it("checks every redirect target", async () => {
    expect(await codeOf(safeFetch(`${site.url}/naar-intern`, onlyTestServer))).toBe("SOURCE_BLOCKED");
    expect(await codeOf(safeFetch(`${site.url}/naar-metadata`, onlyTestServer))).toBe("SOURCE_BLOCKED");
    const loopbackOnlyBy127: FetchPolicy = { ...strict, isAllowedAddress: (address) => address === "127.0.0.1" };
    // localhost may resolve to ::1 first; either way the redirect target is looked up and checked.
    const viaName = await safeFetch(`${site.url}/naar-localhost`, loopbackOnlyBy127).then(
      (page) => page.url,
      (error: { code?: string }) => error.code,
    );
    expect([`http://localhost:${new URL(site.url).port}/artikel/mijnenjagers`, "SOURCE_BLOCKED", "SOURCE_UNREACHABLE"]).toContain(viaName);
  });

  it("stops after the maximum number of redirects", async () => {
    expect(await codeOf(safeFetch(`${site.url}/lus`, onlyTestServer))).toBe("SOURCE_HTTP_ERROR");
  });

  it("fetches when the setting allows private networks", async () => {
    const page = await safeFetch(`${site.url}/artikel/mijnenjagers`, { ...strict, allowPrivateNetworks: true });
    expect(page.contentType).toBe("text/html");
    expect(page.body).toContain("mijnenjagers");
  });
});
