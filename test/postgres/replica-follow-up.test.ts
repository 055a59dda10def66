import { afterAll, describe, expect, it } from "vitest";
import type { Answer } from "../../src/port/types.js";
import { coreFixture, type CoreFixture } from "../helpers/core-fixture.js";
import { postgresAvailable, useTestDatabase } from "../helpers/postgres.js";
import { ReplicaProcess, type ReplicaReply } from "../helpers/replica-process.js";

/**
 * A follow-up holds whichever replica gets it: two replicas opened by `bootstrap` (as `npm start`)
 * on one database, each its own process, DATA_DIR and corpus folder, share the conversation memory.
 */
describe.skipIf(!postgresAvailable)("conversation memory across replica processes", () => {
  const db = useTestDatabase();
  const fixtures: CoreFixture[] = [];
  const replicas: ReplicaProcess[] = [];
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await Promise.all(fixtures.map((fixture) => fixture.cleanup()));
  });

  const start = async (name: string) => {
    const fixture = await coreFixture();
    fixtures.push(fixture);
    const replica = await ReplicaProcess.start(name, {
      DATABASE_URL: db.url,
      DATA_DIR: fixture.dataDir,
      CORPUS_DIR: fixture.corpusDir,
      EMBEDDINGS_PROVIDER: "hashing",
    });
    replicas.push(replica);
    return replica;
  };

  const answered = (reply: ReplicaReply<Answer>): Answer => {
    if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result;
  };

  it("'En wanneer?' on replica B follows the question replica A answered in that conversation, and only in that one", async () => {
    const a = await start("A");
    const b = await start("B");
    const first = answered(await a.ask("Welk luchtafweersysteem levert Duitsland?", 10_000, "telegram-chat-31"));
    expect(first.text).toContain("Iris-T");
    const followUp = answered(await b.ask("En wanneer?", 10_000, "telegram-chat-31"));
    expect(followUp.abstained, followUp.text).toBe(false);
    expect(followUp.text).toContain("enkele dagen");
    // Another conversation has no question to follow: refused, as on one replica.
    expect(answered(await b.ask("En wanneer?", 10_000, "telegram-chat-32")).abstained).toBe(true);
    expect((await db.admin("SELECT 1 FROM conversation_turns")).rowCount).toBe(3);
  });
});
