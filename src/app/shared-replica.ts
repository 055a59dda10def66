import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { isCorpusDocumentName, loadCorpus } from "../corpus/load-corpus.js";
import { corpusHash } from "../corpus/passages.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import { RefreshError, SharedStateError } from "../port/errors.js";
import type { RefreshProgress } from "../port/types.js";
import { applyHostChanges } from "../refresh/corpus-merge.js";
import { corpusDocuments, corpusFiles, restoreCorpus } from "../refresh/corpus-writer.js";
import { buildVersion, loadVersion, type BuiltVersion, type RefreshDeps } from "../refresh/refresh-steps.js";
import type { CorpusAuthor, CorpusFile } from "../shared-state/corpus-record.js";
import { sourcesFileName } from "../sources/sources-file.js";
import type { SharedStores } from "./shared-stores.js";

/**
 * The number a host without a saved index serves its own corpus folder under while the shared
 * database cannot be reached at start-up: not a version of the database (those start at 1), and
 * never saved. The host switches to the database's current version once it answers.
 */
export const localOnlyVersion = 0;

/** A database version ready to serve here: its index (loaded, or built and not saved yet) and its files. */
export interface PreparedVersion extends BuiltVersion {
  files: Record<string, string>;
  /** True when loaded from this `DATA_DIR`; false when built now (`install` saves it). */
  saved: boolean;
}

/**
 * A replica's side of the corpus of record: the database holds every corpus version and which one
 * is current; each replica keeps a copy in its own corpus folder (`CORPUS_DIR`, rewritten to the
 * current version, local edits shelved under `DATA_DIR/rolled-back/` as a rollback does) and builds
 * or loads the matching index version in its own `DATA_DIR`, numbered as in the database, so "v8"
 * means the same corpus on every host and in every answer. The saved version `CURRENT` names records
 * the files the folder last received: a refresh's base for telling this host's own changes apart.
 */
export class SharedReplica {
  constructor(private readonly stores: SharedStores) {}

  /**
   * The current version of the database; on an empty database this replica's corpus folder becomes
   * version 1 first (replicas starting together seed it once; `seeded` tells the one that did).
   */
  async currentOrSeed(corpusDir: string, by: CorpusAuthor): Promise<{ version: number; seeded: boolean }> {
    const current = await this.stores.corpus.current();
    if (current !== undefined) return { version: current, seeded: false };
    const seeded = await this.stores.corpus.seedIfEmpty(toCorpusFiles(await corpusFiles(corpusDir, await loadCorpus(corpusDir))), by);
    const version = seeded ?? (await this.stores.corpus.current());
    if (version === undefined) throw new Error("The shared database was seeded but names no current corpus version.");
    return { version, seeded: seeded !== undefined };
  }

  /**
   * Whether `version` is still the database's current version. An announcement read just before this
   * replica's own commit (or another host's) is stale by the time the replica is free to follow it;
   * following it would switch back for a moment. Unknown (the database away) counts as current.
   */
  async stillCurrent(version: number): Promise<boolean> {
    const current = await this.stores.corpus.current().catch(() => undefined);
    return current === undefined || current === version;
  }

  /**
   * The index of database version `version` in this `DATA_DIR`: the saved one when it was built from
   * exactly that corpus by this embedder, else built now (embeddings from the shared cache; `previous`
   * lends its HNSW graph). The corpus folder is then made to hold that version's files.
   */
  async materialize(deps: RefreshDeps, version: number, previous?: CorpusIndex): Promise<BuiltVersion> {
    const prepared = await this.prepare(deps, version, previous);
    await this.install(deps, prepared);
    return prepared;
  }

  /** Database version `version` loaded from this `DATA_DIR` when saved there from exactly that corpus, else built in memory. */
  async prepare(deps: RefreshDeps, version: number, previous?: CorpusIndex): Promise<PreparedVersion> {
    return this.prepareFiles(deps, version, await this.recordedFiles(version), previous);
  }

  /** `prepare` for a caller that has read the version's files already. */
  private async prepareFiles(deps: RefreshDeps, version: number, files: Record<string, string>, previous?: CorpusIndex): Promise<PreparedVersion> {
    const documents = corpusDocuments(files);
    const saved = await this.loadSaved(deps, version, corpusHash(documents));
    if (saved) return { ...saved, files, saved: true };
    // A local-only version was never saved, so it has no graph on disk to extend.
    const graph = previous?.manifest.version === localOnlyVersion ? undefined : previous;
    return { ...(await buildVersion({ ...deps, nextVersion: async () => version }, documents, undefined, graph)), files, saved: false };
  }

  /**
   * Makes a prepared version this host's: saved (or made current) in `DATA_DIR`, and the corpus folder
   * holding `folder` — its files, or (a refresh that changed no document) them with this host's
   * pending edits, such as a `sources.txt` line, which stay edits for the next refresh.
   */
  async install(deps: RefreshDeps, prepared: PreparedVersion, folder = prepared.files): Promise<void> {
    if (prepared.saved) await deps.repository.setCurrent(prepared.index.manifest.version, deps.onPhase);
    else await deps.repository.save(prepared.index, prepared.files, deps.onPhase);
    if (!(await folderHolds(deps.config.corpusDir, folder))) await restoreCorpus(deps.config.corpusDir, deps.config.dataDir, folder);
  }

  /**
   * What a refresh starts from, read under the shared refresh lock: the database's current version
   * (`current`: `serving` when that is it, else prepared here — this host was behind) and `files`, its
   * files with this host's own changes applied (`applyHostChanges`: what the corpus folder added,
   * changed or deleted since the version `CURRENT` recorded). So a host whose folder is behind adds
   * its change to the record instead of replacing the versions other hosts made since. Throws
   * `CORPUS_CONFLICT` before anything is built when a file changed both here and in the database.
   * On an empty database (`npm run ingest` before any replica seeded it) the folder is the start.
   */
  async refreshStart(deps: RefreshDeps, serving?: CorpusIndex): Promise<{ current?: PreparedVersion; files: Record<string, string> }> {
    const { repository, config } = deps;
    const ours = await corpusFiles(config.corpusDir, await loadCorpus(config.corpusDir));
    const version = await this.stores.corpus.current();
    if (version === undefined) return { files: ours };
    const theirs = await this.recordedFiles(version);
    const followed = await repository.currentVersion();
    // No saved version (or one that did not record its files): every file of the folder counts as this host's.
    const base = (followed !== undefined && (await repository.readDocuments(followed))) || {};
    const files = applyHostChanges({ base, ours, theirs });
    if (serving?.manifest.version === version && serving.manifest.corpusHash === corpusHash(corpusDocuments(theirs))) {
      return { current: { index: serving, embedded: 0, files: theirs, saved: true }, files };
    }
    return { current: await this.prepareFiles(deps, version, theirs, serving), files };
  }

  /** The version a rollback from `version` goes back to. */
  async rollbackTarget(version: number): Promise<number> {
    const target = await this.stores.corpus.versionBefore(version);
    if (target === undefined) throw new RefreshError("NOTHING_TO_ROLL_BACK", `The shared database holds no corpus version older than v${version}.`);
    return target;
  }

  /** A database version's files as name → text, byte for byte (a byte-order mark kept, as `corpusFiles` keeps it). */
  private async recordedFiles(version: number): Promise<Record<string, string>> {
    const files = await this.stores.corpus.files(version);
    if (!files) throw new RefreshError("REFRESH_FAILED", `The shared database has no corpus version ${version}.`);
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    return Object.fromEntries(files.map((file) => [file.name, decoder.decode(file.bytes)]));
  }

  /** A saved local version `version` built from the corpus with `hash` by this embedder; a stale one of that number is removed. */
  private async loadSaved(deps: RefreshDeps, version: number, hash: string): Promise<BuiltVersion | undefined> {
    const { repository, embedder } = deps;
    if (!(await repository.versions()).includes(version)) return undefined;
    try {
      const manifest = await repository.readManifest(version);
      if (manifest.corpusHash === hash && manifest.embedder.id === embedder.id && manifest.embedder.dimensions === embedder.dimensions) {
        return { index: await loadVersion(deps, version), embedded: 0 };
      }
    } catch (error) {
      deps.logger.warn(`local index v${version} cannot be loaded; building it again`, { error });
    }
    // Built from another corpus under the same number (an earlier database, file mode) or damaged.
    await rm(repository.versionDir(version), { recursive: true, force: true });
    return undefined;
  }
}

/**
 * This host's own corpus folder as version `localOnlyVersion`, for a host without a saved index that
 * starts while the database is away: built in memory with `DATA_DIR`'s file embedding cache (the
 * shared one is in the database), never saved, so a restart meanwhile builds it again.
 */
export async function buildLocalOnly(deps: RefreshDeps, onProgress?: (progress: RefreshProgress) => void): Promise<BuiltVersion> {
  const local = { ...deps, vectorCache: undefined, nextVersion: async () => localOnlyVersion };
  return buildVersion(local, await loadCorpus(deps.config.corpusDir), onProgress);
}

/** Corpus file name → text (as `corpusFiles` records it) in the database's form. */
export function toCorpusFiles(files: Record<string, string>): CorpusFile[] {
  return Object.entries(files).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) }));
}

/** A database failure that means "unreachable", as the refresh reason moderators read. */
export function refreshRefusal(error: unknown): unknown {
  if (!(error instanceof SharedStateError) || error.code !== "DATABASE_UNAVAILABLE") return error;
  return new RefreshError("REFRESH_DATABASE_DOWN", `Refresh refused: ${error.message}`, { cause: error });
}

/** Whether the corpus folder holds exactly `record` already (so its files' times stay as they are). */
async function folderHolds(corpusDir: string, record: Record<string, string>): Promise<boolean> {
  const present = (await readdir(corpusDir).catch(() => [] as string[])).filter((name) => isCorpusDocumentName(name) || name === sourcesFileName);
  const wanted = Object.keys(record).filter((name) => !(name === sourcesFileName && record[name] === ""));
  if (present.length !== wanted.length || wanted.some((name) => !present.includes(name))) return false;
  for (const name of wanted) {
    if ((await readFile(path.join(corpusDir, name), "utf8").catch(() => undefined)) !== record[name]) return false;
  }
  return true;
}
