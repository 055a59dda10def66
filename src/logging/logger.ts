/**
 * A small leveled logger that writes one line per event to stderr (stdout is reserved for the
 * CLI's JSON output) and scrubs secrets: every configured secret value, and anything shaped like a
 * Telegram bot token or a bearer key, and the user name and password in any URL, is replaced before
 * the line is written.
 */

import { redactUrlCredentials } from "../util/url-credentials.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export interface LoggerOptions {
  level?: LogLevel;
  secrets?: string[];
  scope?: string;
  write?: (line: string) => void;
}

const tokenPatterns = [
  /\b\d{6,12}:[A-Za-z0-9_-]{30,}\b/g, // Telegram bot token
  /\b[MN][A-Za-z\d_-]{20,}\.[A-Za-z\d_-]{5,}\.[A-Za-z\d_-]{25,}\b/g, // Discord bot token
  /\bsk-[A-Za-z0-9_-]{16,}\b/g, // OpenAI-style key
  /(Bearer|Bot)\s+[A-Za-z0-9._-]{16,}/g,
];

export function redact(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 6) result = result.split(secret).join("[redacted]");
  for (const pattern of tokenPatterns) result = result.replace(pattern, "[redacted]");
  return redactUrlCredentials(result);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const secrets = options.secrets ?? [];
  const write = options.write ?? ((line: string) => process.stderr.write(line + "\n"));
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (rank[at] < rank[level]) return;
    const scope = options.scope ? ` [${options.scope}]` : "";
    const extra = fields && Object.keys(fields).length > 0 ? " " + safeJson(fields) : "";
    write(redact(`${new Date().toISOString()} ${at.toUpperCase()}${scope} ${message}${extra}`, secrets));
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
    child: (scope) => createLogger({ ...options, scope: options.scope ? `${options.scope}/${scope}` : scope }),
  };
}

/** A logger that drops everything; the default where none is injected. */
export const silentLogger: Logger = createLogger({ level: "silent" });

function safeJson(fields: Record<string, unknown>): string {
  return JSON.stringify(fields, (_key, value: unknown) =>
    value instanceof Error ? { name: value.name, message: value.message, code: (value as { code?: unknown }).code } : value,
  );
}
