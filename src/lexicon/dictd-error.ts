/**
 * Why a dictd dictionary that is present could not be used. Not a `NieuwsbotError`: the
 * dictionary is optional, so callers log `code` and `message` in one line and go on without it.
 */

/**
 * `DICT_CORRUPT`: a file does not have the dictd format (bad index line, not gzip, truncated,
 * not UTF-8). `DICT_INCOMPLETE`: the index or the dictionary file of a pair is missing.
 * `DICT_UNREADABLE`: the file system refused (permissions, a folder in the way).
 */
export type DictdErrorCode = "DICT_CORRUPT" | "DICT_INCOMPLETE" | "DICT_UNREADABLE";

export class DictdError extends Error {
  constructor(
    readonly code: DictdErrorCode,
    message: string,
    /** The file at fault. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DictdError";
  }
}
