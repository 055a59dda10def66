import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { messagesFor } from "../../src/answer/messages.js";
import { bootstrap, type App } from "../../src/app/bootstrap.js";
import { isNieuwsbotError } from "../../src/port/errors.js";
import { renderConsoleAnswer } from "../console/render-console.js";
import { askFlow, type AskOutcome } from "../shared/ask-flow.js";
import { answerToJson, errorToJson } from "./answer-json.js";

const usage = `Usage:
  npm run ask -- "vraag"                 readable answer with the quote
  npm run --silent ask -- --json "vraag" one JSON object on stdout
  npm run --silent ask -- --jsonl        one question per stdin line → one JSON object per line`;

/** One question through the shared flow. The CLI has no users to rate-limit and no buttons to remember answers for. */
function ask(app: App, question: string): Promise<AskOutcome> {
  return askFlow({ core: app.core, logger: app.logger }, { question, platform: "cli" });
}

/** Answers one question as a JSON-ready object; user errors become an object with `error`, anything else fails the command. */
async function askJson(app: App, question: string): Promise<Record<string, unknown>> {
  const outcome = await ask(app, question);
  if (outcome.kind === "answered") return answerToJson(outcome.answer);
  if (outcome.kind === "refused") return errorToJson(question, outcome.code, outcome.text);
  throw outcome.error;
}

/** The readable answer (or the user's error text) for a terminal; anything else fails the command. */
async function askText(app: App, question: string): Promise<string> {
  const outcome = await ask(app, question);
  if (outcome.kind === "answered") return renderConsoleAnswer(outcome.answer, Boolean(process.stdout.isTTY));
  if (outcome.kind === "refused") return outcome.text;
  throw outcome.error;
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
  const app = await bootstrap();
  try {
    if (values.jsonl) {
      for await (const line of createInterface({ input: process.stdin })) {
        if (!line.trim()) continue;
        process.stdout.write(JSON.stringify(await askJson(app, line)) + "\n");
      }
    } else if (values.json) {
      process.stdout.write(JSON.stringify(await askJson(app, question), null, 2) + "\n");
    } else {
      process.stdout.write((await askText(app, question)) + "\n");
    }
  } finally {
    await app.core.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${isNieuwsbotError(error) ? error.message : ((error as Error).stack ?? String(error))}\n${messagesFor("en").failed}\n`);
  process.exit(1);
});
