import { describe, expect, it } from "vitest";
import { slashCommand, user, type BuiltInteraction } from "../fakes/discord-payloads.js";
import { eventually, inGuild, startHarness } from "../adapters/discord/discord-harness.js";
import { writeSyntheticCorpus } from "../bench/synthetic-corpus.js";

const questions = [
  "Welk luchtafweersysteem levert Duitsland?",
  "Wie is de Duitse minister van Defensie?",
  "Met wie sprak Zelenski?",
  "How many Nasams batteries did Washington deliver?",
  "Wie won het WK voetbal?",
];

describe("faults under load through the Discord adapter", () => {
  it("the gateway drops mid-burst while REST answers 429s and a refresh runs: every /ask answered exactly once", async () => {
    const h = await startHarness({ limits: { questionsPerWindow: 1000 } });
    try {
      // Enough corpus that the refresh is still running while the burst is answered.
      await writeSyntheticCorpus(h.corpusDir, 3000, { seed: 11 });
      h.fake.rateLimitNext("PATCH", /\/messages\/@original$/, 6, 0.2);
      h.fake.rateLimitNext("POST", /\/callback$/, 4, 0.2);
      const versionBefore = h.core.status().corpusVersion;
      const refresh = h.core.refresh({ platform: "test" });

      const burst: BuiltInteraction[] = Array.from({ length: 60 }, (_, index) =>
        slashCommand("ask", { vraag: questions[index % questions.length]! }, inGuild(h, { user: user(`lezer${index}`) })),
      );
      const send = (interaction: BuiltInteraction) => h.fake.dispatch("INTERACTION_CREATE", interaction.payload);
      burst.slice(0, 20).forEach(send);
      // No close frame, as when a network path dies: the client must notice, reconnect and RESUME.
      h.fake.gateway.drop({ terminate: true });
      // These arrive while the bot is away; Discord keeps them for the RESUME replay.
      burst.slice(20, 40).forEach(send);
      await eventually(() => h.fake.gateway.connected, "the client back on the gateway", 20_000);
      burst.slice(40).forEach(send);
      // A second drop, this time with a resumable close code, while answers are still being sent.
      h.fake.gateway.drop({ code: 4000 });

      const report = await refresh;
      const answered = (interaction: BuiltInteraction) =>
        h.fake.find((request) => request.method === "PATCH" && request.path.endsWith(`/${interaction.token}/messages/@original`) && request.status === 200);
      await eventually(() => burst.every((interaction) => answered(interaction).length > 0), "an answer to every /ask", 60_000);

      const callbacks = (interaction: BuiltInteraction) =>
        h.fake.find((request) => request.path === `/interactions/${interaction.id}/${interaction.token}/callback` && request.status < 300);
      expect(burst.filter((interaction) => callbacks(interaction).length !== 1).map((interaction) => interaction.id)).toEqual([]);
      expect(burst.filter((interaction) => answered(interaction).length !== 1).map((interaction) => interaction.id)).toEqual([]);
      expect(h.fake.gateway.resumes.length).toBeGreaterThanOrEqual(2);
      expect(h.fake.gateway.identifies).toHaveLength(1);
      expect(h.fake.find((request) => request.status === 429).length).toBe(10);
      expect(report.newVersion).toBe(versionBefore + 1);
      // Still serving afterwards.
      const after = slashCommand("ask", { vraag: "Welk luchtafweersysteem levert Duitsland?" }, inGuild(h, { user: user("nakomer") }));
      send(after);
      await eventually(() => answered(after)[0], "an answer after the storm", 10_000);
      expect(answered(after)[0]!.body.embeds[0].description).toContain("Iris-T");
    } finally {
      await h.stop();
    }
  }, 120_000);
});
