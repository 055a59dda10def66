import { describe, expect, it } from "vitest";
import { checkSourceUrl } from "../../src/sources/source-url.js";
import { redactUrlCredentials } from "../../src/util/url-credentials.js";
import { createLogger } from "../../src/logging/logger.js";

describe("redactUrlCredentials", () => {
  it.each([
    ["http://user:pw@example.org/a", "http://***@example.org/a"],
    ["zie https://redacteur@nieuws.nl/x en http://a:b@c.nl", "zie https://***@nieuws.nl/x en http://***@c.nl"],
    ["https://u:p@ss@host.nl/pad", "https://***@host.nl/pad"],
    ["ftp://anon:mail@ftp.example.org", "ftp://***@ftp.example.org"],
    // An @ after the host is no credential.
    ["https://medium.com/@auteur/stuk", "https://medium.com/@auteur/stuk"],
    ["https://nieuws.nl/zoek?q=a@b.nl", "https://nieuws.nl/zoek?q=a@b.nl"],
    ["https://nieuws.nl/pad#a@b", "https://nieuws.nl/pad#a@b"],
    ["mail naar a@b.nl", "mail naar a@b.nl"],
  ])("%s → %s", (input, expected) => {
    expect(redactUrlCredentials(input)).toBe(expected);
  });

  it("the logger scrubs credentials from every line, fields included", () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", write: (line) => lines.push(line) });
    logger.info("fetching http://user:secret@example.org/a", { url: "https://x:y@example.org/b" });
    expect(lines[0]).toContain("http://***@example.org/a");
    expect(lines[0]).toContain("https://***@example.org/b");
    expect(lines[0]).not.toMatch(/secret|x:y/);
  });
});

describe("checkSourceUrl", () => {
  it("accepts http and https links", () => {
    expect(checkSourceUrl("https://nieuws.nl/artikel")).toBe("https://nieuws.nl/artikel");
    expect(checkSourceUrl("HTTP://Nieuws.nl")).toBe("http://nieuws.nl/");
  });

  it.each([
    "file:///etc/passwd",
    "gopher://example.org/1",
    "ftp://example.org/x",
    "javascript:alert(1)",
    "data:text/html,hoi",
    "www.nieuws.nl/artikel",
    "geen link",
  ])("refuses %s with SOURCE_BAD_URL", (url) => {
    expect(() => checkSourceUrl(url)).toThrow(expect.objectContaining({ code: "SOURCE_BAD_URL", source: url }));
  });

  it("refuses credentials, naming the URL without them", () => {
    let caught: { code?: string; source?: string; message?: string } = {};
    try {
      checkSourceUrl("https://redacteur:geheim@nieuws.nl/artikel");
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught).toMatchObject({ code: "SOURCE_BAD_URL", source: "https://***@nieuws.nl/artikel" });
    expect(caught.message).not.toContain("geheim");
  });
});
