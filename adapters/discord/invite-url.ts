import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from "discord.js";

/**
 * What the bot needs in a channel: see it, read the message it answers (replies reference it),
 * post answers with embeds and buttons, and answer inside threads.
 */
export const requiredPermissions = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
]);

/** The OAuth2 URL a server admin opens to add the bot with slash commands and those permissions. */
export function inviteUrl(applicationId: string): string {
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "),
    permissions: requiredPermissions.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
