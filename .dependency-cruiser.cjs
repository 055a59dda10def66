/**
 * The layers, bottom to top, that `npm test` keeps true (see docs/architecture.md):
 *
 *   src/port        the core's contract: types, errors, question rules, the Embedder interface
 *   src/util, text, logging, lexicon, config        foundations any part may use
 *   src/corpus, sources, index, retrieval, calibration, answer, generative, feedback, refresh, shared-state
 *                   the parts of the core (shared-state: the PostgreSQL stores of shared mode)
 *   embeddings/     embedding providers (LangChain `Embeddings`), on the port and the foundations
 *   src/app         the orchestrator and composition root (Core, bootstrap)
 *   adapters/       front ends: console, CLI, Telegram, Discord
 *
 * Nothing imports upward, and there are no cycles.
 */
const foundations = "^src/(util|text|logging|lexicon|config)/";
const parts = "^src/(corpus|sources|index|retrieval|calibration|answer|generative|feedback|refresh|shared-state)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "Modules that import each other cannot be understood or tested apart.", from: {}, to: { circular: true } },
    {
      name: "src-not-to-adapters",
      severity: "error",
      comment: "The core knows nothing of chat platforms or the CLI.",
      from: { path: "^src/" },
      to: { path: "^adapters/" },
    },
    {
      name: "port-at-the-bottom",
      severity: "error",
      comment: "The port is the contract everything depends on; it depends on nothing of ours.",
      from: { path: "^src/port/" },
      to: { path: "^(src|adapters|embeddings)/", pathNot: "^src/port/" },
    },
    {
      name: "foundations-stay-low",
      severity: "error",
      comment: "Text handling, logging, configuration and the lexicon serve the parts; they never reach up into them.",
      from: { path: foundations },
      to: { path: `${parts}|^src/app/|^embeddings/|^adapters/` },
    },
    {
      name: "parts-below-the-orchestrator",
      severity: "error",
      comment: "Only front ends use the orchestrator; the parts it wires together never call it.",
      from: { path: "^(src|embeddings)/", pathNot: "^src/app/" },
      to: { path: "^src/app/" },
    },
    {
      name: "parts-use-the-embedder-interface",
      severity: "error",
      comment: "Parts depend on the Embedder interface in the port; which provider is used is decided in src/app.",
      from: { path: "^src/", pathNot: "^src/app/" },
      to: { path: "^embeddings/" },
    },
    {
      name: "embeddings-on-foundations",
      severity: "error",
      comment: "Embedding providers use the port and the foundations, not the parts of the core.",
      from: { path: "^embeddings/" },
      to: { path: `${parts}|^adapters/` },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    includeOnly: "^(src|adapters|embeddings)/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".js"] },
  },
};
