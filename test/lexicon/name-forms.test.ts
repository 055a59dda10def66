import { describe, expect, it } from "vitest";
import { expandDisplayName } from "../../src/lexicon/name-forms.js";

describe("expandDisplayName", () => {
  it("reads a closing parenthesis as another name", () => {
    expect(expandDisplayName("Myanmar (Burma)", "en", "alternative")).toEqual(["Myanmar", "Burma"]);
  });

  it("keeps a parenthesis inside a name and drops a qualifier", () => {
    expect(expandDisplayName("Cocos (Keeling) Islands", "en", "alternative")).toEqual(["Cocos Islands"]);
    expect(expandDisplayName("Tamazight (Centraal-Marokko)", "nl", "qualifier")).toEqual(["Tamazight"]);
  });

  it("spells out & and St. and drops the dots of U.S.", () => {
    expect(expandDisplayName("St. Kitts & Nevis", "en", "alternative")).toEqual(["St. Kitts & Nevis", "St. Kitts and Nevis", "Saint Kitts and Nevis"]);
    expect(expandDisplayName("U.S. Virgin Islands", "en", "alternative")).toEqual(["U.S. Virgin Islands", "US Virgin Islands"]);
  });

  it("closes up CLDR's spaced hyphen", () => {
    expect(expandDisplayName("Congo - Kinshasa", "en", "alternative")).toEqual(["Congo-Kinshasa"]);
  });
});
