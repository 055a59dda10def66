import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { renderConsoleAnswer } from "../../adapters/console/render-console.js";
import { runConsole } from "../../adapters/console/console-adapter.js";
import { silentLogger } from "../../src/logging/logger.js";
import { useOpenCore } from "../helpers/core-fixture.js";

const opened = useOpenCore();

describe("console adapter", () => {
  it("answers each line, replies kindly to empty or too long input, and ends at EOF", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => (text += chunk.toString()));
    const done = runConsole({ core: opened.core, logger: silentLogger, input, output, interactive: false });
    input.end(["Welk luchtafweersysteem levert Duitsland?", "?!", "Waarom levert Duitsland ".repeat(30), "How do I bake bread?"].join("\n") + "\n");
    await done;
    // The quote is wrapped at 96 columns behind a "│" gutter; unwrap it before comparing.
    text = text.replace(/\n {2}│ /g, " ");
    expect(text).toContain("»Duitsland belooft om “binnen enkele dagen” gelijkaardige Iris-T SLM-luchtafweersystemen te leveren.«");
    expect(text).toContain("Bron: Luchtafweer voor Oekraïne na Russische vergeldingsaanvallen — alinea 3 — 2022-10");
    expect(text).toContain("Stel een vraag over het artikel");
    expect(text).toContain("Die vraag is te lang");
    expect(text).toContain("The article doesn't answer that");
  });

  it("marks the supporting sentence in bold on a colour terminal", async () => {
    const answer = await opened.core.ask("Wie is de Duitse minister van Defensie?", { platform: "test" });
    expect(renderConsoleAnswer(answer, true)).toContain("\u001b[1mDe bommenbarrage onderstreept");
  });
});
