import type { Migration } from "./migration.js";

/**
 * The answers 👍/👎 and "full paragraph" buttons point at, by the short token the button carries.
 * Behind a load balancer a press may reach another replica than the one that answered; that
 * replica finds the answer here. Bounded by the store (the newest answers are kept).
 */
export const feedbackAnswers: Migration = {
  version: 3,
  name: "answers behind feedback buttons, for presses that reach another replica",
  sql: `
CREATE TABLE feedback_answers (
  token text PRIMARY KEY,
  platform text NOT NULL,
  -- The Answer as the core returned it (JSON), so a press anywhere records the same vote.
  answer json NOT NULL,
  answer_order bigserial NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feedback_answers_by_order ON feedback_answers (answer_order);
`,
};
