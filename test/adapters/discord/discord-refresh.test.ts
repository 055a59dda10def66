import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
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
    "/cdn/sources.txt": (_request, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("https://example.org/iets-anders\n");
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
    await writeFile(path.join(harness.corpusDir, "brug.md"), article);
    await result(harness, refresh(harness, {}));
    expect(harness.core.status().corpusVersion).toBe(2);
    expect(await result(harness, refresh(harness, { actie: "rollback" }))).toMatch(
      /^Teruggezet naar corpus v1: 1 document \(1 verwijderd\), 4 passages — 0 nieuw, 0 gewijzigd, 4 ongewijzigd, 1 verwijderd/,
    );
    expect(harness.core.status().corpusVersion).toBe(1);
    expect(await readdir(harness.corpusDir)).not.toContain("brug.md");
  });

  it("a refresh with nothing to change says so and makes no version", async () => {
    harness = await startHarness();
    expect(await result(harness, refresh(harness, {}))).toMatch(/^Corpus: geen wijzigingen; nog steeds v1 \(1 document, 4 passages, \d+ ms\)$/);
    expect(harness.core.status().corpusVersion).toBe(1);
  });

  it("bestand: adds the uploaded article to the corpus", async () => {
    harness = await startHarness();
    expect(await result(harness, refresh(harness, { file: "brug.md" }))).toMatch(
      /^Corpus v2: 2 documenten \(1 nieuw\), 5 passages — 1 nieuw, 0 gewijzigd, 4 ongewijzigd, 0 verwijderd; 1 embedding berekend/,
    );
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

  it.each(["file:///etc/passwd", "gopher://example.org/1", "ftp://example.org/artikel.txt"])("url:%s is refused as not an http(s) link", async (url) => {
    harness = await startHarness({ coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true" } });
    const reply = await result(harness, refresh(harness, { url }));
    expect(reply).toContain("Dat is geen geldige http- of https-link");
    expect(reply).toContain("Er is niets veranderd");
    expect(harness.core.status().corpusVersion).toBe(1);
  });

  it("url: with a user name and password is refused without repeating them", async () => {
    harness = await startHarness({ coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true" } });
    const url = `${site.url.replace("http://", "http://redacteur:geheim@")}/artikel/mijnenjagers`;
    const reply = await result(harness, refresh(harness, { url }));
    expect(reply).toContain("Dat is geen geldige http- of https-link");
    expect(reply).toContain("http://***@127.0.0.1");
    expect(reply).not.toMatch(/geheim|redacteur/);
    expect(site.requests).toEqual([]);
  });

  it("bestand: named sources.txt is refused and the URL list is left alone", async () => {
    harness = await startHarness();
    const sourcesFile = path.join(harness.corpusDir, "sources.txt");
    await writeFile(sourcesFile, "# geen links\n");
    const reply = await result(harness, refresh(harness, { file: "sources.txt" }));
    expect(reply).toContain("Die bestandsnaam is gereserveerd");
    expect(await readFile(sourcesFile, "utf8")).toBe("# geen links\n");
    expect(harness.core.status().corpusVersion).toBe(1);
  });
});
