/**
 * The core's own vocabulary. Adapters (console, Telegram, Discord) depend on these types only;
 * nothing here knows about a chat platform.
 */

/** Languages the bot words its own text in. Quotes from the article always stay Dutch. */
export type Language = "nl" | "en";

/** One paragraph of a corpus document: the unit the bot cites. */
export interface Passage {
  /** Stable id: `<documentId>#<content hash>`. Survives a refresh that leaves the paragraph unchanged. */
  id: string;
  documentId: string;
  /** 1-based paragraph number within its document. */
  paragraph: number;
  /** The paragraph exactly as written in the corpus file. */
  text: string;
  title: string;
  /** Publication date as written in the front matter (`2022-10`, `2022-10-11`), when known. */
  published?: string;
  source?: string;
}

/** A cited passage with the sentence that supports the answer. */
export interface Citation {
  passageId: string;
  documentId: string;
  /** The whole Dutch paragraph, verbatim. */
  quote: string;
  /** The supporting sentence, verbatim, a substring of `quote`. */
  sentence: string;
  paragraph: number;
  title: string;
  published?: string;
  source?: string;
  /** Relevance in [0, 1]; higher is better. Comparable within one answer only. */
  score: number;
}

/** What `ask` returns. `citations` is empty exactly when the bot abstained. */
export interface Answer {
  /** The bot's reply in `language` (without the quote; adapters render citations themselves). */
  text: string;
  abstained: boolean;
  language: Language;
  citations: Citation[];
  /**
   * For a near-topic refusal: the passage that came closest, which the reply mentions but which does
   * not answer the question. Never set when `citations` is not empty.
   */
  nearest?: Citation;
  /** The corpus version the answer was computed against. */
  corpusVersion: number;
  /** How the answer was produced. */
  mode: "extractive" | "generative";
  /** The question after trimming, as the core understood it. */
  question: string;
}

/** Who asks, from where. Used for logs, rate limits and conversation state, never for retrieval. */
export interface AskContext {
  platform: "console" | "cli" | "telegram" | "discord" | "test";
  /** Platform user id (opaque). */
  userId?: string;
  /** Conversation key (chat, channel or thread). */
  conversationId?: string;
  /** Preferred language from the platform (e.g. Telegram's `language_code`), used when detection is unsure. */
  languageHint?: string;
}

export interface CoreStatus {
  corpusVersion: number;
  documents: number;
  passages: number;
  embedder: { id: string; dimensions: number };
  builtAt: string;
  answerMode: "extractive" | "generative";
  /** How this version's embedder scores off-topic questions, and the abstention threshold set from that. */
  calibration: {
    threshold: number;
    /** True when `ABSTAIN_THRESHOLD` overrides the measured threshold. */
    overridden: boolean;
    /** Word knowledge questions are expanded with: `cldr`, or `cldr+freedict` with the dictionary. */
    lexicon: string;
    nullQuestions: { version: number; count: number };
    similarity: { mean: number; sd: number; p95: number; max: number };
    nullRelevance: { p95: number; max: number };
  };
  /** The scheduled re-fetch of URL sources; absent when `REFRESH_INTERVAL_MINUTES` is off. */
  schedule?: ScheduleStatus;
  /** The first documents by file name (at most `statusDocumentLimit`); `documents` counts them all. */
  documentList: DocumentStatus[];
  /** The chat model generative answers come from; absent in extractive mode. Never a key or a URL. */
  languageModel?: { provider: string; model: string };
  /** When this process's core started (ISO 8601), for its uptime. */
  startedAt: string;
}

/** How many documents `/status` lists: a status is a summary, not an inventory of a 10,000-file corpus. */
export const statusDocumentLimit = 50;

/** One corpus document as `/status` lists it. Title and source are the document's own text: untrusted. */
export interface DocumentStatus {
  /** The corpus file name without its extension. */
  id: string;
  title: string;
  /** The article's link from its front matter, when it has one. */
  url?: string;
  published?: string;
  passages: number;
}

/** One document with what only the disk knows: its corpus file and when the bot last fetched or changed it. */
export interface DocumentDetails extends DocumentStatus {
  /** The corpus file name, when it is still in the folder. */
  file?: string;
  /** When a refresh last fetched `url` (from the audit log's tail), when known. */
  fetchedAt?: string;
  /** When the corpus file was last written (added, re-fetched with new text, edited, restored). */
  changedAt?: string;
}

/** The latest refresh or rollback of any process sharing `DATA_DIR`, from the audit log. */
export interface LastRefreshStatus {
  at: string;
  action: "refresh" | "rollback";
  by: { platform: RefreshRequest["platform"]; userId?: string };
  /** `unchanged`: the refresh found nothing new and made no version. */
  result: "ok" | "unchanged" | "failed";
  oldVersion: number;
  newVersion: number;
  /** Why it failed (error code and message), for `failed`. */
  reason?: string;
}

/** Everything a moderator's `/status` shows: `status()` plus what is read from disk when asked. */
export interface FullStatus extends CoreStatus {
  documentList: DocumentDetails[];
  lastRefresh?: LastRefreshStatus;
}

/** What `/status` shows of the scheduled re-fetch of URL sources (`REFRESH_INTERVAL_MINUTES`). */
export interface ScheduleStatus {
  intervalMinutes: number;
  /** The last scheduled check, in this process or another one sharing `DATA_DIR`. */
  lastCheck?: {
    at: string;
    /** `not-modified`: every URL answered 304; `unchanged`: fetched, same text; `busy`: another refresh held the lock. */
    outcome: "not-modified" | "unchanged" | "refreshed" | "failed" | "busy";
    newVersion?: number;
    /** The failure in plain words, for `failed`. */
    reason?: string;
  };
  nextCheckAt?: string;
  /** Failed checks in a row; each one lengthens the wait before the next (backoff). */
  consecutiveFailures: number;
}

/** A refresh (or rollback) and who asked for it, for the audit log. */
export interface RefreshRequest {
  /**
   * Where it was asked; `startup` is the core itself, finding the corpus folder changed when it opens;
   * `schedule` is the scheduled re-fetch of URL sources (`REFRESH_INTERVAL_MINUTES`).
   */
  platform: AskContext["platform"] | "ingest" | "startup" | "schedule";
  userId?: string;
  /** `rollback` goes back one saved version instead of re-reading the sources. */
  action?: "refresh" | "rollback";
  /** Article URLs to fetch and add to the corpus (besides those in `corpus/sources.txt`). */
  urls?: string[];
  /** A `.txt`, `.md` or `.html` file uploaded with the command, added to the corpus. */
  upload?: { fileName: string; bytes: Uint8Array };
  /** Called as the build progresses; adapters throttle it into message edits. */
  onProgress?: (progress: RefreshProgress) => void;
}

export interface RefreshProgress {
  phase: "fetching" | "embedding" | "indexing" | "saving";
  done: number;
  total: number;
}

/**
 * What a refresh or rollback did. Counts compare the version serving before with the one serving
 * after (see `src/refresh/version-diff.ts`): an edited paragraph is one `changed` passage, not one
 * new and one removed.
 */
export interface RefreshReport {
  action: "refresh" | "rollback";
  /** URLs and uploads that were added or re-fetched (URLs without credentials). */
  sources: string[];
  /** The version serving before; 0 when there was none (the first build). */
  oldVersion: number;
  /** The version serving after; equals `oldVersion` when `nothingChanged`. */
  newVersion: number;
  /** True when the sources came out exactly as the version serving was built: no version was made. */
  nothingChanged: boolean;
  documents: number;
  passages: number;
  /** Passages that are new, edited in place, the same, or gone. */
  added: number;
  changed: number;
  unchanged: number;
  removed: number;
  /** Documents (corpus files) that are new, changed in any passage or header, or gone. */
  documentsAdded: number;
  documentsChanged: number;
  documentsRemoved: number;
  /** Passages that went through the embedder (new and changed text the embedding cache did not hold). */
  embedded: number;
  durationMs: number;
}

/** The one port adapters use. */
export interface NieuwsbotCore {
  /** Answers a question about the corpus. Throws `UserInputError` for empty or oversized questions. */
  ask(question: string, context: AskContext): Promise<Answer>;
  /** What the core holds in memory: cheap, for every `/status` and for health checks. */
  status(): CoreStatus;
  /**
   * `status()` plus what only the disk knows: each listed document's corpus file and when it was
   * last fetched or changed, and the latest entry of the audit log (read from its tail, so a
   * refresh by another process sharing `DATA_DIR` shows too). For moderators.
   */
  fullStatus(): Promise<FullStatus>;
  /**
   * Re-reads the corpus (plus any URLs or upload) and swaps in a new index atomically, or rolls back
   * one version. Throws a typed error (`RefreshError`, `CorpusError`, `SourceError`, `IndexError`)
   * and keeps the old index on failure.
   */
  refresh(request: RefreshRequest): Promise<RefreshReport>;
  /** Releases timers and watchers. */
  close(): Promise<void>;
}
