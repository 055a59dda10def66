/** A corpus document after validation: metadata plus its paragraphs, verbatim. */
export interface CorpusDocument {
  /** File name without extension; stable across refreshes. */
  id: string;
  /** Path relative to the corpus folder. */
  file: string;
  title: string;
  published?: string;
  source?: string;
  language: string;
  paragraphs: string[];
  /** sha256 of the raw file bytes. */
  contentHash: string;
  /** The whole file as text (a byte-order mark included), kept so a rollback can restore it byte for byte. */
  raw: string;
}
