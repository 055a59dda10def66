import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonClick, type BuiltInteraction } from "../../fakes/discord-payloads.js";
import type { RecordedRequest } from "../../fakes/discord-server.js";
import { askSlash, inGuild, interact, requestsFor, startHarness, type Harness } from "./discord-harness.js";

const markdownParagraph =
  "Op de kaasmarkt van Alkmaar riep een handelaar: **vet** en __onderstreept__ en ||spoiler|| en [klik hier](https://evil.example/) en `code`, " +
  "terwijl @everyone, @here en <@123456789012345678> werden genoemd.";
const kinderdijk = [
  "De polders rond Kinderdijk liggen ver onder de zeespiegel en moeten al eeuwenlang worden drooggehouden.",
  "Boeren, molenaars en waterschappen werkten daarvoor nauw samen, ook in tijden van oorlog en overstroming.",
  "De molens van Kinderdijk pompen sinds 1740 het water uit de polder naar de boezem.",
  ...Array.from(
    { length: 14 },
    (_, index) => `Bezoekers lezen op bord ${index + 1} hoe het gemaal, de sluizen en de dijken samen het land beschermen tegen het water uit de rivieren.`,
  ),
].join(" ");
const parts = Array.from({ length: 500 }, (_, index) => `onderdeel${index}`);
const zeppelin = `Op de zeppelinwerf in Friedrichshafen bouwden de arbeiders in 1936 de Hindenburg met ${parts.join(", ")} en nog veel meer.`;

const corpus = {
  "test-artikel.md": [
    "---",
    "title: Testartikel over kaas, molens en zeppelins",
    "published: 2024-05",
    "source: https://example.org/artikel",
    "---",
    markdownParagraph,
    "",
    kinderdijk,
    "",
    zeppelin,
    "",
  ].join("\n"),
};

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ corpus });
});

afterAll(async () => {
  await harness?.stop();
});

/** Every message body the bot sent for one interaction (edits and follow-ups), in order. */
function sentBodies(interaction: BuiltInteraction): RecordedRequest["body"][] {
  return requestsFor(harness, interaction)
    .filter((request) => request.status === 200 && (request.method === "PATCH" || request.method === "POST") && !request.path.endsWith("/callback"))
    .map((request) => request.body);
}

describe("Discord rendering of hostile and long passages, end to end", () => {
  it("escapes markdown from the corpus and never pings mentions quoted from it", async () => {
    const { edit } = await askSlash(harness, "Wat riep een handelaar op de kaasmarkt van Alkmaar?");
    const description: string = edit.body.embeds[0].description;
    expect(description).toContain("\\*\\*vet\\*\\*");
    expect(description).toContain("\\_\\_onderstreept\\_\\_");
    expect(description).toContain("\\|\\|spoiler\\|\\|");
    // An escaped `[` is enough for Discord not to make a masked link; the bare URL stays visible.
    expect(description).toContain("\\[klik hier](https://evil.example/)");
    expect(description).not.toMatch(/[^\\]\[klik/);
    expect(description).toContain("\\`code\\`");
    expect(description).toContain("@everyone");
    expect(edit.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("links the source with a link button", async () => {
    const { edit } = await askSlash(harness, "Wat riep een handelaar op de kaasmarkt van Alkmaar?");
    const links = edit.body.components
      .flatMap((row: { components: Array<{ style: number; url?: string }> }) => row.components)
      .filter((button: { style: number }) => button.style === 5);
    expect(links).toEqual([expect.objectContaining({ url: "https://example.org/artikel", label: "Bron" })]);
  });

  it("shows an excerpt of a long paragraph and the whole paragraph privately on request", async () => {
    const { edit } = await askSlash(harness, "Sinds wanneer pompen de molens van Kinderdijk water uit de polder?");
    const description: string = edit.body.embeds[0].description;
    expect(description).toContain("**De molens van Kinderdijk pompen sinds 1740 het water uit de polder naar de boezem.**");
    expect(description).toContain("…");
    expect(description).toContain("Toon volledige alinea");
    expect(description.length).toBeLessThan(kinderdijk.length);
    const button = edit.body.components[0].components.find((candidate: { custom_id?: string }) => candidate.custom_id?.startsWith("full:"));
    expect(button.label).toBe("Toon volledige alinea");
    const message = [...harness.fake.messages.values()].pop()!;
    const click = buttonClick(button.custom_id, message, inGuild(harness));
    const callback = await interact(harness, click);
    expect(callback.body.type).toBe(4);
    expect(callback.body.data.flags & 64).toBe(64);
    const shown = callback.body.data.embeds.map((embed: { description: string }) => embed.description).join("\n");
    expect(shown.replace(/^> /gm, "").replace(/\*\*/g, "").replace(/\s+/g, " ")).toContain(kinderdijk.replace(/\s+/g, " "));
  });

  it("splits an answer over Discord's limits into several messages without losing a word", async () => {
    const { interaction, edit } = await askSlash(harness, "Wat bouwden de arbeiders op de zeppelinwerf in Friedrichshafen?");
    // The last follow-up is the one with the buttons; the quote is never cut, so there may be several before it.
    await harness.fake.waitForRequest(
      (request) =>
        request.method === "POST" && request.path.endsWith(`/${interaction.token}`) && request.status === 200 && request.body?.components?.length > 0,
    );
    const bodies = sentBodies(interaction);
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    expect(bodies[0]).toBe(edit.body);
    for (const body of bodies) {
      expect(body.embeds.length).toBeLessThanOrEqual(10);
      let total = 0;
      for (const embed of body.embeds) {
        expect(embed.description.length).toBeLessThanOrEqual(4096);
        total += embed.description.length + (embed.footer?.text.length ?? 0);
      }
      expect(total).toBeLessThanOrEqual(6000);
      expect(body.content ?? "").toHaveLength(0);
      expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    }
    // Buttons only under the last part; every part of the answer sentence is there.
    expect(bodies[0].components).toEqual([]);
    expect(bodies[bodies.length - 1].components.length).toBeGreaterThan(0);
    const text = bodies.flatMap((body) => body.embeds.map((embed: { description: string }) => embed.description)).join(" ");
    for (const part of parts) expect(text).toContain(`${part},`.replace(/,$/, ""));
    expect(text).toContain("onderdeel499 en nog veel meer.");
  });
});
