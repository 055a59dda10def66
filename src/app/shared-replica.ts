import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { CorpusDocument } from "../corpus/document.js";
import { isCorpusDocumentName, loadCorpus, parseCorpusFile } from "../corpus/load-corpus.js";
import { corpusHash } from "../corpus/passages.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import { RefreshError, SharedStateError } from "../port/errors.js";
import { corpusFiles, restoreCorpus } from "../refresh/corpus-writer.js";
import { buildVersion, loadVersion, type BuiltVersion, type RefreshDeps } from "../refresh/refresh-steps.js";
import type { CorpusAuthor, CorpusFile } from "../shared-state/corpus-record.js";
import { sourcesFileName } from "../sources/sources-file.js";
import type { SharedStores } from "./shared-stores.js";

/**
 * A replica's side of the corpus of record: the database holds every corpus version and which one
 * is current; each replica keeps a copy in its own corpus folder (`CORPUS_DIR`, rewritten to the
 * current version, local edits shelved under `DATA_DIR/rolled-back/` as a rollback does) and builds
 * or loads the matching index version in its own `DATA_DIR`, numbered as in the database, so "v8"
 * means the same corpus on every host and in every answer.
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
   * The index of database version `version` in this `DATA_DIR`: the saved one when it was built from
   * exactly that corpus by this embedder, else built now (embeddings from the shared cache; `previous`
   * lends its HNSW graph). The corpus folder is then made to hold that version's files.
   */
  async materialize(deps: RefreshDeps, version: number, previous?: CorpusIndex): Promise<BuiltVersion> {
    const files = await this.stores.corpus.files(version);
    if (!files) throw new RefreshError("REFRESH_FAILED", `The shared database has no corpus version ${version}.`);
    const record = Object.fromEntries(files.map((file) => [file.name, new TextDecoder().decode(file.bytes)]));
    const documents = recordDocuments(record);
    let built = await this.loadSaved(deps, version, corpusHash(documents));
    if (!built) {
      built = await buildVersion({ ...deps, nextVersion: async () => version }, documents, undefined, previous);
      await deps.repository.save(built.index, record, deps.onPhase);
    } else {
      await deps.repository.setCurrent(version, deps.onPhase);
    }
    if (!(await folderHolds(deps.config.corpusDir, record))) await restoreCorpus(deps.config.corpusDir, deps.config.dataDir, record);
    return built;
  }

  /** The version a rollback from `version` goes back to. */
  async rollbackTarget(version: number): Promise<number> {
    const target = await this.stores.corpus.versionBefore(version);
    if (target === undefined) throw new RefreshError("NOTHING_TO_ROLL_BACK", `The shared database holds no corpus version older than v${version}.`);
    return target;
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

/** Corpus file name → text (as `corpusFiles` records it) in the database's form. */
export function toCorpusFiles(files: Record<string, string>): CorpusFile[] {
  return Object.entries(files).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) }));
}

/** A database failure that means "unreachable", as the refresh reason moderators read. */
export function refreshRefusal(error: unknown): unknown {
  if (!(error instanceof SharedStateError) || error.code !== "DATABASE_UNAVAILABLE") return error;
  return new RefreshError("REFRESH_DATABASE_DOWN", `Refresh refused: ${error.message}`, { cause: error });
}

/** The documents of a recorded corpus, in the order the corpus loader gives them. */
function recordDocuments(record: Record<string, string>): CorpusDocument[] {
  return Object.keys(record)
    .filter(isCorpusDocumentName)
    .sort()
    .map((name) => parseCorpusFile(name, new TextEncoder().encode(record[name])));
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
