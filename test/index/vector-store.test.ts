import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { afterEach, describe, expect, it } from "vitest";
import { HashingEmbedder } from "../../embeddings/hashing-embeddings.js";
import { buildVectorStore, loadVectorStore, PositionDocstore, saveVectorStore, searchVectors } from "../../src/index/vector-store.js";

const texts = [
  "Duitsland levert het luchtafweersysteem Iris-T aan Oekraïne.",
  "De Britse premier sprak met Zelenski over munitie.",
  "Washington stuurt extra Nasams-batterijen.",
  "De minister van Defensie bezocht de kazerne in Brabant.",
  "Het kabinet bespreekt de dijkversterking langs de Waal.",
];
const embedder = new HashingEmbedder(64);
const settings = { m: 8, efConstruction: 40, efSearch: 16 };
let directory = "";
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
});

describe("vector store (LangChain HNSWLib over hnswlib-node)", () => {
  it("saves in HNSWLib's layout: LangChain's own loader and ours return the same neighbours", async () => {
    const store = await buildVectorStore(embedder, await embedder.embedDocuments(texts), settings);
    directory = await mkdtemp(path.join(tmpdir(), "nieuwsbot-vectors-"));
    await saveVectorStore(store, directory);
    const query = await embedder.embedQuery("Welk luchtafweersysteem levert Duitsland?");

    const ours = await loadVectorStore(directory, embedder, settings.efSearch);
    const langchain = await HNSWLib.load(directory, embedder);
    const viaLangchain = (await langchain.similaritySearchVectorWithScore(query, 3)).map(([document]) => document.metadata.position as number);
    const viaOurs = (await searchVectors(ours, query, 3)).map((hit) => hit.position);
    expect(viaOurs).toEqual(viaLangchain);
    expect(viaOurs[0]).toBe(0);
    expect(ours.docstore).toBeInstanceOf(PositionDocstore);
    expect(langchain.docstore._docs.size).toBe(texts.length);
  });

  it("the position docstore answers every label of the index and refuses others", () => {
    const docstore = new PositionDocstore(3);
    expect(docstore.search("2").metadata).toEqual({ position: 2 });
    expect(() => docstore.search("3")).toThrow(/not found/);
    expect(() => docstore.search("x")).toThrow(/not found/);
    expect(docstore.entries().map(([label]) => label)).toEqual(["0", "1", "2"]);
  });
});
