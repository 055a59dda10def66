import { describe, expect, it } from "vitest";
import { opensWithPronoun } from "../../src/text/anaphora.js";

describe("a sentence pointing back at the one before", () => {
  it("opens with a pronoun or pronominal adverb, after 'ook', 'en' or 'maar', past an opening quote", () => {
    expect(opensWithPronoun("Ook hen vroeg hij om te helpen.")).toBe(true);
    expect(opensWithPronoun("“Dat is niet genoeg”, zei hij.")).toBe(true);
    expect(opensWithPronoun("Daarop bevestigde het Witte Huis de steun.")).toBe(true);
    expect(opensWithPronoun("It protects against drones.")).toBe(true);
    expect(opensWithPronoun("Duitsland belooft luchtafweer.")).toBe(false);
    expect(opensWithPronoun("Hierna volgt meer.")).toBe(false);
  });
});
