import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { discordEnvShape } from "../../adapters/discord/discord-config.js";
import { sharedAdapterEnvShape } from "../../adapters/shared/adapter-config.js";
import { telegramEnvShape } from "../../adapters/telegram/telegram-config.js";
import { coreEnvShape, loadCoreConfig } from "../../src/config/core-config.js";
import { databaseEnvShape } from "../../src/config/database-config.js";
import { llmEnvShape } from "../../src/config/llm-config.js";
import { ConfigError } from "../../src/port/errors.js";
import { repoRoot } from "../helpers/core-fixture.js";
import { markdownTables, type MarkdownTable } from "../docs/markdown.js";

const variables = [coreEnvShape, databaseEnvShape, llmEnvShape, sharedAdapterEnvShape, telegramEnvShape, discordEnvShape].flatMap((shape) =>
  Object.keys(shape),
);

/** The variable named in each row of a `| variable | default | meaning |` table, in order. */
function documentedVariables(table: MarkdownTable): string[] {
  return table.rows.map((row) => /^`([A-Z0-9_]+)`$/.exec(row[0] ?? "")?.[1] ?? `not a variable: ${row.join(" | ")}`);
}

const isVariableTable = (table: MarkdownTable) => table.header[0] === "variable";

describe("configuration documentation", () => {
  const example = readFileSync(path.join(repoRoot, ".env.example"), "utf8");
  // Only rows GitHub renders as one table count: a blank line splitting it turns the rest into plain text.
  const tables = markdownTables(readFileSync(path.join(repoRoot, "docs/configuration.md"), "utf8")).filter(isVariableTable);
  const documented = tables.flatMap(documentedVariables);

  it.each(variables)("%s is in .env.example", (name) => {
    expect(example).toMatch(new RegExp(`^#? ?${name}=`, "m"));
  });

  it("docs/configuration.md has one variable table", () => {
    expect(tables).toHaveLength(1);
    expect(tables[0]?.header).toEqual(["variable", "default", "meaning"]);
  });

  it.each(variables)("%s is a row of the table in docs/configuration.md", (name) => {
    expect(documented).toContain(name);
  });

  it("documents each variable once, with a default and a meaning, and no variable the code does not read", () => {
    expect(documented.filter((name, index) => documented.indexOf(name) !== index)).toEqual([]);
    expect(documented.filter((name) => !variables.includes(name))).toEqual([]);
    const incomplete = tables.flatMap((table) => table.rows).filter((row) => row.length !== 3 || row.some((cell) => cell === ""));
    expect(incomplete).toEqual([]);
  });

  it("the README's short table names only real variables, as docs/configuration.md describes them", () => {
    const readmeTables = markdownTables(readFileSync(path.join(repoRoot, "README.md"), "utf8")).filter(isVariableTable);
    const fullRows = new Map(tables.flatMap((table) => table.rows).map((row) => [row[0], row]));
    for (const row of readmeTables.flatMap((table) => table.rows)) {
      expect(fullRows.get(row[0])).toEqual(row);
    }
  });

  it("names every wrong variable and how to fix it", () => {
    let error: unknown;
    try {
      loadCoreConfig({ HNSW_M: "lots", EMBEDDINGS_PROVIDER: "magic", FETCH_ALLOW_PRIVATE_NETWORKS: "maybe" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variables.sort()).toEqual(["EMBEDDINGS_PROVIDER", "FETCH_ALLOW_PRIVATE_NETWORKS", "HNSW_M"]);
    expect((error as ConfigError).message).toContain("expected one of: auto, hashing, transformers, openai, ollama");
    expect((error as ConfigError).message).toContain(".env.example");
  });
});
