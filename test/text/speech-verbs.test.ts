import { describe, expect, it } from "vitest";
import { attributes, namesSpeaker } from "../../src/text/speech-verbs.js";

describe("verbs of saying", () => {
  it("a sentence reports someone's words or view by a verb of saying or a word naming whose view it is", () => {
    expect(attributes("Dat zei Zelenski maandagavond in een tweet.")).toBe(true);
    expect(attributes("Het Witte Huis meldde dat de steun blijft.")).toBe(true);
    expect(attributes("Volgens de minister is de nood groot.")).toBe(true);
    expect(attributes("The minister said so, according to Reuters.")).toBe(true);
    expect(attributes("Duitsland belooft luchtafweer te leveren.")).toBe(false);
  });

  it("a sentence names the speaker of the quote before it", () => {
    expect(namesSpeaker("Dat zei Oekraïens president Zelenski.")).toBe(true);
    expect(namesSpeaker("Dat liet de minister weten.")).toBe(true);
    expect(namesSpeaker("Aldus de woordvoerder.")).toBe(true);
    expect(namesSpeaker("Het leger liet drones opstijgen.")).toBe(false);
    // A view word is no speaker: "volgens" opens a claim, not the attribution of a quote.
    expect(namesSpeaker("Volgens de minister is de nood groot.")).toBe(false);
  });
});
