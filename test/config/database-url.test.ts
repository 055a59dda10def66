import { describe, expect, it } from "vitest";
import { loadDatabaseConfig } from "../../src/config/database-config.js";
import { createLogger } from "../../src/logging/logger.js";
import { ConfigError } from "../../src/port/errors.js";

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadDatabaseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("DATABASE_URL", () => {
  it("is optional: unset or empty keeps shared mode off", () => {
    expect(loadDatabaseConfig({})).toBeUndefined();
    expect(loadDatabaseConfig({ DATABASE_URL: "  " })).toBeUndefined();
  });

  it("accepts postgres:// and postgresql:// URLs, a socket folder in ?host=, and lists the password as a secret", () => {
    expect(loadDatabaseConfig({ DATABASE_URL: "postgres://bot:s%40cret@db.example.org:5432/nieuwsbot" })).toEqual({
      url: "postgres://bot:s%40cret@db.example.org:5432/nieuwsbot",
      secrets: ["s%40cret", "s@cret"],
    });
    expect(loadDatabaseConfig({ DATABASE_URL: "postgresql://db.example.org/nieuwsbot" })?.secrets).toEqual([]);
    expect(loadDatabaseConfig({ DATABASE_URL: "postgresql:///nieuwsbot?host=/var/run/postgresql" })?.url).toContain("host=/var/run/postgresql");
  });

  it.each([
    ["another scheme", "mysql://bot:hunter2-secret@db/nieuwsbot"],
    ["no scheme", "bot:hunter2-secret@db.example.org/nieuwsbot"],
    ["a password with an unencoded slash", "postgres://bot:hunter2/secret@db.example.org/nieuwsbot"],
    ["no host", "postgres://bot:hunter2-secret@/nieuwsbot"],
  ])("refuses %s with how to fix it, and never shows the password", (_case, value) => {
    const error = configError({ DATABASE_URL: value });
    expect(error.variables).toEqual(["DATABASE_URL"]);
    expect(error.message).toContain("expected a PostgreSQL connection URL such as postgres://nieuwsbot:PASSWORD@db.example.org:5432/nieuwsbot");
    expect(error.message).toContain("percent-encode");
    expect(error.message).not.toContain("hunter2");
  });

  it("a log line holding the URL, or its password alone, shows neither once the secrets are given to the logger", () => {
    const config = loadDatabaseConfig({ DATABASE_URL: "postgres://bot:hunter2%2Fsecret@db.example.org/nieuwsbot" })!;
    const lines: string[] = [];
    const logger = createLogger({ secrets: config.secrets, write: (line) => lines.push(line) });
    logger.warn(`connecting to ${config.url}`);
    logger.error("server said: password hunter2/secret rejected");
    expect(lines.join("\n")).not.toContain("hunter2");
    expect(lines[0]).toContain("postgres://***@db.example.org/nieuwsbot");
  });
});
