import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IndexRepository } from "../../src/index/index-repository.js";
import { useCliEnvironment } from "../helpers/core-fixture.js";
import { runScript } from "../helpers/run-script.js";
import { readAuditLog } from "../helpers/audit-log-file.js";

/**
 * The moderator's flow through the commands they run — the compiled `npm run ingest`,
 * `npm run ingest -- --rollback`, `npm run --silent ask -- --json` and `npm start` — on a copy of
 * the corpus (`CORPUS_DIR`, `DATA_DIR` in a temp folder): every summary's counts match what
 * changed, a refresh that changes nothing makes no version, rollback undoes exactly the last
 * change (files byte for byte, `sources.txt` too), and the audit log gets exactly one entry per run.
 */
const cli = useCliEnvironment();
const run = (entry: string, args: string[] = [], input?: string) =>
  runScript(entry, args, { env: { ...cli.env, USER: "moderator", LOG_LEVEL: "warn" }, built: true, input, timeoutMs: 60_000 });
const ingest = (...args: string[]) => run("adapters/cli/ingest.ts", args);
const threshold = /\nDrempel om te antwoorden: 0\.\d\d, gemeten op 100 vragen buiten het onderwerp \(95 % daarvan scoort onder 0\.\d\d\)\.\n$/;
const windmolens =
  "---\ntitle: Windmolens\n---\nIn Zeeland komen veertig nieuwe windmolens op zee bij Borssele.\n\nDe bouw begint in 2024 en duurt twee jaar.\n";

async function audit(): Promise<Array<Record<string, unknown>>> {
  return readAuditLog(cli.fixture.dataDir);
}

/** Runs `step` and returns the audit entries it added. */
async function auditedBy(step: () => Promise<unknown>): Promise<Array<Record<string, unknown>>> {
  const before = (await audit()).length;
  await step();
  return (await audit()).slice(before);
}

const versions = () => new IndexRepository(cli.fixture.dataDir).versions();

describe("the moderator flow on the command line", () => {
  it("add, ingest again, edit, roll back, restart: each reported once with its real counts", async () => {
    const { corpusDir } = cli.fixture;
    const article = path.join(corpusDir, "2022-10-luchtafweer.md");
    const sourcesFile = path.join(corpusDir, "sources.txt");
    await writeFile(sourcesFile, "# artikelen om op te halen\n");
    let output = "";

    // The first ingest builds v1 from nothing: everything is new.
    let entries = await auditedBy(async () => ({ stdout: output } = await ingest()));
    expect(output).toMatch(
      /^Corpus v1: 1 document \(1 nieuw\), 4 passages — 4 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 verwijderd; 4 embeddings berekend \(\d+ ms\)\n/,
    );
    expect(entries).toMatchObject([{ action: "refresh", by: { platform: "ingest", userId: "moderator" }, result: "ok", oldVersion: 0, newVersion: 1 }]);

    // A document added to the folder: one new version, its two passages new, nothing re-embedded twice.
    await writeFile(path.join(corpusDir, "windmolens.md"), windmolens);
    entries = await auditedBy(async () => ({ stdout: output } = await ingest()));
    expect(output).toMatch(
      /^Corpus v2: 2 documenten \(1 nieuw\), 6 passages — 2 nieuw, 0 gewijzigd, 4 ongewijzigd, 0 verwijderd; 2 embeddings berekend \(\d+ ms\)\n/,
    );
    expect(output).toMatch(threshold);
    expect(entries).toMatchObject([
      {
        by: { platform: "ingest" },
        oldVersion: 1,
        newVersion: 2,
        nothingChanged: false,
        summary: { documentsAdded: 1, added: 2, changed: 0, unchanged: 4, removed: 0, embedded: 2 },
      },
    ]);
    expect(await versions()).toEqual([1, 2]);

    // Again, with nothing changed: no version, and it says so — audited all the same.
    entries = await auditedBy(async () => ({ stdout: output } = await ingest()));
    expect(output).toMatch(/^Corpus: geen wijzigingen; nog steeds v2 \(2 documenten, 6 passages, \d+ ms\)\n/);
    expect(entries).toMatchObject([{ by: { platform: "ingest" }, result: "ok", oldVersion: 2, newVersion: 2, nothingChanged: true }]);
    expect(await versions()).toEqual([1, 2]);

    // One paragraph edited (and the URL list rewritten): 1 changed passage, 1 embedded.
    const beforeEdit = await readFile(article);
    await writeFile(article, beforeEdit.toString("utf8").replace("Niet alleen de Amerikanen", "Niet enkel de Amerikanen"));
    await writeFile(sourcesFile, "# artikelen om op te halen\n# (voorlopig geen)\n");
    entries = await auditedBy(async () => ({ stdout: output } = await ingest()));
    expect(output).toMatch(
      /^Corpus v3: 2 documenten \(1 gewijzigd\), 6 passages — 0 nieuw, 1 gewijzigd, 5 ongewijzigd, 0 verwijderd; 1 embedding berekend \(\d+ ms\)\n/,
    );
    expect(entries).toMatchObject([{ oldVersion: 2, newVersion: 3, summary: { changed: 1, embedded: 1 } }]);
    const edited = JSON.parse((await run("adapters/cli/ask.ts", ["--json", "Welk luchtafweersysteem levert Duitsland?"])).stdout);
    expect(edited).toMatchObject({ corpusVersion: 3, citations: [{ paragraph: 3 }] });
    expect(edited.citations[0].quote).toContain("Niet enkel de Amerikanen");

    // Rollback: back to v2, the article and sources.txt exactly as they were.
    entries = await auditedBy(async () => ({ stdout: output } = await ingest("--rollback")));
    expect(output).toMatch(
      /^Teruggezet naar corpus v2: 2 documenten \(1 gewijzigd\), 6 passages — 0 nieuw, 1 gewijzigd, 5 ongewijzigd, 0 verwijderd; 0 embeddings berekend/,
    );
    expect(entries).toMatchObject([{ action: "rollback", by: { platform: "ingest" }, oldVersion: 3, newVersion: 2 }]);
    expect(await readFile(article)).toEqual(beforeEdit);
    expect(await readFile(sourcesFile, "utf8")).toBe("# artikelen om op te halen\n");
    // Asking opens the restored version as it is: the folder matches it, so nothing is rebuilt or audited.
    entries = await auditedBy(async () => {
      const answer = JSON.parse((await run("adapters/cli/ask.ts", ["--json", "Welk luchtafweersysteem levert Duitsland?"])).stdout);
      expect(answer.corpusVersion).toBe(2);
      expect(answer.citations[0].quote).toContain("Niet alleen de Amerikanen");
    });
    expect(entries).toEqual([]);

    // The bot restarting after the folder changed: exactly one audited start-up refresh…
    await writeFile(path.join(corpusDir, "windmolens.md"), windmolens.replace("veertig", "vijftig"));
    entries = await auditedBy(() => run("adapters/start.ts", [], ""));
    expect(entries).toMatchObject([
      { action: "refresh", by: { platform: "startup" }, result: "ok", oldVersion: 2, newVersion: 4, summary: { changed: 1, unchanged: 5, embedded: 1 } },
    ]);
    // …and none on the next start, and the moderator's ingest then finds nothing new.
    expect(await auditedBy(() => run("adapters/start.ts", [], ""))).toEqual([]);
    entries = await auditedBy(async () => ({ stdout: output } = await ingest()));
    expect(output).toMatch(/^Corpus: geen wijzigingen; nog steeds v4 /);
    expect(entries).toMatchObject([{ nothingChanged: true, newVersion: 4 }]);
    expect(await versions()).toEqual([1, 2, 3, 4]);
    expect((await readdir(corpusDir)).sort()).toEqual(["2022-10-luchtafweer.md", "sources.txt", "windmolens.md"]);
  }, 240_000);
});
