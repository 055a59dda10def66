import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CorpusError } from "../../src/port/errors.js";
import { corpusFingerprint, loadCorpus, parseCorpusFile } from "../../src/corpus/load-corpus.js";
import { corpusHash, passageId, toPassages } from "../../src/corpus/passages.js";
import { repoRoot, shippedCorpus } from "../helpers/core-fixture.js";

const sharedArticle = path.join(repoRoot, "..", "shared", "corpus", "article-2022-10-luchtafweer.txt");

async function corpusWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-corpus-"));
  for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
  return dir;
}

async function corpusErrorOf(promise: Promise<unknown>): Promise<CorpusError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CorpusError);
  return error as CorpusError;
}

describe("the shipped corpus", () => {
  it("holds the article as four paragraphs with its metadata", async () => {
    const [document] = await loadCorpus(shippedCorpus);
    expect(document!.paragraphs).toHaveLength(4);
    expect(document!.published).toBe("2022-10");
    expect(document!.language).toBe("nl");
    expect(document!.paragraphs[0]!.startsWith("“Productief gesprek")).toBe(true);
    expect(document!.paragraphs[0]!.endsWith("“Inclusief geavanceerde luchtafweersystemen.")).toBe(true);
    expect(document!.paragraphs[2]).toContain("Iris-T SLM-luchtafweersystemen");
  });

  it.runIf(existsSync(sharedArticle))("keeps every paragraph byte-for-byte as received", async () => {
    const received = readFileSync(sharedArticle, "utf8")
      .replace(/^ date \d{4}-\d{2} /, "")
      .split("\n\n");
    const [document] = await loadCorpus(shippedCorpus);
    expect(document!.paragraphs).toEqual(received);
  });

  it("also reads the raw format the article was delivered in", () => {
    const document = parseCorpusFile("raw.txt", new TextEncoder().encode(" date 2022-10 Eerste alinea.\n\nTweede alinea."));
    expect(document.published).toBe("2022-10");
    expect(document.paragraphs).toEqual(["Eerste alinea.", "Tweede alinea."]);
  });
});

describe("corpus validation", () => {
  it("rejects an empty file, naming it", async () => {
    const error = await corpusErrorOf(loadCorpus(await corpusWith({ "good.md": "Tekst.", "leeg.md": "" })));
    expect(error.code).toBe("FILE_EMPTY");
    expect(error.file).toBe("leeg.md");
    expect(error.message).toContain("leeg.md");
  });

  it("rejects a binary file", async () => {
    const error = await corpusErrorOf(loadCorpus(await corpusWith({ "foto.txt": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]) })));
    expect(error.code).toBe("FILE_BINARY");
    expect(error.file).toBe("foto.txt");
  });

  it("rejects text that is not UTF-8", async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode("Oekra"), 0xef, ...new TextEncoder().encode("ne is groot.")]);
    const error = await corpusErrorOf(loadCorpus(await corpusWith({ "latin1.md": latin1 })));
    expect(error.code).toBe("FILE_UNDECODABLE");
  });

  it("rejects invalid front matter with the field at fault", async () => {
    const error = await corpusErrorOf(loadCorpus(await corpusWith({ "x.md": "---\nsource: geen-url\n---\nTekst." })));
    expect(error.code).toBe("FRONT_MATTER_INVALID");
    expect(error.message).toContain("source");
  });

  it("rejects a folder without documents and a missing folder, never returning an empty corpus", async () => {
    expect((await corpusErrorOf(loadCorpus(await corpusWith({ "sources.list": "https://example.org" })))).code).toBe("CORPUS_EMPTY");
    expect((await corpusErrorOf(loadCorpus(path.join(tmpdir(), "does-not-exist-nieuwsbot")))).code).toBe("CORPUS_MISSING");
  });

  it("rejects a document with only front matter", async () => {
    expect((await corpusErrorOf(loadCorpus(await corpusWith({ "x.md": "---\ntitle: Leeg\n---\n\n  \n" })))).code).toBe("NO_PARAGRAPHS");
  });

  it("uses a leading Markdown heading as the title", async () => {
    const dir = await corpusWith({ "kop.md": "# Een kop\n\nDe eerste alinea.\n\nDe tweede." });
    await mkdir(path.join(dir, "subfolder"));
    const [document] = await loadCorpus(dir);
    expect(document!.title).toBe("Een kop");
    expect(document!.paragraphs).toEqual(["De eerste alinea.", "De tweede."]);
  });
});

describe("passages", () => {
  it("numbers paragraphs and gives ids that depend only on document and text", async () => {
    const documents = await loadCorpus(shippedCorpus);
    const passages = toPassages(documents);
    expect(passages.map((passage) => passage.paragraph)).toEqual([1, 2, 3, 4]);
    expect(passages[2]!.id).toBe(passageId("2022-10-luchtafweer", passages[2]!.text));
    const edited = structuredClone(documents);
    edited[0]!.paragraphs[0] = "Een andere eerste alinea.";
    const after = toPassages(edited);
    expect(after.slice(1).map((passage) => passage.id)).toEqual(passages.slice(1).map((passage) => passage.id));
    expect(after[0]!.id).not.toBe(passages[0]!.id);
  });

  it("hashes the corpus so any byte change is noticed", async () => {
    const documents = await loadCorpus(shippedCorpus);
    const changed = documents.map((document) => ({ ...document, contentHash: "other" }));
    expect(corpusHash(documents)).not.toBe(corpusHash(changed));
    expect(corpusHash(documents)).toBe(corpusHash(await loadCorpus(shippedCorpus)));
  });
});

describe("corpusFingerprint (the start-up freshness check)", () => {
  it("equals the hash of the parsed corpus, and changes when a file, a name or the set of files changes", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "nieuwsbot-fingerprint-"));
    await writeFile(path.join(dir, "a.md"), "---\ntitle: A\n---\nEerste alinea.\n\nTweede alinea.");
    await writeFile(path.join(dir, "b.txt"), "Een ander bericht.");
    await writeFile(path.join(dir, "sources.txt"), "https://example.org/ignored\n");
    await mkdir(path.join(dir, "map.md"));
    const first = await corpusFingerprint(dir);
    expect(first).toBe(corpusHash(await loadCorpus(dir)));
    expect(await corpusFingerprint(shippedCorpus)).toBe(corpusHash(await loadCorpus(shippedCorpus)));

    await writeFile(path.join(dir, "b.txt"), "Een ander bericht!");
    const edited = await corpusFingerprint(dir);
    expect(edited).not.toBe(first);
    expect(edited).toBe(corpusHash(await loadCorpus(dir)));
    await writeFile(path.join(dir, "c.md"), "Nog een bericht.");
    expect(await corpusFingerprint(dir)).not.toBe(edited);
  });
});
