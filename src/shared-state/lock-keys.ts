/**
 * Advisory lock keys, in PostgreSQL's two-integer form: one space for this application (so another
 * application sharing the database cannot take our locks by accident) and one id per purpose.
 * Advisory locks are per database, so two bots on two databases of one server never meet.
 */
export const lockSpace = 0x4e42_5354; // "NBST"

export const lockIds = {
  /** Held for the duration of a migration run (transaction level). */
  migrations: 1,
  /** Held by the session of the replica running a refresh (session level). */
  refresh: 2,
  /** Held while a corpus version is numbered and committed, or the pointer moved back (transaction level). */
  corpusCommit: 3,
  /** Held by the session of the host running a scheduled check of the URL sources (session level). */
  sourceSchedule: 4,
} as const;

/** The channel a new current corpus version is announced on; the payload is the version number. */
export const versionChannel = "nieuwsbot_corpus_version";
