import { SourceError } from "../../src/port/errors.js";

/** Uploads larger than this are refused, before download when the platform tells the size (the corpus limit). */
export const maxUploadBytes = 2 * 1024 * 1024;

/**
 * Downloads a file a moderator uploaded with `/refresh` from the platform's file server, with a
 * time-out and the size limit checked before (declared size) and after (real size) downloading.
 */
export async function downloadUpload(
  /** The download URL; resolved only after the size check (on Telegram it costs a `getFile` call). */
  url: string | (() => Promise<string>),
  fileName: string,
  declaredSize: number | undefined,
): Promise<{ fileName: string; bytes: Uint8Array }> {
  const tooLarge = () => new SourceError("SOURCE_TOO_LARGE", `${fileName} is larger than ${maxUploadBytes} bytes.`, fileName);
  if ((declaredSize ?? 0) > maxUploadBytes) throw tooLarge();
  const response = await fetch(typeof url === "string" ? url : await url(), { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new SourceError("SOURCE_HTTP_ERROR", `Downloading ${fileName} failed with HTTP ${response.status}.`, fileName);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > maxUploadBytes) throw tooLarge();
  return { fileName, bytes };
}
