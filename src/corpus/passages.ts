import { createHash } from "node:crypto";
import type { Passage } from "../port/types.js";
import type { CorpusDocument } from "./document.js";

/** Stable passage id: the document id plus a hash of the paragraph text. */
export function passageId(documentId: string, text: string): string {
  return `${documentId}#${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
}

/** Every paragraph of the corpus with its document and 1-based number, in corpus order. */
export function paragraphsOf(documents: CorpusDocument[]): { document: CorpusDocument; paragraph: number; text: string }[] {
  return documents.flatMap((document) => document.paragraphs.map((text, index) => ({ document, paragraph: index + 1, text })));
}

/** The passage for one paragraph: stable id and document metadata (sentences: `sentencesOf`). */
export function toPassage({ document, paragraph, text }: ReturnType<typeof paragraphsOf>[number]): Passage {
  return {
    id: passageId(document.id, text),
    documentId: document.id,
    paragraph,
    text,
    title: document.title,
    published: document.published,
    source: document.source,
  };
}

/** One passage per paragraph, numbered from 1. */
export function toPassages(documents: CorpusDocument[]): Passage[] {
  return paragraphsOf(documents).map(toPassage);
}

/** Hash of the whole corpus (file names and bytes): a saved index built from another corpus is stale. */
export function corpusHash(documents: ReadonlyArray<Pick<CorpusDocument, "file" | "contentHash">>): string {
  const hash = createHash("sha256");
  for (const document of documents) hash.update(`${document.file}\0${document.contentHash}\n`);
  return hash.digest("hex");
}
