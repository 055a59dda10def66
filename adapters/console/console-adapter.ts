import { createInterface } from "node:readline";
import type { NieuwsbotCore } from "../../src/port/types.js";
import type { Logger } from "../../src/logging/logger.js";
import { askFlow } from "../shared/ask-flow.js";
import { renderConsoleAnswer } from "./render-console.js";

export interface ConsoleOptions {
  core: NieuwsbotCore;
  logger: Logger;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  /** Colour and prompt only on a real terminal; piped input gets plain text and no prompt. */
  interactive?: boolean;
}

/**
 * A chat in the terminal: one question per line, answered in order. Resolves when the input ends
 * (EOF or Ctrl-D), so piping questions in never leaves the process hanging.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  const interactive = options.interactive ?? Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const { core, logger } = options;
  const status = core.status();
  const write = (text: string) => output.write(text + "\n");
  if (interactive) {
    write(`Nieuwsbot — stel een vraag over het artikel (${status.passages} passages, ${status.embedder.id}). Ctrl-D stopt.`);
  }
  const lines = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: "vraag> " });
  if (interactive) lines.prompt();
  for await (const line of lines) {
    if (line.trim()) {
      const outcome = await askFlow({ core, logger }, { question: line, platform: "console", userId: "console", conversationId: "console" });
      write(outcome.kind === "answered" ? renderConsoleAnswer(outcome.answer, interactive) : outcome.text);
      write("");
    }
    if (interactive) lines.prompt();
  }
}
