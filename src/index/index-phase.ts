/**
 * The steps of building, saving and rolling back an index version that a crash can interrupt, in
 * the order a build goes through them:
 *
 * - `embedding`: passages go through the embedder (and into the embedding cache); nothing of the
 *   version is on disk yet.
 * - `writing-vectors`: the HNSW store is written into a temporary folder beside `versions/`.
 * - `writing-lexical-index`: passages, BM25 files, corpus documents and, last, the manifest.
 * - `renaming`: the finished folder is flushed and renamed into `versions/`.
 * - `switching-current`: `CURRENT` is replaced (write + rename) — by a build, or by a rollback.
 * - `pruning`: versions beyond `INDEX_KEEP_VERSIONS` are removed; the new version is already current.
 * - `restoring-corpus`: a rollback rewrites the corpus folder as the older version had it, before it
 *   switches `CURRENT`.
 *
 * A process killed in any of them restarts on a complete version: the old one up to and including
 * `switching-current`, the new one from `pruning` on.
 */
export const indexPhases = ["embedding", "writing-vectors", "writing-lexical-index", "renaming", "switching-current", "pruning", "restoring-corpus"] as const;

export type IndexPhase = (typeof indexPhases)[number];

/**
 * Hears each phase as it is entered, before the phase's first write, and is awaited: the phase
 * does not start until the returned promise settles. Injected per call (never global), so only the
 * process that asked for it — e.g. the crash test through `npm run ingest` — is told.
 */
export type OnIndexPhase = (phase: IndexPhase) => void | Promise<void>;
