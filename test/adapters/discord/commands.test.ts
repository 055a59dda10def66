import { describe, expect, it } from "vitest";
import { buildCommands, diffCommands } from "../../../adapters/discord/commands.js";
import { loadDiscordConfig, normalizeApiUrl } from "../../../adapters/discord/discord-config.js";
import { redactToken } from "../../../adapters/discord/discord-bot.js";
import { languageFromLocale } from "../../../adapters/shared/locale-language.js";
import { inviteUrl } from "../../../adapters/discord/invite-url.js";
import { stripBotMentions } from "../../../adapters/discord/message-handler.js";
import { ConfigError } from "../../../src/port/errors.js";

const definitions = buildCommands({ maxQuestionLength: 500 });

/** What Discord sends back for a registered command: ids, versions, nulls, omitted defaults. */
function asRegistered(command: (typeof definitions)[number]): Record<string, unknown> {
  return {
    ...command,
    id: "1234567890123456789",
    application_id: "1234567890123456788",
    version: "1234567890123456787",
    default_member_permissions: command.default_member_permissions ?? null,
    dm_permission: true,
    nsfw: false,
    name_localizations: null,
    options: command.options?.map((option) => ({ ...option, description_localizations: { ...option.description_localizations } })),
  };
}

describe("slash command definitions", () => {
  it("defines /ask vraag, /status, /refresh and /feedback (Manage Server) and /help with Dutch localizations", () => {
    expect(definitions.map((command) => command.name)).toEqual(["ask", "status", "refresh", "help", "feedback"]);
    const ask = definitions[0]!;
    expect(ask.options).toEqual([expect.objectContaining({ name: "vraag", type: 3, required: true, max_length: 500 })]);
    expect(ask.description_localizations?.nl).toBeTruthy();
    expect(definitions.find((command) => command.name === "refresh")!.default_member_permissions).toBe("32");
    const feedback = definitions.find((command) => command.name === "feedback")!;
    expect(feedback.default_member_permissions).toBe("32");
    expect(feedback.options).toEqual([expect.objectContaining({ name: "pagina", type: 4, required: false, min_value: 1 })]);
    for (const command of definitions) expect(command.description_localizations?.nl).toBeTruthy();
  });

  it("finds no difference with what Discord returns for the same definitions", () => {
    expect(diffCommands(definitions, definitions.map(asRegistered).reverse())).toEqual([]);
  });

  it("names added, changed and removed commands", () => {
    const registered = definitions.map(asRegistered).filter((command) => command.name !== "help");
    registered.find((command) => command.name === "refresh")!.default_member_permissions = null;
    registered.push({ name: "oud", description: "weg", type: 1 });
    expect(diffCommands(definitions, registered).sort()).toEqual(["+help", "-oud", "~refresh"]);
  });

  it("notices a changed option (e.g. a new maximum question length)", () => {
    expect(diffCommands(buildCommands({ maxQuestionLength: 800 }), definitions.map(asRegistered))).toEqual(["~ask"]);
  });
});

describe("Discord configuration and helpers", () => {
  it("parses the variables and normalises the REST base", () => {
    const config = loadDiscordConfig({
      DISCORD_TOKEN: "Bot abc.def.ghi",
      DISCORD_API_URL: "http://127.0.0.1:9999/api/v10/",
      DISCORD_GUILD_ID: "123456789012345678",
      DISCORD_MODERATOR_ROLE_IDS: "123456789012345678, 223456789012345678",
    });
    expect(config).toEqual({
      token: "abc.def.ghi",
      apiUrl: "http://127.0.0.1:9999/api",
      guildId: "123456789012345678",
      moderatorRoleIds: ["123456789012345678", "223456789012345678"],
      applicationId: undefined,
      shards: "auto",
      shardSpawnDelayMs: 5500,
    });
    expect(normalizeApiUrl("http://127.0.0.1:9999")).toBe("http://127.0.0.1:9999/api");
    expect(normalizeApiUrl("https://proxy.example/discord/api")).toBe("https://proxy.example/discord/api");
  });

  it("names every wrong variable at once", () => {
    try {
      loadDiscordConfig({ DISCORD_TOKEN: "x", DISCORD_API_URL: "nope", DISCORD_GUILD_ID: "12", DISCORD_MODERATOR_ROLE_IDS: "a,b" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variables.sort()).toEqual(["DISCORD_API_URL", "DISCORD_GUILD_ID", "DISCORD_MODERATOR_ROLE_IDS"]);
    }
  });

  it("builds the invite URL with both scopes and the needed permissions", () => {
    const url = new URL(inviteUrl("123456789012345678"));
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    const bits = BigInt(url.searchParams.get("permissions")!);
    for (const bit of [10n, 11n, 14n, 16n, 38n]) expect(bits & (1n << bit)).not.toBe(0n);
  });

  it("strips the bot's user and role mentions from a question", () => {
    expect(stripBotMentions("<@42> <@!42>  Welk systeem? <@&7>", "42", ["7"])).toBe("Welk systeem?");
    expect(stripBotMentions("<@43> vraag", "42")).toBe("<@43> vraag");
  });

  it("maps Discord locales to the bot's language and redacts token parts", () => {
    expect(languageFromLocale("en-US")).toBe("en");
    expect(languageFromLocale("nl")).toBe("nl");
    expect(languageFromLocale("de")).toBe("nl");
    expect(redactToken("x abc123.def456.ghi789 y ghi789", "abc123.def456.ghi789")).toBe("x [redacted] y [redacted]");
  });
});
