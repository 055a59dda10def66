import { readdir } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { permissions, slashCommand, snowflake } from "../../fakes/discord-payloads.js";
import { startNewsSite, type NewsSite } from "../../fakes/news-site.js";
import { inGuild, interact, startHarness, type Harness } from "./discord-harness.js";

/** `/refresh actie:/url:/bestand:` through the real discord.js client and the fake Discord. */
const article = "---\ntitle: Brug\n---\nDe nieuwe brug over de Waal bij Nijmegen gaat in maart open voor fietsers.";
let site: NewsSite;
let harness: Harness | undefined;
beforeEach(async () => {
  site = await startNewsSite({
    "/cdn/brug.md": (_request, response) => {
      response.writeHead(200, { "content-type": "text/markdown" });
      response.end(article);
    },
  });
});
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await site.close();
});

/** A /refresh interaction with options; an attachment is resolved like Discord does, pointing at our loopback "CDN". */
function refresh(h: Harness, options: { actie?: string; url?: string; file?: string }, who = permissions.manager) {
  const interaction = slashCommand("refresh", {}, inGuild(h, { permissions: who }));
  const data = interaction.payload.data as { options: Array<Record<string, unknown>>; resolved?: Record<string, unknown> };
  if (options.actie) data.options.push({ name: "actie", type: 3, value: options.actie });
  if (options.url) data.options.push({ name: "url", type: 3, value: options.url });
  if (options.file) {
    const id = snowflake();
    data.options.push({ name: "bestand", type: 11, value: id });
    data.resolved = {
      attachments: {
        [id]: {
          id,
          filename: options.file,
          size: article.length,
          url: `${site.url}/cdn/${options.file}`,
          proxy_url: `${site.url}/cdn/${options.file}`,
          content_type: "text/markdown",
        },
      },
    };
  }
  return interaction;
}

async function result(h: Harness, interaction: ReturnType<typeof slashCommand>): Promise<string> {
  await interact(h, interaction);
  // On a slow machine progress edits ("Bezig: …") come first; the result is the last edit.
  const edit = await h.fake.waitForRequest(
    (request) =>
      request.method === "PATCH" &&
      request.path.includes(interaction.token) &&
      !String((request.body as { content?: string }).content ?? "").startsWith("Bezig"),
    15_000,
  );
  return String(edit.body.content);
}

describe("/refresh options on Discord", () => {
  it("actie:terugzetten goes back one version", async () => {
    harness = await startHarness();
    await result(harness, refresh(harness, {}));
    expect(harness.core.status().corpusVersion).toBe(2);
    expect(await result(harness, refresh(harness, { actie: "rollback" }))).toMatch(/^Teruggezet naar corpus v1: 1 document, 4 passages/);
    expect(harness.core.status().corpusVersion).toBe(1);
  });

  it("bestand: adds the uploaded article to the corpus", async () => {
    harness = await startHarness();
    expect(await result(harness, refresh(harness, { file: "brug.md" }))).toMatch(/^Corpus v2: 2 documenten, 5 passages — 1 nieuw/);
    expect(await readdir(harness.corpusDir)).toContain("brug.md");
    expect(site.requests).toEqual(["/cdn/brug.md"]);
  });

  it("a non-moderator's attachment is refused and never downloaded", async () => {
    harness = await startHarness();
    const interaction = refresh(harness, { file: "brug.md" }, permissions.member);
    const refused = await interact(harness, interaction);
    expect(refused.body.data.content).toContain("alleen moderators");
    expect(site.requests).toEqual([]);
    expect(harness.core.status().corpusVersion).toBe(1);
  });

  it("url: on a private address is refused in plain words; allowed when the setting is on", async () => {
    harness = await startHarness();
    const refused = await result(harness, refresh(harness, { url: `${site.url}/artikel/mijnenjagers` }));
    expect(refused).toContain("intern of lokaal adres");
    expect(harness.core.status().corpusVersion).toBe(1);
    await harness.stop();
    harness = await startHarness({ coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true" } });
    expect(await result(harness, refresh(harness, { url: `${site.url}/artikel/mijnenjagers` }))).toMatch(/^Corpus v2: 2 documenten/);
  });
});
