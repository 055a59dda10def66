import { open, readdir, rename, writeFile, rm } from "node:fs/promises";
import path from "node:path";

/** Flushes a file or directory to disk, so a rename that follows is durable after a crash. */
export async function fsyncPath(target: string): Promise<void> {
  const handle = await open(target, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes every file in a directory, then the directory itself. */
export async function fsyncDirectory(directory: string): Promise<void> {
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) await fsyncDirectory(full);
    else if (entry.isFile()) await fsyncPath(full);
  }
  await fsyncPath(directory);
}

/**
 * Replaces `file` with `content` so a reader sees either the old or the new content, never a
 * partial write: write a temporary sibling, flush it, rename over the target, flush the folder.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temporary, content);
    await fsyncPath(temporary);
    await rename(temporary, file);
    await fsyncPath(path.dirname(file));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
