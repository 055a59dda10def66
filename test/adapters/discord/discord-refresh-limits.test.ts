import { readdir } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { oneMessageContent } from "../../../adapters/discord/discord-refresh.js";
import { maxUploadBytes } from "../../../adapters/shared/download-upload.js";
import type { Core } from "../../../src/app/nieuwsbot-core.js";
import { SourceError } from "../../../src/port/errors.js";
import type { NieuwsbotCore } from "../../../src/port/types.js";
import { permissions, slashCommand, snowflake, type BuiltInteraction } from "../../fakes/discord-payloads.js";
import { startNewsSite, type NewsSite } from "../../fakes/news-site.js";
import { eventually, inGuild, interact, pause, requestsFor, startHarness, type Harness } from "./discord-harness.js";

/** Moderator-side limits of `/refresh` on Discord, through the real discord.js client and the fake Discord. */
const longUrl = `https://nieuws.example/artikel?bron=a&b=<c>&pad=${"lang-pad-".repeat(500)}einde`;
const servedBytes = 50 * 1024 * 1024;
let site: NewsSite;
let streamed = 0;
let harness: Harness | undefined;

/** A CDN file that says nothing of its size (no Content-Length) and streams 50 MB at the pace the client reads. */
async function endlessFile(response: ServerResponse): Promise<void> {
  response.writeHead(200, { "content-type": "text/markdown" });
  let closed = false;
  response.once("close", () => (closed = true));
  const chunk = Buffer.alloc(64 * 1024, "tekst ");
  while (streamed < servedBytes && !closed) {
    streamed += chunk.length;
    if (!response.write(chunk)) await new Promise((resolve) => (response.once("drain", resolve), response.once("close", resolve)));
  }
  if (!closed) response.end();
}

beforeEach(async () => {
  streamed = 0;
  site = await startNewsSite({ "/cdn/groot.md": (_request, response) => void endlessFile(response) });
});
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await site.close();
});

/** A core whose refresh fails on `longUrl` after `delayMs`, reporting progress first (shown after 2 s). */
function failingWithLongUrl(delayMs: number): (core: Core) => NieuwsbotCore {
  return (core) => ({
    ask: (question, context) => core.ask(question, context),
    status: () => core.status(),
    fullStatus: () => core.fullStatus(),
    refresh: async (request) => {
      request.onProgress?.({ phase: "fetching", done: 0, total: 1 });
      await pause(delayMs);
      throw new SourceError("SOURCE_UNREACHABLE", "unreachable", longUrl);
    },
    close: () => core.close(),
  });
}

/** Waits until the whole refresh reply (ending in "niets veranderd") was sent; returns every message content. */
function wholeReply(h: Harness, interaction: BuiltInteraction) {
  return eventually(
    () => {
      const contents = sentContents(h, interaction);
      return contents.some((message) => message.content.includes("niets veranderd")) ? contents : undefined;
    },
    "the whole refresh reply",
    15_000,
  );
}

/** Every message content the bot sent for one interaction (the edited reply and follow-ups), in order. */
function sentContents(h: Harness, interaction: BuiltInteraction): Array<{ content: string; flags?: number; method: string }> {
  return requestsFor(h, interaction)
    .filter((request) => request.status === 200 && (request.method === "PATCH" || request.method === "POST") && !request.path.endsWith("/callback"))
    .map((request) => ({ content: String(request.body.content ?? ""), flags: request.body.flags as number | undefined, method: request.method }));
}

describe("long /refresh replies on Discord", () => {
  it("a failure reason longer than 2000 characters arrives whole: the private reply plus private follow-ups", async () => {
    harness = await startHarness({ wrapCore: failingWithLongUrl(0) });
    const interaction = slashCommand("refresh", {}, inGuild(harness, { permissions: permissions.manager }));
    await interact(harness, interaction);
    const sent = await wholeReply(harness, interaction);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent[0]!.method).toBe("PATCH");
    for (const message of sent) expect(message.content.length).toBeLessThanOrEqual(2000);
    for (const followUp of sent.slice(1)) expect((followUp.flags ?? 0) & 64).toBe(64);
    const text = sent.map((message) => message.content).join("");
    expect(text).toMatch(/^De website is niet bereikbaar\. \(/);
    expect(text).toContain(longUrl);
  });

  it("after progress, the result's first part replaces the progress in the private reply and the rest follows", async () => {
    harness = await startHarness({ wrapCore: failingWithLongUrl(2600) });
    const interaction = slashCommand("refresh", {}, inGuild(harness, { permissions: permissions.manager }));
    await interact(harness, interaction);
    const sent = await wholeReply(harness, interaction);
    const edits = sent.filter((message) => message.method === "PATCH");
    expect(edits[0]!.content).toBe("Bezig: bronnen ophalen 0 % (0/1)");
    expect(edits[edits.length - 1]!.content).toMatch(/^De website is niet bereikbaar\. \(/);
    const followUps = sent.filter((message) => message.method === "POST");
    expect(followUps.length).toBeGreaterThan(0);
    for (const followUp of followUps) expect((followUp.flags ?? 0) & 64).toBe(64);
    expect([edits[edits.length - 1]!, ...followUps].map((message) => message.content).join("")).toContain(longUrl);
  });

  it("a progress edit, which cannot be split, is shortened to one message", () => {
    expect(oneMessageContent("Bezig: bronnen ophalen 0 % (0/1)")).toBe("Bezig: bronnen ophalen 0 % (0/1)");
    const long = `Bezig: ${longUrl} ${"woord ".repeat(400)}`;
    const shortened = oneMessageContent(long);
    expect(shortened.length).toBeLessThanOrEqual(2000);
    expect(shortened.endsWith("…")).toBe(true);
    expect(long.startsWith(shortened.slice(0, -1).trimEnd())).toBe(true);
  });
});

describe("Discord attachments that lie about their size", () => {
  it("a 50 MB attachment declared as 1 kB is refused after reading just past the limit; nothing changes", async () => {
    harness = await startHarness();
    const interaction = slashCommand("refresh", {}, inGuild(harness, { permissions: permissions.manager }));
    const data = interaction.payload.data as { options: Array<Record<string, unknown>>; resolved?: Record<string, unknown> };
    const id = snowflake();
    data.options.push({ name: "bestand", type: 11, value: id });
    const url = `${site.url}/cdn/groot.md`;
    data.resolved = { attachments: { [id]: { id, filename: "groot.md", size: 1000, url, proxy_url: url, content_type: "text/markdown" } } };
    await interact(harness, interaction);
    const h = harness;
    const reply = await eventually(() => sentContents(h, interaction).find((message) => message.content.includes("te groot")), "the refusal", 15_000);
    expect(reply.content).toBe("De pagina of het bestand is te groot. (groot.md) Er is niets veranderd; de vorige versie blijft in gebruik.");
    await pause(300);
    expect(streamed).toBeGreaterThan(maxUploadBytes);
    expect(streamed).toBeLessThan(16 * 1024 * 1024);
    expect(harness.core.status().corpusVersion).toBe(1);
    expect(await readdir(harness.corpusDir)).not.toContain("groot.md");
  });
});
