import { describe, expect, it } from "vitest";
import { ProgressThrottle } from "../../adapters/shared/progress-throttle.js";
import { parseRefreshArguments } from "../../adapters/shared/refresh-arguments.js";

describe("parseRefreshArguments", () => {
  it("finds rollback, URLs and unknown words", () => {
    expect(parseRefreshArguments(" rollback ")).toEqual({ rollback: true, urls: [], unknown: [] });
    expect(parseRefreshArguments("https://a.nl/x  http://b.nl terugzetten")).toEqual({ rollback: true, urls: ["https://a.nl/x", "http://b.nl"], unknown: [] });
    expect(parseRefreshArguments("graag nu")).toEqual({ rollback: false, urls: [], unknown: ["graag", "nu"] });
  });

  it("takes every word meant as a link as a URL, so the core refuses a bad one instead of running a plain refresh", () => {
    expect(parseRefreshArguments("file:///etc/passwd gopher://x ftp://y javascript:alert(1) www.nieuws.nl/a")).toEqual({
      rollback: false,
      urls: ["file:///etc/passwd", "gopher://x", "ftp://y", "javascript:alert(1)", "www.nieuws.nl/a"],
      unknown: [],
    });
  });
});

describe("ProgressThrottle", () => {
  it("sends at most once per interval, skips repeats, and keeps only the latest pending text", async () => {
    let now = 0;
    const sent: string[] = [];
    const throttle = new ProgressThrottle(
      async (text) => void sent.push(text),
      () => {},
      1000,
      () => now,
    );
    throttle.update("a"); // sent at once
    throttle.update("a"); // same text: skipped
    now = 200;
    throttle.update("b"); // held back until 1000 ms after "a"
    throttle.update("c"); // replaces "b"
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(sent).toEqual(["a"]);
    now = 1000;
    await new Promise((resolve) => setTimeout(resolve, 400));
    await throttle.flush();
    expect(sent).toEqual(["a", "c"]);
  });

  it("reports a failed send and carries on", async () => {
    const errors: unknown[] = [];
    let now = 0;
    const sent: string[] = [];
    const throttle = new ProgressThrottle(
      async (text) => {
        if (text === "boom") throw new Error("edit failed");
        sent.push(text);
      },
      (error) => errors.push(error),
      1000,
      () => now,
    );
    throttle.update("boom");
    now = 2000;
    throttle.update("ok");
    await throttle.flush();
    expect(errors).toHaveLength(1);
    expect(sent).toEqual(["ok"]);
  });
});
