import type { Migration } from "./migration.js";

/**
 * Conversation memory in shared mode: the last few turns of each conversation, so a follow-up
 * (`En wanneer?`) is understood whichever replica gets it. Bounded like the in-process memory:
 * the store keeps the newest turns per conversation and drops turns older than the memory's age
 * limit; the conversation is stored by a hash of its id, not the chat or channel id itself.
 */
export const conversationTurns: Migration = {
  version: 2,
  name: "conversation turns for follow-ups across replicas",
  sql: `
CREATE TABLE conversation_turns (
  conversation_hash text NOT NULL,
  turn_order bigserial,
  -- The database's clock, so replicas whose clocks differ agree on a turn's age.
  at timestamptz NOT NULL DEFAULT now(),
  question text NOT NULL,
  standalone text NOT NULL,
  answer text,
  PRIMARY KEY (conversation_hash, turn_order)
);
CREATE INDEX conversation_turns_by_age ON conversation_turns (at);
`,
};
