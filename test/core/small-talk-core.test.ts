import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Core } from "../../src/app/nieuwsbot-core.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";

let fixture: CoreFixture;
let core: Core;
beforeAll(async () => {
  fixture = await coreFixture();
  core = await fixture.open();
});
afterAll(() => fixture.cleanup());

describe("small talk through the core", () => {
  it("a greeting, thanks or 'what can you do' gets a friendly reply naming the article, not a refusal", async () => {
    const hello = await core.ask("hoi!", { platform: "test" });
    expect(hello.text).toMatch(/^Hallo! Stel me een vraag over het artikel “Luchtafweer voor Oekraïne/);
    expect(hello).toMatchObject({ abstained: true, citations: [], language: "nl" });
    expect((await core.ask("Thanks a lot!", { platform: "test" })).text).toMatch(/^You're welcome!/);
    expect((await core.ask("wat kun je?", { platform: "test" })).text).toMatch(/^Ik ben Nieuwsbot\./);
  });

  it("a greeting with a question in it is answered from the article", async () => {
    const answer = await core.ask("Hoi, welk luchtafweersysteem levert Duitsland?", { platform: "test" });
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.paragraph).toBe(3);
  });

  it("'waar gaat het artikel over?' gets the article's gist from its opening paragraph, cited verbatim", async () => {
    const answer = await core.ask("Waar gaat het artikel over?", { platform: "test" });
    expect(answer).toMatchObject({ abstained: false, language: "nl", mode: "extractive" });
    expect(answer.text).toMatch(/^Het artikel “Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen” in het kort \(alinea 1\): /);
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]!.paragraph).toBe(1);
    expect(answer.citations[0]!.quote).toContain(answer.citations[0]!.sentence);
    expect((await core.ask("What is this article about?", { platform: "test" })).language).toBe("en");
  });
});
