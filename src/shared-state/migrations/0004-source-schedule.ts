import type { Migration } from "./migration.js";

/**
 * The scheduled re-fetch of URL sources (`REFRESH_INTERVAL_MINUTES`) in shared mode: one state for
 * every host — the last check, failures in a row, each link's validators and text hash, exactly what
 * `source-schedule.json` holds in file mode — so hosts keep one schedule: a host whose interval comes
 * due skips the fetch when another host checked within it.
 */
export const sourceSchedule: Migration = {
  version: 4,
  name: "one source schedule for every host",
  sql: `
CREATE TABLE source_schedule (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  -- The state as source-schedule.json holds it (JSON), read back through the same schema.
  state json NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
`,
};
