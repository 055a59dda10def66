import { describe, expect, it } from "vitest";
import { refreshFailureText } from "../../src/answer/refresh-messages.js";
import { RefreshError } from "../../src/port/errors.js";

describe("a refresh refused because the shared database is down", () => {
  const error = new RefreshError("REFRESH_DATABASE_DOWN", "Refresh refused: The shared database postgres://***@db:5432/bot cannot be reached");

  it("says why in Dutch and English, and that answers go on and nothing changed", () => {
    expect(refreshFailureText(error, "nl")).toBe(
      "De gedeelde database is niet bereikbaar, dus verversen kan nu niet; vragen worden wel gewoon beantwoord. Probeer het opnieuw als de database terug is. Er is niets veranderd; de vorige versie blijft in gebruik.",
    );
    expect(refreshFailureText(error, "en")).toMatch(
      /^The shared database cannot be reached, so refreshing is not possible now; questions are still answered\./,
    );
  });
});
