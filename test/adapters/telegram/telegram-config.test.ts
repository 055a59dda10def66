import { describe, expect, test } from "vitest";
import { loadTelegramConfig } from "../../../adapters/telegram/telegram-config.js";
import { ConfigError } from "../../../src/port/errors.js";

const token = "123456789:AAFakeTokenForTestsOnly_abcdefghijkl";

describe("loadTelegramConfig", () => {
  test("parses a minimal environment with defaults", () => {
    const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(config).toEqual({ token, apiRoot: undefined, moderatorIds: new Set(), webhook: undefined, startupTimeoutMs: 30_000 });
  });

  test("parses moderators as numbers, the API root and the webhook settings", () => {
    const config = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: token,
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      TELEGRAM_MODERATOR_IDS: " 12345, 678 ",
      TELEGRAM_WEBHOOK_URL: "https://bot.example/telegram/hook",
      TELEGRAM_WEBHOOK_SECRET: "s3cret_-x",
      TELEGRAM_WEBHOOK_PORT: "9000",
    });
    expect(config.apiRoot).toBe("http://127.0.0.1:8081");
    expect([...config.moderatorIds]).toEqual([12345, 678]);
    expect(config.webhook).toEqual({ url: "https://bot.example/telegram/hook", secret: "s3cret_-x", port: 9000, host: "0.0.0.0" });
  });

  test("rejects every wrong variable at once, without echoing the token", () => {
    const badToken = "12345:tooShortButSecretish";
    let error: unknown;
    try {
      loadTelegramConfig({
        TELEGRAM_BOT_TOKEN: badToken,
        TELEGRAM_MODERATOR_IDS: "123,@mod",
        TELEGRAM_API_ROOT: "not a url",
        TELEGRAM_WEBHOOK_SECRET: "has spaces",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const configError = error as ConfigError;
    expect(configError.variables.sort()).toEqual(["TELEGRAM_API_ROOT", "TELEGRAM_BOT_TOKEN", "TELEGRAM_MODERATOR_IDS", "TELEGRAM_WEBHOOK_SECRET"]);
    expect(configError.message).toContain("@BotFather");
    expect(configError.message).toContain("numeric Telegram user ids");
    expect(configError.message).not.toContain(badToken);
  });
});
