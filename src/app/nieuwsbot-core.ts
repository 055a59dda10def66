import { rm } from "node:fs/promises";
import type { Answerer, QueryRewriter } from "../answer/answerer.js";
import { extractiveAnswerer } from "../answer/extractive-answerer.js";
import { smallTalkAnswer } from "../answer/small-talk-answer.js";
import { overviewAnswer } from "../answer/overview.js";
import type { CoreConfig } from "../config/core-config.js";
import { refreshReportText } from "../answer/refresh-messages.js";
import { corpusFingerprint } from "../corpus/load-corpus.js";
import { acquireRefreshLock, refreshLockFile, tryLockFile, waitForLockRelease } from "../index/refresh-lock.js";
import { appendAudit, auditSummary, lastRefreshOf, readAuditTail, type AuditEntry } from "../refresh/audit-log.js";
import {
  loadVersion,
  rebuildFromSources,
  recordedPassages,
  rollBackOneVersion,
  type BuiltVersion,
  type RebuildOptions,
  type RefreshDeps,
  type RefreshedVersion,
} from "../refresh/refresh-steps.js";
import { refreshReport, requestedSources } from "../refresh/refresh-report.js";
import { IndexWatcher } from "../refresh/index-watcher.js";
import type { SourceRecord } from "../refresh/schedule-state.js";
import { SourceSchedule, type ScheduleClock, type ScheduledRun } from "../refresh/source-schedule.js";
import { readSourcesFile } from "../sources/sources-file.js";
import type { CheckAudit } from "./scheduled-check.js";
import type { CorpusIndex } from "../index/corpus-index.js";
import type { Calibration } from "../index/manifest.js";
import { IndexRepository } from "../index/index-repository.js";
import type { OnIndexPhase } from "../index/index-phase.js";
import type { Logger } from "../logging/logger.js";
import { silentLogger } from "../logging/logger.js";
import { retrieveAll, type Candidate } from "../retrieval/hybrid-retriever.js";
import { HybridRetriever } from "../retrieval/langchain-retriever.js";
import { analyzeQuery } from "../retrieval/query.js";
import { namesOnly, type Lexicon } from "../lexicon/lexicon.js";
import { detectLanguage } from "../text/language.js";
import type { Embedder } from "../port/embedder.js";
import { isNieuwsbotError, RefreshError, type NieuwsbotError } from "../port/errors.js";
import { cleanQuestion } from "../port/question.js";
import { redactUrlCredentials } from "../util/url-credentials.js";
import type { Answer, AskContext, CoreStatus, FullStatus, Language, NieuwsbotCore, RefreshProgress, RefreshReport, RefreshRequest } from "../port/types.js";
import { documentDetails, documentList } from "./core-status.js";
import type { SharedStores } from "./shared-stores.js";
import { buildLocalOnly, localOnlyVersion, refreshRefusal, SharedReplica, toCorpusFiles } from "./shared-replica.js";
import { VersionListener } from "../shared-state/version-listener.js";
import type { CorpusAuthor } from "../shared-state/corpus-record.js";

export interface CoreOptions {
  config: CoreConfig;
  embedder: Embedder;
  logger?: Logger;
  repository?: IndexRepository;
  /** How answers are worded; extractive by default. */
  answerer?: Answerer;
  /** Extra retrieval queries (translations, standalone follow-ups); none by default. */
  rewriter?: QueryRewriter;
  /** Names (CLDR) and, when installed, a bilingual dictionary for questions in other words. */
  lexicon?: Lexicon;
  onBuildProgress?: (progress: RefreshProgress) => void;
  /** Hears the crash-relevant phases of every build, save and rollback (see `index-phase.ts`). */
  onIndexPhase?: OnIndexPhase;
  /**
   * The scheduled re-fetch of URL sources (`REFRESH_INTERVAL_MINUTES`, `src/refresh/source-schedule.ts`):
   * `run` makes this process check (bot processes do; others only show the shared state in `status()`).
   * Tests pass a manual clock and an interval in milliseconds.
   */
  schedule?: { run?: boolean; clock?: ScheduleClock; intervalMs?: number };
  /** The chat model behind a generative `answerer`, for `/status` (provider and model name only). */
  languageModel?: { provider: string; model: string };
  /** Shared mode (`DATABASE_URL`): the PostgreSQL stores, opened by `bootstrap`; closed with the core. */
  shared?: SharedStores;
}

/**
 * The retrieval core behind the `NieuwsbotCore` port. Holds exactly one loaded index version at a
 * time; every `ask` takes that reference once, so an answer is computed against one version even
 * when a refresh swaps in another halfway.
 */
export class Core implements NieuwsbotCore {
  private index!: CorpusIndex;
  /** The refresh, rollback or scheduled check this process is running. */
  private refreshing: Promise<unknown> | undefined;
  private schedule: SourceSchedule | undefined;
  private watcher: IndexWatcher | undefined;
  /** Shared mode: the corpus of record, and the listener that hears its current version. */
  private readonly replica: SharedReplica | undefined;
  private listener: VersionListener | undefined;
  private readonly logger: Logger;
  private readonly repository: IndexRepository;
  private readonly answerer: Answerer;
  private readonly lexicon: Lexicon;
  private readonly startedAt = new Date().toISOString();
  private closing = false;

  private constructor(private readonly options: CoreOptions) {
    this.logger = options.logger ?? silentLogger;
    this.repository = options.repository ?? new IndexRepository(options.config.dataDir, this.logger.child("index"), options.config.keepVersions);
    this.answerer = options.answerer ?? extractiveAnswerer;
    this.lexicon = options.lexicon ?? namesOnly;
    this.replica = options.shared && new SharedReplica(options.shared);
  }

  /**
   * Opens the saved version when it matches the corpus folder and the embedder. Otherwise — the
   * folder changed since, or nothing usable is saved (first start, another embedder) — opening is
   * itself a refresh of the folder, the **start-up refresh**: one new version, audited with
   * `by: { platform: "startup" }` and logged with its summary, exactly like a moderator's refresh
   * but without fetching any URL. A folder that cannot be read keeps the saved version serving
   * (the failure is logged and audited); with nothing saved, it is thrown.
   */
  static async open(options: CoreOptions): Promise<Core> {
    const core = new Core(options);
    await core.removeLeftovers();
    if (options.shared) {
      core.index = await core.openShared(options.shared);
      core.listen(options.shared);
    } else {
      core.index = await core.openIndex();
      core.watch();
    }
    await core.openSchedule();
    return core;
  }

  /**
   * For `npm run ingest`: opens the saved version as it is, without the start-up refresh, and runs
   * `request` against it, so a change made to the corpus folder is found, counted and audited once,
   * by this request. With no usable saved version the refresh is the first build (`oldVersion` is
   * then the version `CURRENT` names, or 0). Throws the refresh's typed error; nothing changed then.
   */
  static async openAndRefresh(options: CoreOptions, request: RefreshRequest): Promise<{ core: Core; report: RefreshReport }> {
    const core = new Core(options);
    await core.repository.removeLeftovers();
    // Shared mode: the host's folder as it is now becomes the next corpus version (nothing is pulled first).
    await options.shared?.auditOutbox.start();
    const { index, report } = await core.runExclusive(request, await core.loadSaved());
    core.index = index;
    core.watch();
    return { core, report };
  }

  /**
   * Shared mode's start: the database's current version (this replica's corpus folder seeds an empty
   * database), built or loaded in this `DATA_DIR`; then every version announced later is adopted.
   * The start-up refresh of file mode does not happen: changes reach the corpus of record through
   * refreshes (`/refresh`, uploads, URLs, `npm run ingest`), never by a replica's folder differing.
   */
  private async openShared(shared: SharedStores): Promise<CorpusIndex> {
    await shared.auditOutbox.start();
    try {
      return await this.openRecord();
    } catch (error) {
      if (!(isNieuwsbotError(error) && error.code === "DATABASE_UNAVAILABLE")) throw error;
      // Questions need only the local index: serve the version this host last had; the listener catches up.
      const saved = await this.loadSaved();
      if (saved) {
        this.logger.warn(`the shared database is unreachable; answering from saved version v${saved.manifest.version} until it returns`);
        return saved;
      }
      // A new host has no version of the database yet: its own folder answers until the database does (`listen`).
      const { index } = await buildLocalOnly(this.deps, this.options.onBuildProgress);
      this.logger.warn(
        `the shared database is unreachable and this host has no saved index: answering from its own corpus folder as local version v${localOnlyVersion} ` +
          "(not shared; refreshes refused) until the database returns",
      );
      return index;
    }
  }

  /** The database's current version (seeded if empty), loaded or built here. */
  private async openRecord(): Promise<CorpusIndex> {
    const { config } = this.options;
    const started = Date.now();
    const { version, seeded } = await this.replica!.currentOrSeed(config.corpusDir, { platform: "startup" });
    // The version saved here lends its HNSW graph to a build; loaded only when it is not the one wanted (that one loads anyway).
    const previous = async () => ((await this.repository.currentVersion()) === version ? undefined : this.loadSaved());
    const { index, embedded } = await this.withLocalLock(async () => this.replica!.materialize(this.deps, version, await previous()));
    this.logger.info(`serving corpus version v${version} of the shared database (${embedded} passages embedded here)`, { passages: index.manifest.passages });
    if (seeded) {
      // The seed is the record's first version: audited like file mode's start-up refresh, so /status names it.
      const report = refreshReport({
        action: "refresh",
        sources: [],
        oldVersion: 0,
        before: [],
        after: index,
        nothingChanged: false,
        embedded,
        durationMs: Date.now() - started,
      });
      await this.audit({ by: { platform: "startup" }, action: "refresh", sources: [], oldVersion: 0, report });
    }
    return index;
  }

  /**
   * Hears every version the database makes current from now on (the one serving is skipped), once
   * its schema is known current — at once, or when a database unreachable at start-up returns.
   */
  private listen(shared: SharedStores): void {
    shared
      .ready(() => this.closing)
      .then(
        async () => {
          // A host serving its own folder switches to the database's current version first.
          if (this.index.manifest.version === localOnlyVersion) await this.joinRecord();
          if (this.closing) return;
          this.listener = new VersionListener(shared.database, {
            ...shared.listener,
            logger: this.logger.child("versions"),
            onVersion: (announced) => this.adoptShared(announced),
          });
        },
        (error: unknown) => {
          if (!this.closing) this.logger.error("the shared database cannot be used; this replica stays on its version", { error });
        },
      );
  }

  /**
   * Leaves the local-only version for the database's current one (an empty database is seeded from
   * this folder), exactly as a start with the database up would have; counts as a refresh while it
   * runs. A failure is logged: the listener, started next, still catches up on the current version.
   */
  private async joinRecord(): Promise<void> {
    await this.refreshesDone();
    if (this.closing) return;
    try {
      await this.asRefresh(async () => this.swap(await this.openRecord()));
    } catch (error) {
      this.logger.warn(`the shared database answers again, but its current version cannot be served yet; staying on local version v${localOnlyVersion}`, {
        error,
      });
    }
  }

  /**
   * Switches to a version the database announced (another replica's refresh or rollback), built or
   * loaded here. Waits for this process's own refresh first: its own commit is announced too, and
   * is then the version already serving. Counts as a refresh while it runs, so a moderator's
   * refresh on this replica does not start from a corpus folder being rewritten.
   */
  private async adoptShared(version: number): Promise<void> {
    await this.refreshesDone();
    if (this.closing || version === this.index.manifest.version) return;
    try {
      await this.asRefresh(async () => {
        // The listener hands over the newer version once it reads it; a stale one is not worth a switch.
        if (!(await this.replica!.stillCurrent(version))) return;
        const { index, embedded } = await this.withLocalLock(() => this.replica!.materialize(this.deps, version, this.index));
        this.swap(index);
        this.logger.info(`switched to corpus version v${version} from the shared database (${embedded} passages embedded here)`);
      });
    } catch (error) {
      this.logger.warn(`corpus version v${version} cannot be used here; staying on v${this.index.manifest.version}`, { error });
    }
  }

  /** Until no refresh of this process runs (one that started meanwhile is waited for too); its failure is its caller's. */
  private async refreshesDone(): Promise<void> {
    while (this.refreshing) await this.refreshing.catch(() => undefined);
  }

  /**
   * Runs `work` as this process's one refresh: `refreshing` is set from its first step to its last,
   * so a moderator's refresh is refused, a scheduled check is skipped and a version switch waits.
   */
  private async asRefresh<T>(work: () => Promise<T>): Promise<T> {
    const run = work();
    this.refreshing = run;
    try {
      return await run;
    } finally {
      this.refreshing = undefined;
    }
  }

  /**
   * Builds in `DATA_DIR` under its file lock, so processes sharing it on one host (shards) build a
   * version once: the others wait and then find it saved.
   */
  private async withLocalLock<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.localLock();
    try {
      return await work();
    } finally {
      await release();
    }
  }

  /**
   * Clears what a crashed build left in `DATA_DIR` — only while no live process holds the lock
   * file, since a held lock means its build is still writing those files.
   */
  private async removeLeftovers(): Promise<void> {
    const release = await tryLockFile(refreshLockFile(this.options.config.dataDir));
    if (!release) return;
    try {
      await this.repository.removeLeftovers();
    } finally {
      await release();
    }
  }

  /** The lock file of `DATA_DIR`, waiting while another process of this host holds it. */
  private async localLock(): Promise<() => Promise<void>> {
    const { dataDir } = this.options.config;
    for (;;) {
      const release = await acquireRefreshLock(dataDir).catch(async (error: unknown) => {
        if (!(isNieuwsbotError(error) && error.code === "REFRESH_RUNNING")) throw error;
        await waitForLockRelease(dataDir);
        return undefined;
      });
      if (release) return release;
    }
  }

  private watch(): void {
    const { watchIntervalMs } = this.options.config;
    // Shared mode hears new versions from the database instead of polling `CURRENT`.
    if (watchIntervalMs <= 0 || this.options.shared) return;
    this.watcher = new IndexWatcher(this.repository, watchIntervalMs, (version) => this.adoptVersion(version));
    this.watcher.start();
  }

  private async openSchedule(): Promise<void> {
    const { config, schedule } = this.options;
    if (config.refreshIntervalMinutes <= 0) return;
    this.schedule = await SourceSchedule.open({
      dataDir: config.dataDir,
      // Shared mode: one schedule for every host, in the database.
      store: this.options.shared?.schedule,
      intervalMinutes: config.refreshIntervalMinutes,
      intervalMs: schedule?.intervalMs,
      clock: schedule?.clock,
      logger: this.logger.child("schedule"),
      check: (known) => this.checkSources(known),
      watchIntervalMs: config.watchIntervalMs,
    });
    if (!schedule?.run) return;
    this.schedule.start();
    this.logger.info(`URL sources in sources.txt are checked every ${config.refreshIntervalMinutes} min`);
  }

  async ask(rawQuestion: string, context: AskContext): Promise<Answer> {
    const { config } = this.options;
    const question = cleanQuestion(rawQuestion, config.maxQuestionLength);
    // One snapshot for the whole answer: a refresh swapping the index meanwhile does not mix versions.
    const snapshot = this.index;
    const language = detectLanguage(question, context.languageHint);
    // "hoi", "bedankt!", "wat kun je?": a friendly word back, not "the article doesn't answer that".
    const chat = smallTalkAnswer({ question, language, corpusVersion: snapshot.manifest.version, titles: documentTitles(snapshot) });
    if (chat) return chat;
    // "Waar gaat het artikel over?": the article's gist, not "the article doesn't answer that".
    const overview = overviewAnswer({ question, language, passages: snapshot.passages, corpusVersion: snapshot.manifest.version });
    if (overview) return overview;
    const texts = (await this.options.rewriter?.rewrite(question, language, context)) ?? [question];
    const candidates = await this.search(snapshot, texts, language);
    return this.answerer.answer({
      question,
      language,
      candidates,
      threshold: this.threshold(snapshot.manifest.calibration),
      corpusVersion: snapshot.manifest.version,
      titles: documentTitles(snapshot),
      context,
    });
  }

  /**
   * The core's retrieval as a LangChain `BaseRetriever`, for chains that expect one. Each query is
   * cleaned, its language detected and analysed exactly as `ask` does it (the same lexicon and
   * retrieval settings), and searched against the index version live at that moment; no answer is
   * worded and no rewrite asked of a language model. Documents come best first (see `HybridRetriever`).
   * An empty or oversized query rejects with `UserInputError`, as in `ask`.
   */
  retriever(): HybridRetriever {
    return new HybridRetriever(async (rawQuery) => {
      const query = cleanQuestion(rawQuery, this.options.config.maxQuestionLength);
      return this.search(this.index, [query], detectLanguage(query));
    });
  }

  /** Candidates for a question and its rewrites (`texts`), analysed with the core's lexicon, best first. */
  private search(snapshot: CorpusIndex, texts: readonly string[], language: Language): Promise<Candidate[]> {
    const queries = [...new Set(texts)].map((text) => analyzeQuery(text, language, this.lexicon));
    return retrieveAll(snapshot, queries, (text) => this.embedQuery(text), this.options.config.retrieval);
  }

  /**
   * A hosted embedder can go down after start-up; the question is then answered from the lexical
   * (BM25) index alone instead of failing. An empty vector makes the vector search return nothing.
   */
  private async embedQuery(query: string): Promise<number[]> {
    try {
      return await this.options.embedder.embedQuery(query);
    } catch (error) {
      this.logger.warn("query embedding failed; answering from the lexical index only", { error });
      return [];
    }
  }

  status(): CoreStatus {
    return this.statusOf(this.index);
  }

  /** What `status()` says about one index version; everything in it is in memory. */
  private statusOf(index: CorpusIndex): CoreStatus {
    const { manifest } = index;
    return {
      corpusVersion: manifest.version,
      documents: manifest.documents,
      passages: manifest.passages,
      embedder: manifest.embedder,
      builtAt: manifest.builtAt,
      answerMode: this.answerer.mode,
      calibration: {
        ...manifest.calibration,
        threshold: this.threshold(manifest.calibration),
        overridden: this.options.config.retrieval.abstainThreshold !== undefined,
      },
      documentList: documentList(index),
      languageModel: this.answerer.mode === "generative" ? this.options.languageModel : undefined,
      startedAt: this.startedAt,
      schedule: this.schedule?.status(),
    };
  }

  /**
   * `status()` of the version serving now, plus the corpus files' times and the audit log's latest
   * entry, read on every call: another process sharing `DATA_DIR` may have refreshed (or failed to).
   */
  async fullStatus(): Promise<FullStatus> {
    // One snapshot: a refresh swapping the index while the files are read does not mix versions.
    const status = this.statusOf(this.index);
    const { corpusDir, dataDir } = this.options.config;
    const shared = this.options.shared;
    const audit = await (shared ? shared.audit.tail() : readAuditTail(dataDir)).catch((error: unknown) => {
      // An unreachable database has logged its outage once already: every /status must not say it again.
      const databaseAway = isNieuwsbotError(error) && error.code === "DATABASE_UNAVAILABLE";
      this.logger[databaseAway ? "debug" : "warn"]("could not read the audit log for /status", { error });
      return [];
    });
    return { ...status, documentList: await documentDetails(status.documentList, corpusDir, audit), lastRefresh: lastRefreshOf(audit) };
  }

  /** The operator's `ABSTAIN_THRESHOLD` when set, else the one measured for this version. */
  private threshold(calibration: Calibration): number {
    return this.options.config.retrieval.abstainThreshold ?? calibration.threshold;
  }

  /**
   * One refresh at a time, across processes too: a second request while one runs is refused with
   * `REFRESH_RUNNING` rather than queued, so a moderator never waits on an invisible queue.
   */
  async refresh(request: RefreshRequest): Promise<RefreshReport> {
    if (this.refreshing) throw new RefreshError("REFRESH_RUNNING", "A refresh is already running.");
    return this.asRefresh(async () => (await this.runExclusive(request, this.index, (index) => this.swap(index))).report);
  }

  /**
   * One scheduled check of the URL sources (the schedule calls it): under the refresh lock like any
   * refresh, so while a moderator's refresh or `npm run ingest` holds it the check is skipped as
   * `busy` — audited, never queued. Undefined when `sources.txt` lists no URL.
   */
  private async checkSources(known: Record<string, SourceRecord>): Promise<ScheduledRun | undefined> {
    const urls = await readSourcesFile(this.options.config.corpusDir);
    if (urls.length === 0) return undefined;
    if (this.refreshing) return this.skipBusy(urls);
    return this.asRefresh(() => this.checkUnderLock(urls, known));
  }

  private async checkUnderLock(urls: string[], known: Record<string, SourceRecord>): Promise<ScheduledRun> {
    const lost: LockLoss = {};
    let release: () => Promise<void>;
    try {
      release = await this.takeRefreshLock(lost, this.index);
    } catch (error) {
      if (isNieuwsbotError(error) && error.code === "REFRESH_RUNNING") return this.skipBusy(urls);
      throw error;
    }
    try {
      const { scheduledCheck } = await import("./scheduled-check.js");
      return await scheduledCheck(
        {
          config: this.options.config,
          audit: (entry) => this.auditCheck(entry),
          refreshWith: async (staged) => (await this.runLocked({ platform: "schedule" }, this.index, (index) => this.swap(index), { staged }, lost)).report,
        },
        urls,
        known,
      );
    } finally {
      await release();
    }
  }

  private async skipBusy(urls: string[]): Promise<ScheduledRun> {
    const error = new RefreshError("REFRESH_RUNNING", "Skipped: another refresh was running.");
    await this.auditCheck({ sources: urls.map(redactUrlCredentials), check: "busy", error });
    return { outcome: "busy" };
  }

  /** A scheduled check that made no version: one small line, without counts. */
  private auditCheck(entry: CheckAudit): Promise<void> {
    const version = this.index.manifest.version;
    return this.audit({ by: { platform: "schedule" }, action: "refresh", oldVersion: version, nothingChanged: entry.error ? undefined : true, ...entry });
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.schedule?.stop();
    this.watcher?.stop();
    await this.listener?.close();
    await this.refreshing?.catch(() => undefined);
    // Last: nothing above writes to the database once it has stopped (queued audit entries stay on disk).
    await this.options.shared?.auditOutbox.close();
    await this.options.shared?.database.close();
  }

  /**
   * The lock that keeps refreshes one at a time: the lock file in `DATA_DIR` in file mode, the
   * database's advisory lock across hosts in shared mode — refused with `REFRESH_DATABASE_DOWN`
   * when the database cannot be reached, since a refresh could then neither be numbered nor
   * reach the other replicas — and so while `serving` is the local-only version of a host that has not
   * reached the database yet. `lost` is marked if the database drops the lock midway.
   */
  private async takeRefreshLock(lost: LockLoss, serving: CorpusIndex | undefined): Promise<() => Promise<void>> {
    const { shared, config } = this.options;
    if (!shared) return acquireRefreshLock(config.dataDir);
    if (serving?.manifest.version === localOnlyVersion) {
      throw new RefreshError("REFRESH_DATABASE_DOWN", "Refresh refused: this host answers from its own corpus folder until it reaches the shared database.");
    }
    let releaseShared: () => Promise<void>;
    try {
      releaseShared = await shared.lock.acquire({ onLost: (reason) => (lost.reason = reason) });
    } catch (error) {
      throw refreshRefusal(error);
    }
    // And the lock file, so a process sharing this DATA_DIR does not build the same version beside us.
    const releaseLocal = await this.localLock().catch(async (error: unknown) => {
      await releaseShared();
      throw error;
    });
    return async () => {
      await releaseLocal();
      await releaseShared();
    };
  }

  /**
   * One refresh or rollback under the cross-process lock, against `old` (undefined: nothing usable
   * is loaded). `onBuilt` sees the new version before the audit is written, so answers switch as
   * soon as it is saved. Every outcome is logged and audited, a refresh that changed nothing too;
   * only `REFRESH_RUNNING` (the lock was taken) is not, since nothing was attempted.
   */
  private async runExclusive(
    request: RefreshRequest,
    old: CorpusIndex | undefined,
    onBuilt: (index: CorpusIndex) => void = () => {},
    options: RebuildOptions = {},
  ): Promise<{ index: CorpusIndex; report: RefreshReport }> {
    const lost: LockLoss = {};
    let release: () => Promise<void>;
    try {
      release = await this.takeRefreshLock(lost, old);
    } catch (error) {
      await this.auditRefusal(request, old, error);
      throw error;
    }
    try {
      return await this.runLocked(request, old, onBuilt, options, lost);
    } finally {
      await release();
    }
  }

  /**
   * Shared mode audits a refresh refused at the lock too (another host's refresh running, or the
   * database down), so the log of every host shows who asked; file mode keeps its log as it was.
   */
  private async auditRefusal(request: RefreshRequest, old: CorpusIndex | undefined, error: unknown): Promise<void> {
    if (!this.options.shared || !isNieuwsbotError(error)) return;
    const by = { platform: request.platform, userId: request.userId };
    this.logger.warn(`${request.action ?? "refresh"} by ${request.platform} refused: ${error.message}`);
    await this.audit({ by, action: request.action ?? "refresh", sources: requestedSources(request), oldVersion: old?.manifest.version ?? 0, error });
  }

  /** The refresh or rollback of `runExclusive`, for a caller that holds the refresh lock already. */
  private async runLocked(
    request: RefreshRequest,
    old: CorpusIndex | undefined,
    onBuilt: (index: CorpusIndex) => void,
    options: RebuildOptions,
    lost: LockLoss = {},
  ): Promise<{ index: CorpusIndex; report: RefreshReport }> {
    const started = Date.now();
    const action = request.action ?? "refresh";
    const by = { platform: request.platform, userId: request.userId };
    let sources = requestedSources(request);
    let oldVersion = old?.manifest.version ?? 0;
    /** The version this refresh changes: `old`, or in shared mode the database's current one. */
    let from = old;
    try {
      oldVersion = old?.manifest.version ?? (await this.repository.currentVersion()) ?? 0;
      let outcome: RefreshedVersion;
      const deps = this.refreshDeps(by, lost);
      const noteSources = (origins: string[]) => (sources = origins);
      if (action === "rollback") {
        if (!old) throw new RefreshError("NOTHING_TO_ROLL_BACK", "No usable saved version was found, so there is nothing to roll back from.");
        outcome = { ...(await (this.replica ? this.rollBackShared(deps, old, lost) : rollBackOneVersion(deps, old))), sameAsBefore: false };
        sources = [];
      } else if (this.replica) {
        // Shared mode: this host's own changes go on top of the database's current version (`refreshStart`).
        const start = await this.replica.refreshStart(deps, old);
        from = start.current?.index ?? old;
        oldVersion = from?.manifest.version ?? oldVersion;
        outcome = await rebuildFromSources(deps, request, noteSources, from, { ...options, start: start.files });
        // Nothing to add, but this host was behind: it now serves the database's current version.
        if (outcome.sameAsBefore && start.current && from !== old) await this.replica.install(deps, start.current, start.files);
      } else {
        outcome = await rebuildFromSources(deps, request, noteSources, old, options);
      }
      onBuilt(outcome.index);
      const before = from?.passages ?? (oldVersion > 0 ? await recordedPassages(this.repository, oldVersion) : []);
      const report = refreshReport({
        action,
        sources,
        oldVersion,
        before,
        after: outcome.index,
        nothingChanged: outcome.sameAsBefore,
        embedded: outcome.embedded,
        durationMs: Date.now() - started,
      });
      this.logger.info(`${action} by ${request.platform}: ${refreshReportText(report, "en")}`, { by, sources });
      await this.audit({ by, action, sources, oldVersion, report });
      return { index: outcome.index, report };
    } catch (error) {
      this.logger.warn(`${action} failed; ${oldVersion > 0 ? `version ${oldVersion} stays in use` : "there is no version to answer from"}`, { by, error });
      const refused = refreshRefusal(error);
      const typed = isNieuwsbotError(refused) ? refused : new RefreshError("REFRESH_FAILED", `${action} failed: ${(error as Error).message}`, { cause: error });
      await this.audit({ by, action, sources, oldVersion, error: typed });
      throw typed;
    }
  }

  private get deps(): RefreshDeps {
    const { config, embedder, onIndexPhase, shared } = this.options;
    return { config, embedder, repository: this.repository, logger: this.logger, lexicon: this.lexicon, onPhase: onIndexPhase, vectorCache: shared?.cache };
  }

  /**
   * The steps' dependencies for one refresh. Shared mode numbers the new version as the database
   * will (it holds the refresh lock, so no other commit comes between) and commits its corpus there
   * — moving every replica's pointer — before saving it here: the database is the record, this
   * `DATA_DIR` a cache that the version listener rebuilds if the save fails.
   */
  private refreshDeps(by: CorpusAuthor, lost: LockLoss): RefreshDeps {
    const shared = this.options.shared;
    if (!shared) return this.deps;
    return {
      ...this.deps,
      nextVersion: async () => {
        const version = await shared.corpus.nextVersion();
        // The database has no such version yet, so a local one of that number is stale (file mode's, an earlier database's).
        await rm(this.repository.versionDir(version), { recursive: true, force: true });
        return version;
      },
      publish: async (index, files) => {
        checkLockHeld(lost);
        const committed = await shared.corpus.commit(toCorpusFiles(files), by);
        if (committed !== index.manifest.version) {
          throw new RefreshError("REFRESH_FAILED", `The shared database numbered this version v${committed}, not v${index.manifest.version}.`);
        }
      },
    };
  }

  /** Shared mode's rollback: the database's pointer goes back one version first (every replica follows), then this replica. */
  private async rollBackShared(deps: RefreshDeps, current: CorpusIndex, lost: LockLoss): Promise<BuiltVersion> {
    const target = await this.replica!.rollbackTarget(current.manifest.version);
    checkLockHeld(lost);
    await this.options.shared!.corpus.setCurrent(target);
    return this.replica!.materialize(deps, target, current);
  }

  /**
   * Switches to a version another process (e.g. `npm run ingest`) made current. Skipped while this
   * process refreshes, and when the version was built by another embedder.
   */
  private async adoptVersion(version: number): Promise<void> {
    if (this.refreshing || version === this.index.manifest.version) return;
    const { embedder } = this.options;
    try {
      const manifest = await this.repository.readManifest(version);
      if (manifest.embedder.id !== embedder.id) {
        this.logger.warn(`index v${version} was built by ${manifest.embedder.id}; staying on v${this.index.manifest.version}`);
        return;
      }
      const next = await loadVersion(this.deps, version);
      if (this.refreshing) return;
      this.swap(next);
      this.logger.info(`switched to index v${version} built by another process`);
    } catch (error) {
      this.logger.warn(`index v${version} cannot be loaded; staying on v${this.index.manifest.version}`, { error });
    }
  }

  /** The one place the live index changes: a single reference assignment. */
  private swap(next: CorpusIndex): void {
    this.index = next;
  }

  private async audit(entry: {
    by: AuditEntry["by"];
    action: "refresh" | "rollback";
    sources: string[];
    oldVersion: number;
    report?: RefreshReport;
    error?: NieuwsbotError;
    /** For a scheduled check that made no version (`auditCheck`). */
    nothingChanged?: boolean;
    check?: AuditEntry["check"];
  }): Promise<void> {
    const { report, error } = entry;
    const shared = this.options.shared;
    // Shared mode: the database's audit log, through the outbox that holds entries while it is away.
    const write = shared ? (line: AuditEntry) => shared.auditOutbox.send(line) : (line: AuditEntry) => appendAudit(this.options.config.dataDir, line);
    await write({
      at: new Date().toISOString(),
      action: entry.action,
      by: entry.by,
      sources: entry.sources,
      result: error ? "failed" : "ok",
      error: error ? { code: error.code, message: error.message } : undefined,
      oldVersion: entry.oldVersion,
      newVersion: report?.newVersion ?? entry.oldVersion,
      nothingChanged: report?.nothingChanged ?? entry.nothingChanged,
      summary: report && auditSummary(report),
      // A scheduled refresh says how its check went, like the checks that refreshed nothing.
      check: entry.check ?? (entry.by.platform === "schedule" ? (error ? "failed" : report?.nothingChanged ? "unchanged" : "refreshed") : undefined),
    }).catch((auditError: unknown) => this.logger.error("could not write the audit log", { error: auditError }));
  }

  /**
   * The index to serve at start-up: the saved version if the folder still matches it, else the
   * start-up refresh's (see `open`). The refresh runs under the lock file, looking again once it
   * holds it: another process sharing `DATA_DIR` (a shard starting beside this one, `npm run ingest`)
   * may have refreshed the same change meanwhile, and a change is refreshed once.
   */
  private async openIndex(): Promise<CorpusIndex> {
    const saved = await this.loadSaved();
    if (saved && (await this.matchesFolder(saved))) {
      this.logger.info("loaded saved index", { version: saved.manifest.version, passages: saved.manifest.passages });
      return saved;
    }
    this.logger.info(
      saved
        ? `the corpus folder changed since v${saved.manifest.version}: start-up refresh`
        : "no usable saved index for this embedder: start-up refresh builds one",
    );
    return this.withLocalLock(async () => {
      const latest = (await this.repository.currentVersion()) === saved?.manifest.version ? saved : await this.loadSaved();
      if (latest && latest !== saved && (await this.matchesFolder(latest))) {
        this.logger.info(`another process refreshed the corpus meanwhile: serving its v${latest.manifest.version}`);
        return latest;
      }
      try {
        const request: RefreshRequest = { platform: "startup", onProgress: this.options.onBuildProgress };
        return (await this.runLocked(request, latest, () => {}, { fetch: false })).index;
      } catch (error) {
        if (!latest) throw error;
        this.logger.error("the corpus cannot be used; answering from the saved index", { error, version: latest.manifest.version });
        return latest;
      }
    });
  }

  /** Whether the corpus folder holds exactly the files `index` was built from. */
  private async matchesFolder(index: CorpusIndex): Promise<boolean> {
    const fingerprint = await corpusFingerprint(this.options.config.corpusDir).catch(() => undefined);
    return fingerprint === index.manifest.corpusHash;
  }

  /**
   * The current saved version when it was built by this embedder, else undefined. Vectors from
   * another embedder are never loaded, so two embedders' vectors cannot mix.
   */
  private async loadSaved(): Promise<CorpusIndex | undefined> {
    const { embedder } = this.options;
    const version = await this.repository.currentVersion();
    if (version === undefined) return undefined;
    try {
      const manifest = await this.repository.readManifest(version);
      if (manifest.embedder.id !== embedder.id || manifest.embedder.dimensions !== embedder.dimensions) {
        this.logger.info(`saved index was built by ${manifest.embedder.id}; rebuilding for ${embedder.id}`);
        return undefined;
      }
      return await loadVersion(this.deps, version);
    } catch (error) {
      this.logger.warn("saved index cannot be loaded; rebuilding", { error, version });
      return undefined;
    }
  }
}

const titlesByIndex = new WeakMap<CorpusIndex, string[]>();

/** Document titles of an index version, computed once per version (not per question: 100k passages). */
function documentTitles(index: CorpusIndex): string[] {
  let titles = titlesByIndex.get(index);
  if (!titles) {
    titles = [...new Set(index.passages.map((passage) => passage.title))];
    titlesByIndex.set(index, titles);
  }
  return titles;
}

/** Set when the database drops the shared refresh lock mid-refresh (`SharedRefreshLock`'s `onLost`). */
interface LockLoss {
  reason?: Error;
}

/** Another replica may hold the lock once it is lost: what was built must not become a version. */
function checkLockHeld(lost: LockLoss): void {
  if (lost.reason)
    throw new RefreshError("REFRESH_DATABASE_DOWN", `The refresh lost its lock on the shared database: ${lost.reason.message}`, { cause: lost.reason });
}
