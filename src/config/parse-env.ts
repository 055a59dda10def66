import { z } from "zod";
import { ConfigError } from "../port/errors.js";
import { redactUrlCredentials } from "../util/url-credentials.js";

/**
 * Validates environment variables against a zod object schema. On failure it throws one
 * `ConfigError` listing every wrong variable with what was expected, so an operator fixes them all
 * in one go instead of one per start.
 */
export function parseEnv<S extends z.ZodRawShape>(shape: S, env: NodeJS.ProcessEnv): z.infer<z.ZodObject<S>> {
  // Empty strings in .env mean "not set": treat them as undefined so defaults apply.
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== "") cleaned[key] = value;
  }
  const result = z.object(shape).safeParse(cleaned);
  if (result.success) return result.data;
  const variables = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
  const lines = result.error.issues.map((issue) => `  ${String(issue.path[0])}: ${issue.message} (got ${shownValue(cleaned[String(issue.path[0])])})`);
  throw new ConfigError(
    `Invalid configuration:\n${lines.join("\n")}\nFix these in your environment or .env file; .env.example documents every variable.`,
    variables,
  );
}

/**
 * A wrong value as the error message shows it. A wrong DATABASE_URL still carries its password, and
 * one that does not parse may split it at a `/` a URL parser would stop at, or lack its scheme:
 * everything before the last `@` (after any `scheme://`) goes, on top of the usual URL redaction.
 */
function shownValue(value: string | undefined): string {
  if (value === undefined) return "nothing";
  return redactUrlCredentials(JSON.stringify(value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/is, "$1***@")));
}

/** Reusable field parsers with messages that say what a valid value looks like. */
export const envField = {
  integer: (min: number, max: number, fallback: number) =>
    z.coerce
      .number({ invalid_type_error: `expected a whole number between ${min} and ${max}` })
      .int(`expected a whole number between ${min} and ${max}`)
      .min(min, `expected a whole number between ${min} and ${max}`)
      .max(max, `expected a whole number between ${min} and ${max}`)
      .default(fallback),
  number: (min: number, max: number, fallback: number) =>
    z.coerce
      .number({ invalid_type_error: `expected a number between ${min} and ${max}` })
      .min(min, `expected a number between ${min} and ${max}`)
      .max(max, `expected a number between ${min} and ${max}`)
      .default(fallback),
  /** A number the operator may leave unset (the code then measures or derives it). */
  optionalNumber: (min: number, max: number) =>
    z.coerce
      .number({ invalid_type_error: `expected a number between ${min} and ${max}` })
      .min(min, `expected a number between ${min} and ${max}`)
      .max(max, `expected a number between ${min} and ${max}`)
      .optional(),
  boolean: (fallback: boolean) =>
    z
      .enum(["true", "false", "1", "0", "yes", "no"], {
        errorMap: () => ({ message: "expected true or false" }),
      })
      .transform((value) => value === "true" || value === "1" || value === "yes")
      .default(fallback ? "true" : "false"),
  oneOf: <const T extends [string, ...string[]]>(values: T, fallback: T[number]) =>
    z.enum(values, { errorMap: () => ({ message: `expected one of: ${values.join(", ")}` }) }).default(fallback as never),
  url: () => z.string().url("expected a full URL such as http://127.0.0.1:8080").optional(),
  /** A PostgreSQL connection URL; unset keeps the feature off. */
  postgresUrl: () => z.string().refine(isPostgresUrl, postgresUrlHelp).optional(),
  /** Comma-separated list of ids, e.g. `123,456`. */
  idList: (pattern: RegExp, what: string) =>
    z
      .string()
      .refine((value) => value.split(",").every((item) => pattern.test(item.trim())), `expected a comma-separated list of ${what}`)
      .transform((value) =>
        value
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .optional(),
};

const postgresUrlHelp =
  "expected a PostgreSQL connection URL such as postgres://nieuwsbot:PASSWORD@db.example.org:5432/nieuwsbot " +
  "(postgres:// or postgresql://; percent-encode special characters in the password, e.g. @ as %40); leave it empty to keep all state in DATA_DIR";

/** `postgres://` or `postgresql://`, parseable, and naming a host (or a socket folder in `?host=`). */
function isPostgresUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") return false;
  return url.hostname !== "" || (url.searchParams.get("host") ?? "") !== "";
}
