import type { Answerer, QueryRewriter } from "../answer/answerer.js";
import { extractiveAnswerer } from "../answer/extractive-answerer.js";
import type { CoreConfig } from "../config/core-config.js";
import { loadCorpus } from "../corpus/load-corpus.js";
import { corpusHash } from "../corpus/passages.js";
import { buildIndex } from "../index/build-index.js";
import type { BuildProgress } from "../index/build-index.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import { IndexRepository } from "../index/index-repository.js";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import { retrieveAll } from "../retrieval/hybrid-retriever.js";
import { detectLanguage } from "../text/language.js";
import type { Embedder } from "../../embeddings/embedder.js";
import { isNieuwsbotError, RefreshError } from "./errors.js";
import { cleanQuestion } from "./question.js";
import type { Answer, AskContext, CoreStatus, NieuwsbotCore, RefreshReport, RefreshRequest } from "./types.js";

export interface CoreOptions {
  config: CoreConfig;
  embedder: Embedder;
  logger?: Logger;
  repository?: IndexRepository;
  /** How answers are worded; extractive by default. */
  answerer?: Answerer;
  /** Extra retrieval queries (translations, standalone follow-ups); none by default. */
  rewriter?: QueryRewriter;
  onBuildProgress?: (progress: BuildProgress) => void;
}

/**
 * The retrieval core behind the `NieuwsbotCore` port. Holds exactly one loaded index version at a
 * time; every `ask` takes that reference once, so an answer is computed against one version even
 * when a refresh swaps in another halfway.
 */
export class Core implements NieuwsbotCore {
  private index!: CorpusIndex;
  private refreshing: Promise<RefreshReport> | undefined;
  private readonly logger: Logger;
  private readonly repository: IndexRepository;
  private readonly answerer: Answerer;

  private constructor(private readonly options: CoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.repository = options.repository ?? new IndexRepository(options.config.dataDir, this.logger.child("index"));
    this.answerer = options.answerer ?? extractiveAnswerer;
  }

  /**
   * Opens the saved index when it matches the corpus and the embedder, otherwise builds and saves a
   * new one. A broken corpus with a usable saved index keeps the bot running on that index.
   */
  static async open(options: CoreOptions): Promise<Core> {
    const core = new Core(options);
    await core.repository.removeLeftovers();
    core.index = await core.loadOrBuild();
    return core;
  }

  async ask(rawQuestion: string, context: AskContext): Promise<Answer> {
    const { config, embedder } = this.options;
    const question = cleanQuestion(rawQuestion, config.maxQuestionLength);
    // One snapshot for the whole answer: a refresh swapping the index meanwhile does not mix versions.
    const snapshot = this.index;
    const language = detectLanguage(question, context.languageHint);
    const queries = (await this.options.rewriter?.rewrite(question, language, context)) ?? [question];
    const candidates = await retrieveAll(snapshot, queries, (query) => embedder.embedQuery(query), config.retrieval);
    return this.answerer.answer({
      question,
      language,
      candidates,
      threshold: config.retrieval.abstainThreshold,
      corpusVersion: snapshot.manifest.version,
      titles: [...new Set(snapshot.passages.map((passage) => passage.title))],
      context,
    });
  }

  status(): CoreStatus {
    const { manifest } = this.index;
    return {
      corpusVersion: manifest.version,
      documents: manifest.documents,
      passages: manifest.passages,
      embedder: manifest.embedder,
      builtAt: manifest.builtAt,
      answerMode: this.answerer.mode,
    };
  }

  /** One refresh at a time: a second request while one runs is refused with `REFRESH_RUNNING`. */
  async refresh(request: RefreshRequest): Promise<RefreshReport> {
    if (this.refreshing) throw new RefreshError("REFRESH_RUNNING", "A refresh is already running.");
    this.refreshing = this.rebuild(request);
    try {
      return await this.refreshing;
    } finally {
      this.refreshing = undefined;
    }
  }

  async close(): Promise<void> {
    await this.refreshing?.catch(() => undefined);
  }

  private async rebuild(request: RefreshRequest): Promise<RefreshReport> {
    const started = Date.now();
    const old = this.index;
    try {
      const documents = await loadCorpus(this.options.config.corpusDir);
      const next = await this.build(documents, await this.repository.nextVersion());
      await this.repository.save(next);
      this.index = next;
      const before = new Set(old.passages.map((passage) => passage.id));
      const after = new Set(next.passages.map((passage) => passage.id));
      const unchanged = [...after].filter((id) => before.has(id)).length;
      const report: RefreshReport = {
        oldVersion: old.manifest.version,
        newVersion: next.manifest.version,
        documents: next.manifest.documents,
        passages: next.manifest.passages,
        added: after.size - unchanged,
        unchanged,
        removed: [...before].filter((id) => !after.has(id)).length,
        embedded: next.manifest.passages,
        durationMs: Date.now() - started,
      };
      this.logger.info("refresh done", { by: request, ...report });
      return report;
    } catch (error) {
      this.logger.warn("refresh failed; the previous index stays in use", { error, version: old.manifest.version });
      if (isNieuwsbotError(error)) throw error;
      throw new RefreshError("REFRESH_FAILED", `Refresh failed: ${(error as Error).message}`, { cause: error });
    }
  }

  private build(documents: Awaited<ReturnType<typeof loadCorpus>>, version: number): Promise<CorpusIndex> {
    const { config, embedder, onBuildProgress } = this.options;
    return buildIndex({ documents, embedder, hnsw: config.hnsw, version, onProgress: onBuildProgress });
  }

  private async loadOrBuild(): Promise<CorpusIndex> {
    const { config, embedder } = this.options;
    const saved = await this.loadSaved();
    let documents;
    try {
      documents = await loadCorpus(config.corpusDir);
    } catch (error) {
      if (!saved) throw error;
      this.logger.error("the corpus cannot be read; answering from the saved index", { error, version: saved.manifest.version });
      return saved;
    }
    if (saved && saved.manifest.corpusHash === corpusHash(documents)) {
      this.logger.info("loaded saved index", { version: saved.manifest.version, passages: saved.manifest.passages });
      return saved;
    }
    this.logger.info(`building index: ${saved ? "corpus changed" : "no usable saved index for this embedder"}`);
    const index = await this.build(documents, await this.repository.nextVersion());
    await this.repository.save(index);
    this.logger.info("index built", { version: index.manifest.version, passages: index.manifest.passages, ms: index.manifest.buildMs });
    return index;
  }

  /**
   * The current saved version when it was built by this embedder, else undefined. Vectors from
   * another embedder are never loaded, so two embedders' vectors cannot mix.
   */
  private async loadSaved(): Promise<CorpusIndex | undefined> {
    const { embedder, config } = this.options;
    const version = await this.repository.currentVersion();
    if (version === undefined) return undefined;
    try {
      const manifest = await this.repository.readManifest(version);
      if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
        this.logger.info(`saved index was built by ${manifest.embedder.id}; rebuilding for ${embedder.id}`);
        return undefined;
      }
      return await this.repository.load(version, embedder, config.hnsw.efSearch);
    } catch (error) {
      this.logger.warn("saved index cannot be loaded; rebuilding", { error, version });
      return undefined;
    }
  }
}
