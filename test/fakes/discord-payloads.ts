/**
 * Builders for the JSON a Discord gateway sends: guilds, interactions and messages, shaped like
 * API v10 with only the fields discord.js reads. Used by the fake Discord and the adapter tests.
 */

let counter = 0n;
/** A fresh snowflake (Discord epoch timestamp in the high bits, a counter in the low ones). */
export function snowflake(): string {
  counter += 1n;
  return (((BigInt(Date.now()) - 1420070400000n) << 22n) + (counter % 4096n)).toString();
}

export interface FakeUser {
  id: string;
  username: string;
  global_name: string | null;
  discriminator: string;
  avatar: null;
  bot?: boolean;
}

export function user(username: string, options: { id?: string; bot?: boolean } = {}): FakeUser {
  return { id: options.id ?? snowflake(), username, global_name: username, discriminator: "0", avatar: null, ...(options.bot ? { bot: true } : {}) };
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channelId: string;
  /** Role ids besides @everyone: a moderator role and the bot's managed role. */
  moderatorRoleId: string;
  botRoleId: string;
}

/**
 * A guild with fresh ids. With `onShard: [id, count]` its id is chosen so that Discord's routing
 * (`(guild_id >> 22) % count`) puts it on that shard.
 */
export function guild(name = "Nieuwsredactie", options: { onShard?: [number, number] } = {}): FakeGuild {
  let id = snowflake();
  if (options.onShard) {
    const [shardId, count] = options.onShard.map(BigInt) as [bigint, bigint];
    const timestamp = BigInt(id) >> 22n;
    id = (((timestamp - (timestamp % count) + shardId) << 22n) | (BigInt(id) & 0x3fffffn)).toString();
  }
  return { id, name, ownerId: snowflake(), channelId: snowflake(), moderatorRoleId: snowflake(), botRoleId: snowflake() };
}

/** The shard Discord sends a guild's events to. */
export function shardOfGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Permission bits used in payloads. */
export const permissions = {
  /** View, send, read history, embed links: an ordinary member. */
  member: ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 14n)).toString(),
  /** An ordinary member plus Manage Server. */
  manager: ((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 14n) | (1n << 5n)).toString(),
};

export function guildChannel(fake: FakeGuild): Record<string, unknown> {
  return {
    id: fake.channelId,
    type: 0,
    guild_id: fake.id,
    name: "vragen",
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

function role(id: string, name: string, position: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions: permissions.member,
    managed: false,
    mentionable: true,
    flags: 0,
    ...extra,
  };
}

/** The GUILD_CREATE dispatch for a guild with one text channel, the bot as a member and three roles. */
export function guildCreate(fake: FakeGuild, bot: FakeUser): Record<string, unknown> {
  return {
    id: fake.id,
    name: fake.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: fake.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: "nl",
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    features: [],
    emojis: [],
    stickers: [],
    roles: [
      role(fake.id, "@everyone", 0),
      role(fake.moderatorRoleId, "Moderator", 1),
      role(fake.botRoleId, bot.username, 2, { managed: true, tags: { bot_id: bot.id } }),
    ],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [member(bot, [fake.botRoleId])],
    channels: [guildChannel(fake)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function member(who: FakeUser, roles: string[] = [], permissionBits?: string): Record<string, unknown> {
  return {
    user: who,
    nick: null,
    avatar: null,
    roles,
    joined_at: new Date().toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    ...(permissionBits ? { permissions: permissionBits } : {}),
  };
}

export interface InteractionOptions {
  applicationId: string;
  user: FakeUser;
  /** A guild interaction when set, otherwise a DM. */
  guild?: FakeGuild;
  /** DM channel id (for DMs). */
  dmChannelId?: string;
  roles?: string[];
  permissions?: string;
  locale?: string;
}

export interface BuiltInteraction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

function baseInteraction(type: number, data: Record<string, unknown>, options: InteractionOptions, extra: Record<string, unknown> = {}): BuiltInteraction {
  const id = snowflake();
  const token = `itok-${id}-${Math.random().toString(36).slice(2)}`;
  const where = options.guild
    ? {
        guild_id: options.guild.id,
        channel_id: options.guild.channelId,
        channel: guildChannel(options.guild),
        member: member(options.user, options.roles ?? [], options.permissions ?? permissions.member),
        guild_locale: "nl",
        context: 0,
        authorizing_integration_owners: { "0": options.guild.id },
      }
    : {
        channel_id: options.dmChannelId,
        channel: { id: options.dmChannelId, type: 1, recipients: [options.user], last_message_id: null, flags: 0 },
        user: options.user,
        context: 1,
        authorizing_integration_owners: { "0": snowflake() },
      };
  return {
    id,
    token,
    payload: {
      id,
      application_id: options.applicationId,
      type,
      data,
      token,
      version: 1,
      locale: options.locale ?? "nl",
      app_permissions: permissions.manager,
      entitlements: [],
      attachment_size_limit: 10_485_760,
      ...where,
      ...extra,
    },
  };
}

/** An INTERACTION_CREATE for a slash command with string options. */
export function slashCommand(name: string, stringOptions: Record<string, string>, options: InteractionOptions): BuiltInteraction {
  const data = {
    id: snowflake(),
    name,
    type: 1,
    ...(options.guild ? { guild_id: options.guild.id } : {}),
    options: Object.entries(stringOptions).map(([optionName, value]) => ({ name: optionName, type: 3, value })),
  };
  return baseInteraction(2, data, options);
}

/** An INTERACTION_CREATE for a click on a button of `message` (a message object the bot sent). */
export function buttonClick(customId: string, message: Record<string, unknown>, options: InteractionOptions): BuiltInteraction {
  return baseInteraction(3, { custom_id: customId, component_type: 2 }, options, { message });
}

export interface MessageOptions {
  author: FakeUser;
  content: string;
  guild?: FakeGuild;
  dmChannelId?: string;
  mentions?: FakeUser[];
  mentionRoles?: string[];
  mentionEveryone?: boolean;
  /** The message this one replies to (a message object). */
  replyTo?: Record<string, unknown>;
}

/** A MESSAGE_CREATE in a guild channel or (without `guild`) a DM; DMs carry `channel_type: 1`. */
export function messageCreate(options: MessageOptions): Record<string, unknown> {
  const id = snowflake();
  const reference = options.replyTo
    ? {
        message_reference: {
          type: 0,
          message_id: options.replyTo.id,
          channel_id: options.replyTo.channel_id,
          ...(options.guild ? { guild_id: options.guild.id } : {}),
        },
        referenced_message: options.replyTo,
      }
    : {};
  return {
    id,
    type: options.replyTo ? 19 : 0,
    content: options.content,
    channel_id: options.guild ? options.guild.channelId : options.dmChannelId,
    author: options.author,
    attachments: [],
    embeds: [],
    components: [],
    mentions: (options.mentions ?? []).map((mentioned) => ({ ...mentioned })),
    mention_roles: options.mentionRoles ?? [],
    mention_everyone: options.mentionEveryone ?? false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: 0,
    nonce: id,
    ...(options.guild ? { guild_id: options.guild.id, member: member(options.author) } : { channel_type: 1 }),
    ...reference,
  };
}
