import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { permissions, slashCommand, user } from "../../fakes/discord-payloads.js";
import type { RecordedRequest } from "../../fakes/discord-server.js";
import { articlePageHtml, startNewsSite, type NewsSite } from "../../fakes/news-site.js";
import { ManualClock } from "../../helpers/manual-clock.js";
import { askSlash, inGuild, interact, repoRoot, startHarness, type Harness } from "./discord-harness.js";

/**
 * The scheduled re-fetch of URL sources through the real discord.js client, the real core and the
 * fake Discord: a publisher's correction reaches `/ask` with no moderator, a check while a
 * moderator's `/refresh` runs is skipped, and a moderator's `/status` shows the last check. The
 * schedule runs on a manual clock against the fake news site on loopback.
 */
let harness: Harness;
let site: NewsSite;
const clock = new ManualClock();

beforeAll(async () => {
  site = await startNewsSite({
    // A slow article for a moderator's /refresh that is still running when the schedule fires.
    "/artikel/traag": (_request, response) => {
      setTimeout(() => {
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        response.end(
          articlePageHtml("De haven van Rotterdam groeit opnieuw", [
            "De haven van Rotterdam heeft vorig jaar opnieuw meer containers overgeslagen dan het jaar ervoor, meldt het havenbedrijf donderdag in zijn jaarverslag over de overslag en de bezetting van de terminals.",
            "Vooral de overslag van containers uit Azië nam toe, terwijl de aanvoer van steenkool en ruwe olie verder daalde doordat energiecentrales en raffinaderijen in Duitsland minder afnamen dan een jaar eerder.",
            "Het havenbedrijf verwacht dat de groei dit jaar doorzet, al houdt het rekening met vertraging door de drukte op de kades en met het gebrek aan personeel bij de grote containerterminals op de Maasvlakte.",
          ]),
        );
      }, 1500).unref();
    },
  });
  harness = await startHarness({
    corpus: {
      "2022-10-luchtafweer.md": await readFile(path.join(repoRoot, "corpus", "2022-10-luchtafweer.md"), "utf8"),
      "sources.txt": `${site.url}${site.live.path}\n`,
    },
    coreEnv: { FETCH_ALLOW_PRIVATE_NETWORKS: "true", REFRESH_INTERVAL_MINUTES: "30" },
    coreOptions: { schedule: { run: true, clock } },
  });
});

afterAll(async () => {
  await harness?.stop();
  await site?.close();
});

const question = "Hoeveel extra mijnenjagers stuurt Defensie naar de Oostzee?";
const manager = user("beheerder");

async function answer(): Promise<string> {
  const { edit } = await askSlash(harness, question);
  return String(edit.body.embeds[0].description);
}

function articleWith(count: string): string {
  return articlePageHtml("Nederland stuurt extra mijnenjagers naar de Oostzee", [
    `Het ministerie van Defensie stuurt volgende week ${count} extra mijnenjagers naar de Oostzee om de onderzeese infrastructuur te bewaken, zo maakte de minister donderdag bekend.`,
    "De schepen vertrekken vanuit de marinehaven in Den Helder en blijven naar verwachting drie maanden in het gebied, waar ze samenwerken met Duitse en Deense eenheden.",
    "Aanleiding is de schade aan de gaspijpleidingen eind september, die volgens de NAVO het gevolg was van sabotage. Onderzoekers proberen nog altijd te achterhalen wie erachter zat.",
  ]);
}

/** A moderator's `/status`, every message of the deferred private reply joined. */
async function moderatorStatus(): Promise<string> {
  const interaction = slashCommand("status", {}, inGuild(harness, { user: manager, permissions: permissions.manager }));
  await interact(harness, interaction);
  const mine = (request: RecordedRequest) =>
    (request.method === "PATCH" && request.path.endsWith(`/${interaction.token}/messages/@original`)) ||
    (request.method === "POST" && request.path.endsWith(`/webhooks/${harness.fake.applicationId}/${interaction.token}`));
  await harness.fake.waitForRequest((request) => mine(request) && String(request.body.content).includes("Actief sinds"), 15_000);
  return harness.fake
    .find(mine)
    .map((request) => String(request.body.content))
    .join("\n");
}

describe("sources that keep themselves fresh, on Discord", () => {
  it("a correction by the publisher changes what /ask answers, and /status shows the check", async () => {
    await clock.advanceMinutes(30);
    expect(await answer()).toContain("twee extra mijnenjagers");

    site.live.set(articleWith("vier"));
    await clock.advanceMinutes(30);
    const after = await answer();
    expect(after).toContain("vier extra mijnenjagers");
    expect(after).not.toContain("twee extra");

    const status = await moderatorStatus();
    expect(status).toMatch(/^\*\*Corpus v3\*\*/);
    expect(status).toContain("Elke 30 minuten worden de links opnieuw opgehaald.");
    expect(status).toMatch(/Laatste controle [^\n]*: ververst naar v3\./);
  });

  it("a check while a moderator's /refresh runs is skipped (busy), and the refresh is not disturbed", async () => {
    const refresh = slashCommand("refresh", { url: `${site.url}/artikel/traag` }, inGuild(harness, { user: manager, permissions: permissions.manager }));
    await interact(harness, refresh);
    await harness.fake.waitForRequest(() => site.requests.includes("/artikel/traag"), 10_000);
    const asked = site.live.requests.length;
    await clock.advanceMinutes(30);
    expect(harness.core.status().schedule?.lastCheck?.outcome).toBe("busy");
    expect(site.live.requests.length).toBe(asked);
    await harness.fake.waitForRequest((request) => request.path.includes(refresh.token) && String(request.body.content).includes("Corpus v4"), 15_000);

    const status = await moderatorStatus();
    expect(status).toMatch(/Laatste controle [^\n]*: overgeslagen, er liep al een verversing\./);
    expect(status).toMatch(/^\*\*Corpus v4\*\*/);
  });
});
