import { envField, parseEnv } from "./parse-env.js";

/**
 * Shared mode's one variable. Unset (the default), every process keeps its state in `DATA_DIR` as
 * before; set, replicas on several hosts share state through this PostgreSQL database
 * (docs/deployment.md). Parsed on its own, like the model settings, so the core's settings stay
 * free of it until the composition root wires shared mode in.
 */
export const databaseEnvShape = {
  DATABASE_URL: envField.postgresUrl(),
};

export interface DatabaseConfig {
  /** The connection URL, password included: log it only through `redactUrlCredentials`. */
  url: string;
  /** The password as written and as decoded, for the logger's list of secrets to scrub. */
  secrets: string[];
}

/** Shared mode's settings, or undefined when `DATABASE_URL` is unset; throws `ConfigError` when it is wrong. */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig | undefined {
  const url = parseEnv(databaseEnvShape, env).DATABASE_URL;
  if (url === undefined) return undefined;
  const password = new URL(url).password;
  const secrets = password === "" ? [] : [...new Set([password, safeDecode(password)])];
  return { url, secrets };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
