import "dotenv/config";
import { pathToFileURL } from "node:url";
import { REST, Routes, type RESTGetCurrentApplicationResult } from "discord.js";
import { loadCoreConfig } from "../../src/config/core-config.js";
import { isNieuwsbotError } from "../../src/port/errors.js";
import { buildCommands, syncCommands, type SyncResult } from "./commands.js";
import { loadDiscordConfig } from "./discord-config.js";
import { inviteUrl } from "./invite-url.js";

/**
 * `npm run discord:register`: the same comparison and overwrite the bot does at start-up, on
 * demand and without connecting to the gateway (e.g. after changing `DISCORD_GUILD_ID`).
 */
export async function registerCommands(env: NodeJS.ProcessEnv = process.env): Promise<SyncResult & { applicationId: string }> {
  const config = loadDiscordConfig(env);
  const rest = new REST(config.apiUrl ? { api: config.apiUrl } : {}).setToken(config.token);
  const applicationId = config.applicationId ?? ((await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult).id;
  const definitions = buildCommands({ maxQuestionLength: loadCoreConfig(env).maxQuestionLength });
  const result = await syncCommands(rest, applicationId, config.guildId, definitions);
  return { ...result, applicationId };
}

// Run only as a script, not when a test imports `registerCommands`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  registerCommands()
    .then((result) => {
      const where = result.scope === "guild" ? "to the guild" : "globally (may take up to an hour to show everywhere)";
      process.stdout.write(
        result.changed
          ? `Slash commands registered ${where}: ${result.differences.join(" ")}\n`
          : `Slash commands are already up to date (${result.scope}); nothing written.\n`,
      );
      process.stdout.write(`Invite URL: ${inviteUrl(result.applicationId)}\n`);
    })
    .catch((error: unknown) => {
      // Config errors name the variable to fix; anything else is a Discord or network error.
      process.stderr.write(`${isNieuwsbotError(error) ? error.message : String((error as Error)?.message ?? error)}\n`);
      process.exit(1);
    });
}
