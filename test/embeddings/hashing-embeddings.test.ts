import { describe, expect, it } from "vitest";
import { characterNgrams, HashingEmbedder } from "../../embeddings/hashing-embeddings.js";

const cosine = (a: number[], b: number[]) => a.reduce((sum, value, index) => sum + value * b[index]!, 0);

describe("HashingEmbedder", () => {
  const embedder = new HashingEmbedder(512);

  it("is deterministic, normalised and names itself", async () => {
    const [a] = await embedder.embedDocuments(["Duitsland levert Iris-T"]);
    expect(await embedder.embedQuery("Duitsland levert Iris-T")).toEqual(a);
    expect(a).toHaveLength(512);
    expect(cosine(a!, a!)).toBeCloseTo(1, 10);
    expect(embedder.id).toBe("hashing-v2-512");
    expect(new HashingEmbedder(256).id).not.toBe(embedder.id);
  });

  it("brings compounds, inflections and cognates together, unrelated words apart", () => {
    const near = (left: string, right: string) => cosine(embedder.embed(left), embedder.embed(right));
    const unrelated = near("brood bakken", "luchtafweer");
    expect(near("luchtafweersystemen", "luchtafweer")).toBeGreaterThan(unrelated + 0.2);
    expect(near("Zelensky", "Zelenski")).toBeGreaterThan(unrelated + 0.2);
    expect(near("defence minister", "defensieminister")).toBeGreaterThan(unrelated + 0.2);
    expect(near("raketten", "raket")).toBeGreaterThan(0.7);
  });

  it("returns the zero vector for text without content words", () => {
    expect(embedder.embed("de het een ?!").every((value) => value === 0)).toBe(true);
  });

  it("embeds many texts in order", async () => {
    const texts = Array.from({ length: 600 }, (_, index) => `tekst nummer ${index}`);
    const vectors = await embedder.embedDocuments(texts);
    expect(vectors).toHaveLength(600);
    expect(vectors[599]).toEqual(embedder.embed(texts[599]!));
  });

  it("builds boundary-marked 3- to 5-grams", () => {
    expect(characterNgrams("raket")).toContain("<ra");
    expect(characterNgrams("raket")).toContain("ket>");
    expect(characterNgrams("ab")).toEqual(["<ab", "ab>", "<ab>"]);
  });
});
