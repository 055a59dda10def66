import { describe, expect, it } from "vitest";
import { costAsked, countedInCurrency, mentionsMoney } from "../../src/answer/money.js";

describe("money in questions and passages", () => {
  it("finds the word asking a price, cost or earning, in Dutch and English", () => {
    expect(costAsked("Hoeveel kost een Iris-T?")).toBe("kost");
    expect(costAsked("Wat verdient de directeur?")).toBe("verdient");
    expect(costAsked("How much does the coach earn?")).toBe("earn");
    expect(costAsked("Hoeveel batterijen kreeg Kiev?")).toBeUndefined();
  });

  it("a passage mentions money by a currency sign or name, or a word of cost", () => {
    expect(mentionsMoney("Vlaanderen trekt 75 miljoen euro uit.")).toBe(true);
    expect(mentionsMoney("The plan costs $2 billion.")).toBe(true);
    expect(mentionsMoney("De prijs is nog niet bekend.")).toBe(true);
    expect(mentionsMoney("Duitsland levert binnen enkele dagen.")).toBe(false);
  });

  it("'geld' is counted in a currency, 'batterijen' in itself", () => {
    expect(countedInCurrency("geld")).toBe(true);
    expect(countedInCurrency("batterijen")).toBe(false);
  });
});
