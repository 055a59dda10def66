/**
 * Child process of the article benchmark: starts cold, answers one question, and prints how long
 * that took since the process started (module loading included) and its peak RSS, as one JSON
 * line. Plain JavaScript importing the compiled `dist/` build, because that is what `npm start`
 * runs. `ours` opens the saved index; `baseline` must re-embed into a MemoryVectorStore (it has
 * no persistence).
 */
const mode = process.argv[2];
const question = "Welk luchtafweersysteem levert Duitsland?";
const dist = new URL("../../dist/", import.meta.url);
const { loadCoreConfig } = await import(new URL("src/config/core-config.js", dist).href);
const { HashingEmbedder } = await import(new URL("embeddings/hashing-embeddings.js", dist).href);
const config = loadCoreConfig();

if (mode === "ours") {
  const { Core } = await import(new URL("src/app/nieuwsbot-core.js", dist).href);
  const { createLexicon } = await import(new URL("src/lexicon/lexicon.js", dist).href);
  const { silentLogger } = await import(new URL("src/logging/logger.js", dist).href);
  // As bootstrap does: the lexicon the configuration asks for, loaded before the first answer.
  const lexicon = createLexicon({ dictionaryDir: config.dictionaryDir, bundled: config.bundledLexicon }, silentLogger);
  const core = await Core.open({ config, embedder: new HashingEmbedder(config.embeddings.hashingDimensions), lexicon });
  const answer = await core.ask(question, { platform: "test" });
  // The scale benchmark runs this on synthetic corpora without the article: no answer check there.
  if (process.argv[3] !== "any-answer" && answer.citations[0]?.paragraph !== 3) throw new Error("wrong answer in start-up probe");
  await core.close();
} else {
  const { MemoryVectorStore } = await import("@langchain/classic/vectorstores/memory");
  const { loadCorpus } = await import(new URL("src/corpus/load-corpus.js", dist).href);
  const { toPassages } = await import(new URL("src/corpus/passages.js", dist).href);
  const passages = toPassages(await loadCorpus(config.corpusDir));
  const store = await MemoryVectorStore.fromTexts(
    passages.map((passage) => passage.text),
    passages.map((passage) => ({ paragraph: passage.paragraph })),
    new HashingEmbedder(config.embeddings.hashingDimensions),
  );
  const [[document]] = await store.similaritySearchWithScore(question, 1);
  if (document.metadata.paragraph !== 3) throw new Error("wrong answer in baseline probe");
}
process.stdout.write(JSON.stringify({ ms: performance.now(), maxRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
