import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  makeURLSearchParams,
  PermissionFlagsBits,
  Routes,
  type REST,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

/** The option of `/ask` that carries the question. Interactions always send this default name. */
export const questionOption = "vraag";

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

/** Option names of `/refresh` (Dutch by default, like `vraag`; English clients see the localization). */
export const refreshOptions = { action: "actie", url: "url", file: "bestand" } as const;

/** The option of `/feedback` that picks a page (Dutch by default; English clients see `page`). */
export const feedbackPageOption = "pagina";

/** The command names the bot handles. */
export const commandNames = { ask: "ask", status: "status", refresh: "refresh", help: "help", feedback: "feedback" } as const;

const guildAndDm = [InteractionContextType.Guild, InteractionContextType.BotDM];

/**
 * Where moderators' commands are offered: hidden from members without Manage Server, and only in a
 * server, since server permissions only exist there (so not in DMs).
 */
const moderatorsOnly = {
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

/**
 * The slash commands, with English defaults and Dutch localizations (the option stays `vraag` by
 * default, as documented; English clients see it as `question`). `/refresh` and `/feedback` are
 * hidden from members without Manage Server by `default_member_permissions`; the handlers check
 * again at run time because server admins can override that default.
 */
export function buildCommands(options: { maxQuestionLength: number }): CommandDefinition[] {
  return [askCommand(options.maxQuestionLength), statusCommand(), refreshCommand(), helpCommand(), feedbackCommand()];
}

function askCommand(maxQuestionLength: number): CommandDefinition {
  return {
    name: commandNames.ask,
    type: ApplicationCommandType.ChatInput,
    description: "Ask a question about the news article",
    description_localizations: { nl: "Stel een vraag over het nieuwsartikel" },
    contexts: guildAndDm,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: questionOption,
        name_localizations: { "en-US": "question", "en-GB": "question" },
        description: "Your question, in Dutch or English",
        description_localizations: { nl: "Je vraag, in het Nederlands of het Engels" },
        required: true,
        // Discord enforces this in the client, so most oversized questions never reach the bot.
        max_length: Math.min(maxQuestionLength, 6000),
      },
    ],
  };
}

function statusCommand(): CommandDefinition {
  return {
    name: commandNames.status,
    type: ApplicationCommandType.ChatInput,
    description: "Corpus version, size and embedder",
    description_localizations: { nl: "Versie en omvang van het corpus en de embedder" },
    contexts: guildAndDm,
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

function refreshCommand(): CommandDefinition {
  return {
    name: commandNames.refresh,
    type: ApplicationCommandType.ChatInput,
    description: "Re-read the corpus and rebuild the index (moderators)",
    description_localizations: { nl: "Lees het corpus opnieuw in en bouw de index opnieuw (moderators)" },
    ...moderatorsOnly,
    options: [
      {
        type: ApplicationCommandOptionType.String,
        name: refreshOptions.action,
        name_localizations: { "en-US": "action", "en-GB": "action" },
        description: "Refresh (default) or go back one version",
        description_localizations: { nl: "Verversen (standaard) of één versie terugzetten" },
        required: false,
        choices: [
          { name: "verversen", name_localizations: { "en-US": "refresh", "en-GB": "refresh" }, value: "refresh" },
          { name: "terugzetten", name_localizations: { "en-US": "rollback", "en-GB": "rollback" }, value: "rollback" },
        ],
      },
      {
        type: ApplicationCommandOptionType.String,
        name: refreshOptions.url,
        description: "An article URL to add",
        description_localizations: { nl: "De link van een artikel om toe te voegen" },
        required: false,
      },
      {
        type: ApplicationCommandOptionType.Attachment,
        name: refreshOptions.file,
        name_localizations: { "en-US": "file", "en-GB": "file" },
        description: "A .txt, .md or .html article to add",
        description_localizations: { nl: "Een artikel als .txt, .md of .html om toe te voegen" },
        required: false,
      },
    ],
  };
}

function feedbackCommand(): CommandDefinition {
  return {
    name: commandNames.feedback,
    type: ApplicationCommandType.ChatInput,
    description: "👍/👎 per corpus version and the latest 👎 answers (moderators)",
    description_localizations: { nl: "👍/👎 per corpusversie en de laatste 👎-antwoorden (moderators)" },
    ...moderatorsOnly,
    options: [
      {
        type: ApplicationCommandOptionType.Integer,
        name: feedbackPageOption,
        name_localizations: { "en-US": "page", "en-GB": "page" },
        description: "Which page of the report (default 1)",
        description_localizations: { nl: "Welke pagina van het overzicht (standaard 1)" },
        required: false,
        min_value: 1,
      },
    ],
  };
}

function helpCommand(): CommandDefinition {
  return {
    name: commandNames.help,
    type: ApplicationCommandType.ChatInput,
    description: "How to use Nieuwsbot",
    description_localizations: { nl: "Zo gebruik je Nieuwsbot" },
    contexts: guildAndDm,
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/**
 * The fields that matter when comparing a definition with a registered command, with Discord's
 * defaults filled in: a registered command comes back with ids, versions, `null`s and omitted
 * `required: false`, none of which make it different.
 */
function canonical(command: unknown): unknown {
  const value = command as Record<string, unknown>;
  return {
    name: value.name,
    type: value.type ?? ApplicationCommandType.ChatInput,
    description: value.description ?? "",
    name_localizations: sortedObject(value.name_localizations),
    description_localizations: sortedObject(value.description_localizations),
    default_member_permissions: value.default_member_permissions ?? null,
    contexts: sortedList(value.contexts),
    integration_types: sortedList(value.integration_types),
    nsfw: value.nsfw ?? false,
    options: ((value.options as unknown[] | undefined) ?? []).map(canonicalOption),
  };
}

function canonicalOption(option: unknown): unknown {
  const value = option as Record<string, unknown>;
  return {
    type: value.type,
    name: value.name,
    description: value.description ?? "",
    name_localizations: sortedObject(value.name_localizations),
    description_localizations: sortedObject(value.description_localizations),
    required: value.required ?? false,
    autocomplete: value.autocomplete ?? false,
    min_length: value.min_length ?? null,
    max_length: value.max_length ?? null,
    min_value: value.min_value ?? null,
    max_value: value.max_value ?? null,
    choices: value.choices ?? [],
    channel_types: sortedList(value.channel_types),
    options: ((value.options as unknown[] | undefined) ?? []).map(canonicalOption),
  };
}

function sortedObject(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
}

function sortedList(value: unknown): unknown[] | null {
  return Array.isArray(value) ? [...value].sort() : null;
}

/**
 * Names of the commands that differ between the definitions and what Discord has registered
 * (added, removed or changed). Empty means nothing needs to be written. Pure; order-insensitive.
 */
export function diffCommands(wanted: readonly CommandDefinition[], registered: readonly unknown[]): string[] {
  const have = new Map(registered.map((command) => [String((command as { name?: unknown }).name), command]));
  const differences: string[] = [];
  for (const command of wanted) {
    const current = have.get(command.name);
    if (!current) differences.push(`+${command.name}`);
    else if (JSON.stringify(canonical(current)) !== JSON.stringify(canonical(command))) differences.push(`~${command.name}`);
    have.delete(command.name);
  }
  for (const name of have.keys()) differences.push(`-${name}`);
  return differences;
}

export interface SyncResult {
  scope: "global" | "guild";
  changed: boolean;
  /** `+name` added, `~name` changed, `-name` removed. */
  differences: string[];
}

/**
 * Compares the definitions with the registered commands (globally, or for one guild, which
 * applies instantly) and overwrites them with one bulk PUT only when they differ, so restarts do
 * not churn Discord's command cache.
 */
export async function syncCommands(
  rest: REST,
  applicationId: string,
  guildId: string | undefined,
  definitions: readonly CommandDefinition[],
): Promise<SyncResult> {
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.get(route, { query: makeURLSearchParams({ with_localizations: true }) })) as unknown[];
  const differences = diffCommands(definitions, Array.isArray(registered) ? registered : []);
  if (differences.length > 0) await rest.put(route, { body: definitions });
  return { scope: guildId ? "guild" : "global", changed: differences.length > 0, differences };
}
