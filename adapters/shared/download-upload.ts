import { SourceError } from "../../src/port/errors.js";

/** Uploads larger than this are refused, before download when the platform tells the size (the corpus limit). */
export const maxUploadBytes = 2 * 1024 * 1024;

export interface DownloadUploadOptions {
  /** Size limit in bytes; default `maxUploadBytes`. */
  maxBytes?: number;
  /** Time-out for the whole download; default 30 s. */
  timeoutMs?: number;
}

/**
 * Downloads a file a moderator uploaded with `/refresh` from the platform's file server. The size
 * limit holds whatever anyone claims: a declared size (the platform's) or `Content-Length` over it
 * refuses the file before any byte is read, and the body is read as a stream that is cancelled as
 * soon as it passes the limit, so at most `maxBytes` (plus one network chunk) is ever held.
 * Throws `SourceError`: `SOURCE_TOO_LARGE`, `SOURCE_HTTP_ERROR`, `SOURCE_TIMEOUT` or `SOURCE_UNREACHABLE`.
 */
export async function downloadUpload(
  /** The download URL; resolved only after the size check (on Telegram it costs a `getFile` call). */
  url: string | (() => Promise<string>),
  fileName: string,
  declaredSize: number | undefined,
  options: DownloadUploadOptions = {},
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const maxBytes = options.maxBytes ?? maxUploadBytes;
  const tooLarge = () => new SourceError("SOURCE_TOO_LARGE", `${fileName} is larger than ${maxBytes} bytes.`, fileName);
  if ((declaredSize ?? 0) > maxBytes) throw tooLarge();
  const target = typeof url === "string" ? url : await url();
  // Our own controller, so a refused body can be dropped at once instead of draining in the background.
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([controller.signal, timeout]);
  try {
    const response = await fetch(target, { signal });
    if (!response.ok) throw new SourceError("SOURCE_HTTP_ERROR", `Downloading ${fileName} failed with HTTP ${response.status}.`, fileName);
    if (Number(response.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
    const bytes = await readAtMost(response, maxBytes);
    if (bytes === undefined) throw tooLarge();
    return { fileName, bytes };
  } catch (error) {
    if (error instanceof SourceError) throw error;
    if (timeout.aborted) throw new SourceError("SOURCE_TIMEOUT", `Downloading ${fileName} took longer than ${timeoutMs} ms.`, fileName);
    // The URL can hold a bot token (Telegram's file URLs do), so the message never repeats it.
    throw new SourceError("SOURCE_UNREACHABLE", `Downloading ${fileName} failed; the platform's file server could not be reached.`, fileName, { cause: error });
  } finally {
    // Ends the connection when the body was refused or left unread; a no-op after a full read.
    controller.abort();
  }
}

/** The whole body, or undefined as soon as it grows past `maxBytes` (the rest is never read). */
async function readAtMost(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
