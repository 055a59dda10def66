import { describe, expect, test } from "vitest";
import { plainTextForEdit } from "../../../adapters/telegram/telegram-send.js";
import { parseTelegramHtml } from "../../fakes/telegram-bot-api.js";

/** `plainTextForEdit` is what a progress edit sends: always exactly one message Telegram accepts. */
describe("plainTextForEdit", () => {
  test("text that fits is escaped and otherwise left alone", () => {
    expect(plainTextForEdit("Bezig: bronnen ophalen 0 % (0/1) <a&b>")).toBe("Bezig: bronnen ophalen 0 % (0/1) &lt;a&amp;b&gt;");
  });

  test("longer text is cut to one message that parses, never inside an entity, ending in …", () => {
    // '&' escapes to five characters, so a naive cut would land inside "&amp;" sooner or later.
    const text = `Bezig: https://nieuws.example/?${"a&b<c>".repeat(2000)}`;
    for (const limit of [4096, 100, 101, 102, 103, 104]) {
      const html = plainTextForEdit(text, limit);
      expect(html.length).toBeLessThanOrEqual(limit);
      expect(html.endsWith("…")).toBe(true);
      const parsed = parseTelegramHtml(html);
      expect(parsed.ok).toBe(true);
      const visible = (parsed as { text: string }).text;
      expect(text.startsWith(visible.slice(0, -1))).toBe(true);
    }
  });

  test("an emoji is never split in half", () => {
    for (const limit of [50, 51]) {
      const html = plainTextForEdit("🙂".repeat(100), limit);
      expect(html.length).toBeLessThanOrEqual(limit);
      expect(html).toMatch(/^(🙂)+…$/u);
    }
  });
});
