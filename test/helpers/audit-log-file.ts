import { readFile } from "node:fs/promises";
import path from "node:path";

/** Every entry of `DATA_DIR/audit.jsonl` as written, oldest first; none when the file does not exist yet. */
export async function readAuditLog<Entry = Record<string, unknown>>(dataDir: string): Promise<Entry[]> {
  const text = await readFile(path.join(dataDir, "audit.jsonl"), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry);
}
