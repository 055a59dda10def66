import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { renderConsoleAnswer } from "../../adapters/console/render-console.js";
import { messagesFor } from "../answer/messages.js";
import { userErrorReply } from "../answer/user-error-reply.js";
import { bootstrap } from "../bootstrap.js";
import { isNieuwsbotError } from "../core/errors.js";
import type { NieuwsbotCore } from "../core/types.js";
import { detectLanguage } from "../text/language.js";
import { answerToJson, errorToJson } from "./answer-json.js";

const usage = `Usage:
  npm run ask -- "vraag"                 readable answer with the quote
  npm run --silent ask -- --json "vraag" one JSON object on stdout
  npm run --silent ask -- --jsonl        one question per stdin line → one JSON object per line`;

/** Answers one question as a JSON-ready object; user errors become an object with `error`, never a crash. */
async function askJson(core: NieuwsbotCore, question: string): Promise<Record<string, unknown>> {
  try {
    return answerToJson(await core.ask(question, { platform: "cli" }));
  } catch (error) {
    const reply = userErrorReply(error, detectLanguage(question));
    if (!reply || !isNieuwsbotError(error)) throw error;
    return errorToJson(question, error.code, reply);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { json: { type: "boolean" }, jsonl: { type: "boolean" }, help: { type: "boolean", short: "h" } },
    allowPositionals: true,
  });
  const question = positionals.join(" ");
  if (values.help || (!values.jsonl && !question.trim())) {
    process.stderr.write(usage + "\n");
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  // Logs go to stderr; stdout carries only answers.
  const { core } = await bootstrap();
  try {
    if (values.jsonl) {
      for await (const line of createInterface({ input: process.stdin })) {
        if (!line.trim()) continue;
        process.stdout.write(JSON.stringify(await askJson(core, line)) + "\n");
      }
    } else if (values.json) {
      process.stdout.write(JSON.stringify(await askJson(core, question), null, 2) + "\n");
    } else {
      try {
        process.stdout.write(renderConsoleAnswer(await core.ask(question, { platform: "cli" }), Boolean(process.stdout.isTTY)) + "\n");
      } catch (error) {
        const reply = userErrorReply(error, detectLanguage(question));
        if (!reply) throw error;
        process.stdout.write(reply + "\n");
      }
    }
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${isNieuwsbotError(error) ? error.message : ((error as Error).stack ?? String(error))}\n${messagesFor("en").failed}\n`);
  process.exit(1);
});
