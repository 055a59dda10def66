import type { Migration } from "./migration.js";

/**
 * The first schema of shared mode. Everything a replica must agree on with the others lives here;
 * the index itself (HNSW + BM25) stays in each replica's `DATA_DIR`, built from the corpus of record.
 */
export const initialSchema: Migration = {
  version: 1,
  name: "initial schema: corpus of record, current version, embedding cache, feedback, audit, rate limits",
  sql: `
-- The corpus of record: every file of the corpus folder (articles and sources.txt) by its name.
CREATE TABLE documents (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (name <> ''),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Each content a document has had, byte for byte as written to the corpus folder; shared by every
-- corpus version that holds it, so a refresh that changes one file stores one new row.
CREATE TABLE document_versions (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, sha256)
);

-- A corpus version: the set of document versions one index version is built from. Numbered by the
-- database, so every replica calls the same corpus v8.
CREATE TABLE corpus_versions (
  version integer PRIMARY KEY CHECK (version > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  by_platform text NOT NULL,
  by_user_id text
);

CREATE TABLE corpus_version_documents (
  corpus_version integer NOT NULL REFERENCES corpus_versions (version) ON DELETE CASCADE,
  document_id bigint NOT NULL REFERENCES documents (id),
  document_version_id bigint NOT NULL REFERENCES document_versions (id),
  PRIMARY KEY (corpus_version, document_id)
);

-- The version every replica serves (one row). Changed together with a NOTIFY on
-- nieuwsbot_corpus_version; a rollback moves it back to an earlier version.
CREATE TABLE current_corpus_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version integer NOT NULL REFERENCES corpus_versions (version),
  changed_at timestamptz NOT NULL DEFAULT now()
);

-- Embedding cache shared by all replicas: float32 little-endian vectors by embedder and text hash.
CREATE TABLE embedding_cache (
  embedder text NOT NULL,
  text_hash text NOT NULL,
  dimensions integer NOT NULL CHECK (dimensions > 0),
  vector bytea NOT NULL CHECK (octet_length(vector) = 4 * dimensions),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (embedder, text_hash)
);

-- Feedback: the standing vote of one user on one answer (the file log's latest press). vote_order
-- orders votes by their last change, as line order does in feedback.jsonl.
CREATE SEQUENCE feedback_vote_order;
CREATE TABLE feedback_votes (
  answer_key text NOT NULL,
  user_hash text NOT NULL,
  vote_order bigint NOT NULL DEFAULT nextval('feedback_vote_order'),
  at timestamptz NOT NULL,
  platform text NOT NULL,
  rating text NOT NULL CHECK (rating IN ('up', 'down')),
  question text NOT NULL,
  answer text NOT NULL,
  passage_ids text[] NOT NULL,
  corpus_version integer NOT NULL,
  abstained boolean NOT NULL,
  answer_id text,
  paragraphs integer[],
  language text,
  PRIMARY KEY (answer_key, user_hash)
);
CREATE INDEX feedback_votes_by_order ON feedback_votes (vote_order);

-- Audit: the entry exactly as audit.jsonl holds it (json keeps its text), plus columns to select by. entry_hash makes a
-- write replayed after an outage land once.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  entry_hash text NOT NULL UNIQUE,
  at timestamptz NOT NULL,
  action text NOT NULL,
  result text NOT NULL,
  entry json NOT NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at, id);

-- rate-limiter-flexible's RateLimiterPostgres table (created here, so the limiter never issues DDL).
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
`,
};
