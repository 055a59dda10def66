/**
 * Few error classes, split by cause, each with a stable `code` that tests and adapters match on
 * (never the message text). Adapters turn a `UserInputError` code into a friendly, localized reply.
 */

export type UserInputCode = "EMPTY_QUESTION" | "QUESTION_TOO_LONG" | "RATE_LIMITED" | "NOT_ALLOWED";
/** `CORPUS_CONFLICT`: shared mode, a file changed in this host's corpus folder and, differently, in the corpus of record. */
export type CorpusCode =
  | "CORPUS_MISSING"
  | "CORPUS_EMPTY"
  | "CORPUS_CONFLICT"
  | "FILE_EMPTY"
  | "FILE_BINARY"
  | "FILE_UNDECODABLE"
  | "FILE_TOO_LARGE"
  | "FRONT_MATTER_INVALID"
  | "NO_PARAGRAPHS";
export type IndexCode = "INDEX_CORRUPT" | "INDEX_WRITE_FAILED" | "EMBEDDING_FAILED";
/** `REFRESH_DATABASE_DOWN`: shared mode, and the database that holds the corpus of record and the lock cannot be reached. */
export type RefreshCode = "REFRESH_RUNNING" | "REFRESH_FAILED" | "NOTHING_TO_ROLL_BACK" | "REFRESH_DATABASE_DOWN";
export type ConfigCode = "CONFIG_INVALID";
/** The shared PostgreSQL database (`DATABASE_URL`): unreachable, or migrated by a newer build than this one. */
export type SharedStateCode = "DATABASE_UNAVAILABLE" | "DATABASE_SCHEMA_TOO_NEW";
export type SourceCode =
  | "SOURCE_BAD_URL"
  | "SOURCE_BLOCKED"
  | "SOURCE_UNREACHABLE"
  | "SOURCE_TIMEOUT"
  | "SOURCE_HTTP_ERROR"
  | "SOURCE_BAD_TYPE"
  | "SOURCE_TOO_LARGE"
  | "SOURCE_NOT_ARTICLE"
  | "SOURCE_BAD_UPLOAD"
  | "SOURCE_RESERVED_NAME";

export type ErrorCode = UserInputCode | CorpusCode | IndexCode | RefreshCode | ConfigCode | SourceCode | SharedStateCode;

export abstract class NieuwsbotError extends Error {
  abstract readonly code: ErrorCode;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Something the asker did (empty question, too long, too fast). Safe to show to that user. */
export class UserInputError extends NieuwsbotError {
  constructor(
    readonly code: UserInputCode,
    message: string,
    readonly details: Record<string, number | string> = {},
  ) {
    super(message);
  }
}

/** A corpus file or folder that cannot be used. `file` names the culprit so an operator can fix it. */
export class CorpusError extends NieuwsbotError {
  constructor(
    readonly code: CorpusCode,
    message: string,
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The index on disk or the embedder failed. The previous index stays in use. */
export class IndexError extends NieuwsbotError {
  constructor(
    readonly code: IndexCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A refresh could not run or did not finish. Nothing was changed. */
export class RefreshError extends NieuwsbotError {
  constructor(
    readonly code: RefreshCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A URL or uploaded file that cannot become a corpus document. `source` names it. */
export class SourceError extends NieuwsbotError {
  constructor(
    readonly code: SourceCode,
    message: string,
    readonly source: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The shared database cannot be used. Answers never depend on it (the index is local); callers fall
 * back to local state, queue writes, or refuse a refresh with this reason. The message never holds
 * the password of `DATABASE_URL`.
 */
export class SharedStateError extends NieuwsbotError {
  constructor(
    readonly code: SharedStateCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The environment is wrong. The message names the variable and the fix. */
export class ConfigError extends NieuwsbotError {
  readonly code = "CONFIG_INVALID" as const;
  constructor(
    message: string,
    readonly variables: string[],
  ) {
    super(message);
  }
}

export function isNieuwsbotError(error: unknown): error is NieuwsbotError {
  return error instanceof NieuwsbotError;
}
