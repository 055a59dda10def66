import type { CoreConfig } from "../config/core-config.js";
import type { CorpusDocument } from "../corpus/document.js";
import { isCorpusDocumentName, loadCorpus, parseCorpusFile } from "../corpus/load-corpus.js";
import { corpusHash, toPassages } from "../corpus/passages.js";
import { IndexError, RefreshError } from "../port/errors.js";
import type { Passage, RefreshProgress, RefreshRequest } from "../port/types.js";
import { buildIndex } from "../index/build-index.js";
import { calibrateIndex, calibrationBasis } from "../calibration/calibrate.js";
import type { Lexicon } from "../lexicon/lexicon.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import { cachedEmbedding, EmbeddingCache, type VectorCache } from "../index/embedding-cache.js";
import type { IndexRepository } from "../index/index-repository.js";
import type { OnIndexPhase } from "../index/index-phase.js";
import type { Logger } from "../logging/logger.js";
import type { Embedder } from "../port/embedder.js";
import type { StagedDocument } from "../sources/staged-document.js";
import { collectSources } from "./collect-sources.js";
import { corpusDocuments, corpusFiles, CorpusWriter, restoreCorpus } from "./corpus-writer.js";
import { readSourcesFile, sourcesFileName, sourcesListed } from "../sources/sources-file.js";

/**
 * The steps of a refresh and a rollback, without the bookkeeping around them (lock, swap, audit,
 * report), which stays in the core. Each step leaves the disk consistent when it throws.
 */
export interface RefreshDeps {
  config: CoreConfig;
  embedder: Embedder;
  repository: IndexRepository;
  logger: Logger;
  /** The word knowledge questions are expanded with; calibration depends on it. */
  lexicon: Lexicon;
  /** Hears the crash-relevant phases of builds, saves and rollbacks (see `index-phase.ts`). */
  onPhase?: OnIndexPhase;
  /** Where embeddings are cached; the file cache in `DATA_DIR` by default (shared mode: the database's). */
  vectorCache?: VectorCache;
  /** The number of the version being built; the repository's next by default (shared mode: the database's). */
  nextVersion?: () => Promise<number>;
  /**
   * Called with a new version and its corpus files after it is built and before it is saved or its
   * files are moved into the corpus folder (shared mode commits it to the corpus of record here).
   * When it throws, nothing is saved and the folder stays as it was.
   */
  publish?: (index: CorpusIndex, files: Record<string, string>) => Promise<void>;
}

export interface BuiltVersion {
  index: CorpusIndex;
  /** Passages that really went through the embedder (the rest came from the cache). */
  embedded: number;
}

/**
 * Builds the next version in memory, embedding only passages the cache has not seen, and extending
 * `previous`'s HNSW graph when most passages are unchanged. If that graph cannot be read, the
 * version is built from scratch instead: a damaged old version must not block every refresh.
 */
export async function buildVersion(
  deps: RefreshDeps,
  documents: CorpusDocument[],
  onProgress?: (progress: RefreshProgress) => void,
  previous?: CorpusIndex,
): Promise<BuiltVersion> {
  const { config, embedder, repository, logger, lexicon } = deps;
  const { embed, stats } = cachedEmbedding(embedder, deps.vectorCache ?? (await EmbeddingCache.open(config.dataDir, embedder)));
  const version = await (deps.nextVersion ?? (() => repository.nextVersion()))();
  const build = (from?: CorpusIndex) =>
    buildIndex({
      documents,
      embedder,
      hnsw: config.hnsw,
      version,
      embed,
      onProgress,
      onPhase: deps.onPhase,
      calibrate: (index) => calibrateIndex(index, embedder, config.retrieval, lexicon),
      previous: from && { index: from, vectorsDirectory: repository.vectorsDirectory(from.manifest.version) },
    });
  let index: CorpusIndex | undefined;
  if (previous) {
    try {
      index = await build(previous);
    } catch (error) {
      if (error instanceof IndexError) throw error;
      logger.warn(`could not extend the HNSW graph of v${previous.manifest.version}; building from scratch`, { error });
    }
  }
  index ??= await build();
  return { index, embedded: stats.embedded };
}

/** A refresh's outcome: the version now serving, and whether it is a new one. */
export interface RefreshedVersion extends BuiltVersion {
  /**
   * True when the corpus folder plus fetched sources came out exactly as `previous` was built
   * (same files, same bytes): nothing was built or written and `index` is `previous`.
   */
  sameAsBefore: boolean;
}

export interface RebuildOptions {
  /** false: the corpus folder only, no URL fetched. */
  fetch?: boolean;
  /** Documents fetched already, used instead of fetching the request's and `sources.txt`'s URLs. */
  staged?: StagedDocument[];
  /**
   * The corpus files (`corpusFiles`' form) to refresh instead of the corpus folder's, `sources.txt`'s
   * URLs included (shared mode: the database's current version with this host's changes applied).
   * A new version's files then replace the folder's (`restoreCorpus`) once it is saved.
   */
  start?: Record<string, string>;
}

/**
 * A refresh: the corpus folder plus fetched URLs and the upload, built into a new version and
 * saved — or, when that adds up to exactly the corpus `previous` was built from, nothing at all
 * (no version is made for a refresh that changes nothing). New corpus files are staged under
 * hidden names and renamed into place only after the index that includes them is saved, so a
 * failure anywhere leaves folder and index as they were. `fetch: false` (the start-up refresh)
 * reads the folder only: no URL is fetched while the bot starts. `staged` (the scheduled check) gives
 * the documents already fetched instead: only the articles whose text changed, fetched once.
 */
export async function rebuildFromSources(
  deps: RefreshDeps,
  request: RefreshRequest,
  noteSources: (origins: string[]) => void,
  previous?: CorpusIndex,
  options: RebuildOptions = {},
): Promise<RefreshedVersion> {
  const { config, repository } = deps;
  const { start } = options;
  const listed = start ? sourcesListed(start[sourcesFileName] ?? "") : await readSourcesFile(config.corpusDir);
  const staged = options.staged ?? (options.fetch === false ? [] : await collectSources(request, listed, config.fetch));
  noteSources(staged.map((document) => document.origin));
  const added = staged.map((document) => parseCorpusFile(document.file, new TextEncoder().encode(document.content)));
  const current = start ? corpusDocuments(start) : await loadCorpus(config.corpusDir);
  const documents = [...current.filter((document) => !added.some((fresh) => fresh.file === document.file)), ...added].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
  );
  // Same file names and bytes as the version serving: staged files equal what is on disk already.
  if (previous && corpusHash(documents) === previous.manifest.corpusHash) return { index: previous, embedded: 0, sameAsBefore: true };
  const built = await buildVersion(deps, documents, request.onProgress, previous);
  const writer = new CorpusWriter(config.corpusDir);
  try {
    if (!start) await writer.stage(Object.fromEntries(staged.map((document) => [document.file, document.content])));
    request.onProgress?.({ phase: "saving", done: 0, total: 1 });
    const files = start
      ? { ...start, ...Object.fromEntries(added.map((document) => [document.file, document.raw])) }
      : await corpusFiles(config.corpusDir, documents);
    await deps.publish?.(built.index, files);
    await repository.save(built.index, files, deps.onPhase);
    await writer.commit();
    // The folder holds the new version, files other hosts changed included (this host's own are there already).
    if (start) await restoreCorpus(config.corpusDir, config.dataDir, files);
  } catch (error) {
    await writer.discard();
    throw error;
  }
  return { ...built, sameAsBefore: false };
}

/** Goes back to the newest saved version older than `current`, corpus files included. */
export async function rollBackOneVersion(deps: RefreshDeps, current: CorpusIndex): Promise<BuiltVersion> {
  const { config, embedder, repository, logger } = deps;
  const version = current.manifest.version;
  const target = (await repository.versions()).filter((candidate) => candidate < version).at(-1);
  if (target === undefined) throw new RefreshError("NOTHING_TO_ROLL_BACK", `There is no saved version older than v${version} to go back to.`);
  const manifest = await repository.readManifest(target);
  if (manifest.embedder.id !== embedder.id) {
    throw new RefreshError("NOTHING_TO_ROLL_BACK", `Version v${target} was built by ${manifest.embedder.id}, not by ${embedder.id}.`);
  }
  const previous = await loadVersion(deps, target);
  const files = await repository.readDocuments(target);
  await deps.onPhase?.("restoring-corpus");
  if (files) await restoreCorpus(config.corpusDir, config.dataDir, files);
  else logger.warn(`v${target} did not record its corpus files; the corpus folder is left as it is`);
  await repository.setCurrent(target, deps.onPhase);
  return { index: previous, embedded: 0 };
}

/**
 * Loads a saved version. Its calibration was measured with the lexicon and scoring of its day;
 * when the operator has since installed (or removed) the dictionary, or a new release scores
 * differently, the version is calibrated again in memory before it answers anything.
 */
export async function loadVersion(deps: RefreshDeps, version: number): Promise<CorpusIndex> {
  const { config, embedder, repository, logger, lexicon } = deps;
  const index = await repository.load(version, embedder, config.hnsw.efSearch);
  if (index.manifest.calibration.basis === calibrationBasis(lexicon, config.retrieval)) return index;
  const calibration = await calibrateIndex(index, embedder, config.retrieval, lexicon);
  logger.info(`v${version} was calibrated on another basis (${index.manifest.calibration.lexicon}, an older release or other constants); calibrated again`, {
    threshold: calibration.threshold,
  });
  return { ...index, manifest: { ...index.manifest, calibration } };
}

/**
 * The passages of a saved version that this process cannot load (built by another embedder, or
 * damaged), read from the corpus files it recorded, so a rebuild can still say what changed since.
 * Empty when the version recorded none or they cannot be read.
 */
export async function recordedPassages(repository: IndexRepository, version: number): Promise<Passage[]> {
  try {
    const files = (await repository.readDocuments(version)) ?? {};
    const documents = Object.entries(files)
      .filter(([name]) => isCorpusDocumentName(name))
      .map(([name, text]) => parseCorpusFile(name, new TextEncoder().encode(text)));
    return toPassages(documents);
  } catch {
    return [];
  }
}
