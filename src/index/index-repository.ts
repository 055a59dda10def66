import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import { IndexError } from "../port/errors.js";
import type { Passage } from "../port/types.js";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import { fsyncDirectory, writeFileAtomic } from "./atomic-files.js";
import { packBm25, unpackBm25, type Bm25Data, type Bm25Header } from "./bm25.js";
import type { CorpusIndex } from "./corpus-index.js";
import { manifestSchema, type IndexManifest } from "./manifest.js";
import type { OnIndexPhase } from "./index-phase.js";
import { JsonFileWriter } from "./json-writer.js";
import { int32FromBytes } from "./int32-bytes.js";
import { loadVectorStore, PositionDocstore, saveVectorStore } from "./vector-store.js";

/**
 * Index versions on disk, under `<dataDir>/index`:
 *
 *     versions/000007/{manifest.json, passages.json, bm25.json, vectors/}
 *     CURRENT          → "000007"
 *
 * A version is written into a temporary folder, flushed, and renamed into `versions/` (atomic on
 * one file system); `CURRENT` is then replaced atomically. A crash at any point leaves `CURRENT`
 * naming a complete version — the old one or the new one. Leftover temporary folders are removed
 * at the next start. The steps are announced to an optional `OnIndexPhase` hook (see
 * `index-phase.ts`); `test/refresh/crash-safety.test.ts` kills a process inside each of them.
 */
export class IndexRepository {
  readonly root: string;
  private readonly versionsDir: string;
  private readonly currentFile: string;

  constructor(
    dataDir: string,
    private readonly logger: Logger = silentLogger,
    /** Versions kept on disk for rollback. */
    private readonly keep = 5,
  ) {
    this.root = path.join(dataDir, "index");
    this.versionsDir = path.join(this.root, "versions");
    this.currentFile = path.join(this.root, "CURRENT");
  }

  /** The version `CURRENT` names, or undefined when there is none yet. */
  async currentVersion(): Promise<number | undefined> {
    try {
      const text = (await readFile(this.currentFile, "utf8")).trim();
      const version = Number.parseInt(text, 10);
      return Number.isInteger(version) && version > 0 ? version : undefined;
    } catch {
      return undefined;
    }
  }

  /** Saved versions, oldest first. */
  async versions(): Promise<number[]> {
    try {
      return (await readdir(this.versionsDir))
        .filter((name) => /^\d{6}$/.test(name))
        .map((name) => Number.parseInt(name, 10))
        .sort((a, b) => a - b);
    } catch {
      return [];
    }
  }

  async nextVersion(): Promise<number> {
    const versions = await this.versions();
    return Math.max(0, ...versions, (await this.currentVersion()) ?? 0) + 1;
  }

  async readManifest(version: number): Promise<IndexManifest> {
    const file = path.join(this.versionDir(version), "manifest.json");
    const parsed = manifestSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success) throw new IndexError("INDEX_CORRUPT", `${file} is not a valid manifest.`);
    return parsed.data;
  }

  /** Where a version's vector store (LangChain HNSWLib layout) is saved. */
  vectorsDirectory(version: number): string {
    return path.join(this.versionDir(version), "vectors");
  }

  /** Loads one saved version completely. Throws `IndexError` if any part is missing or corrupt. */
  async load(version: number, embeddings: Embeddings, efSearch: number): Promise<CorpusIndex> {
    const directory = this.versionDir(version);
    try {
      const manifest = await this.readManifest(version);
      const [passages, bm25, vectors] = await Promise.all([
        readFile(path.join(directory, "passages.json"), "utf8").then((text) => JSON.parse(text) as Passage[]),
        readBm25(directory),
        loadVectorStore(this.vectorsDirectory(version), embeddings, efSearch),
      ]);
      const labelsMatch = vectors.docstore instanceof PositionDocstore && vectors.docstore.coversExactly(manifest.passages);
      if (passages.length !== manifest.passages || bm25.lengths.length !== manifest.passages || !labelsMatch) {
        throw new Error("passages, BM25 documents and vector labels do not match the manifest");
      }
      return { manifest, passages, bm25, vectors };
    } catch (error) {
      if (error instanceof IndexError) throw error;
      throw new IndexError("INDEX_CORRUPT", `Index version ${version} in ${directory} cannot be loaded: ${(error as Error).message}`, { cause: error });
    }
  }

  /**
   * Writes a complete version beside the live one and makes it current. `documents` (corpus file
   * name → text) is stored with it so a rollback can restore the corpus files of that version.
   * `onPhase` hears `writing-vectors`, `writing-lexical-index`, `renaming`, `switching-current` and
   * `pruning` as each begins.
   */
  async save(index: CorpusIndex, documents: Record<string, string> = {}, onPhase: OnIndexPhase = ignorePhase): Promise<void> {
    const version = index.manifest.version;
    await mkdir(this.versionsDir, { recursive: true });
    const temporary = path.join(this.root, `tmp-${version}-${process.pid}-${Date.now()}`);
    try {
      await mkdir(temporary, { recursive: true });
      await this.writeVersionFiles(temporary, index, documents, onPhase);
      await onPhase("renaming");
      await fsyncDirectory(temporary);
      await rename(temporary, this.versionDir(version));
      await this.setCurrent(version, onPhase);
    } catch (error) {
      await rm(temporary, { recursive: true, force: true });
      throw new IndexError("INDEX_WRITE_FAILED", `Could not save index version ${version} under ${this.root}: ${(error as Error).message}`, { cause: error });
    }
    await onPhase("pruning");
    await this.prune(version);
  }

  /** Writes one version's files into `directory`. Separate so tests can simulate a full disk halfway. */
  protected async writeVersionFiles(
    directory: string,
    index: CorpusIndex,
    documents: Record<string, string>,
    onPhase: OnIndexPhase = ignorePhase,
  ): Promise<void> {
    await onPhase("writing-vectors");
    // Same layout as `vectorsDirectory`, inside the temporary folder that becomes the version.
    await saveVectorStore(index.vectors, path.join(directory, "vectors"));
    await onPhase("writing-lexical-index");
    const passages = await JsonFileWriter.create(path.join(directory, "passages.json"));
    await passages.array(index.passages);
    await passages.close();
    const bm25 = packBm25(index.bm25);
    await writeFile(path.join(directory, "bm25.json"), JSON.stringify(bm25.header));
    await writeFile(path.join(directory, "bm25-postings.i32"), bm25.postings);
    await writeFile(path.join(directory, "bm25-lengths.i32"), bm25.lengths);
    const texts = await JsonFileWriter.create(path.join(directory, "documents.json"));
    await texts.object(Object.entries(documents));
    await texts.close();
    // The manifest goes last: a folder without one is recognisably incomplete.
    await writeFile(path.join(directory, "manifest.json"), JSON.stringify(index.manifest, null, 2));
  }

  /** Corpus files (name → text) as they were when `version` was built; undefined if not recorded. */
  async readDocuments(version: number): Promise<Record<string, string> | undefined> {
    const text = await readFile(path.join(this.versionDir(version), "documents.json"), "utf8").catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as Record<string, string>);
  }

  /** Points `CURRENT` at an existing version (used by save and rollback); `onPhase` hears `switching-current`. */
  async setCurrent(version: number, onPhase: OnIndexPhase = ignorePhase): Promise<void> {
    await onPhase("switching-current");
    await writeFileAtomic(this.currentFile, `${String(version).padStart(6, "0")}\n`);
  }

  /** Removes temporary folders and files a crashed build, prune or `CURRENT` switch left behind. */
  async removeLeftovers(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.root);
    } catch {
      return;
    }
    for (const name of names.filter((entry) => entry.startsWith("tmp-") || entry.endsWith(".tmp"))) {
      this.logger.info("removing an unfinished index build", { name });
      await rm(path.join(this.root, name), { recursive: true, force: true });
    }
  }

  versionDir(version: number): string {
    return path.join(this.versionsDir, String(version).padStart(6, "0"));
  }

  private async prune(current: number): Promise<void> {
    const versions = (await this.versions()).filter((version) => version !== current);
    const excess = versions.length - (this.keep - 1);
    for (const version of versions.slice(0, Math.max(0, excess))) {
      // Renamed away first (atomic), so a crash halfway never leaves a half-deleted version that a
      // rollback could pick; `removeLeftovers` finishes the removal at the next start.
      const doomed = path.join(this.root, `tmp-pruned-${String(version).padStart(6, "0")}-${process.pid}`);
      try {
        await rename(this.versionDir(version), doomed);
      } catch (error) {
        // Another process pruned it first.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      await rm(doomed, { recursive: true, force: true });
    }
  }
}

const ignorePhase: OnIndexPhase = () => {};

async function readBm25(directory: string): Promise<Bm25Data> {
  const [header, postings, lengths] = await Promise.all([
    readFile(path.join(directory, "bm25.json"), "utf8").then((text) => JSON.parse(text) as Bm25Header),
    readFile(path.join(directory, "bm25-postings.i32")),
    readFile(path.join(directory, "bm25-lengths.i32")),
  ]);
  return unpackBm25(header, int32FromBytes(postings), int32FromBytes(lengths));
}
