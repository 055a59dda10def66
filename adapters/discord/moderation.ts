import { PermissionFlagsBits, type Interaction } from "discord.js";

/**
 * Whether the member behind an interaction may run moderator commands: Manage Server (or
 * Administrator) in this channel, as Discord computed it for the interaction, or one of the
 * configured moderator roles. Checked at run time because `default_member_permissions` is only a
 * default that server admins can override. Outside a server (DMs) nobody is a moderator.
 */
export function isModerator(interaction: Interaction, moderatorRoleIds: readonly string[]): boolean {
  if (!interaction.inGuild()) return false;
  if (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) return true;
  if (moderatorRoleIds.length === 0) return false;
  return memberRoleIds(interaction).some((id) => moderatorRoleIds.includes(id));
}

/** Role ids of the member, from the cached member or, for an uncached server, the raw payload. */
function memberRoleIds(interaction: Interaction): string[] {
  const member = interaction.member;
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}
