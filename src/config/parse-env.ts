import { z } from "zod";
import { ConfigError } from "../port/errors.js";

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
  const lines = result.error.issues.map(
    (issue) => `  ${String(issue.path[0])}: ${issue.message} (got ${JSON.stringify(cleaned[String(issue.path[0])] ?? "nothing")})`,
  );
  throw new ConfigError(
    `Invalid configuration:\n${lines.join("\n")}\nFix these in your environment or .env file; .env.example documents every variable.`,
    variables,
  );
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
