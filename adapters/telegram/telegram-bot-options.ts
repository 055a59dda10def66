import type { UserFromGetMe } from "grammy/types";
import type { AdapterDeps } from "../shared/adapter.js";
import type { RenderOptions } from "./render-telegram.js";
import type { TelegramConfig } from "./telegram-config.js";

/** What `createTelegramBot` and its handlers are built from. */
export interface TelegramBotOptions extends AdapterDeps {
  config: TelegramConfig;
  /** Overrides `config.apiRoot` (tests point this at a fake Bot API server). */
  client?: { apiRoot?: string };
  /** Known bot identity; when absent, `bot.init()` asks Telegram (`getMe`). */
  botInfo?: UserFromGetMe;
  render?: RenderOptions;
}
