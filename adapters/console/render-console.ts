import { messagesFor } from "../../src/answer/messages.js";
import { sourceLine, splitAroundSentence } from "../shared/source-line.js";
import type { Answer } from "../../src/port/types.js";

const bold = (text: string) => `\u001b[1m${text}\u001b[22m`;
const dim = (text: string) => `\u001b[2m${text}\u001b[22m`;

/**
 * Plain-text rendering for a terminal: the answer, each cited passage as an indented quote with the
 * supporting sentence emphasised (bold on a colour terminal, »…« otherwise), and a source line.
 */
export function renderConsoleAnswer(answer: Answer, color: boolean): string {
  const lines = [answer.text];
  for (const citation of answer.citations) {
    const { before, sentence, after } = splitAroundSentence(citation);
    const marked = sentence ? before + (color ? bold(sentence) : `»${sentence}«`) + after : before;
    lines.push("", ...wrap(marked, 96).map((line) => `  │ ${line}`));
    const source = `  ${messagesFor(answer.language).source}: ${sourceLine(citation, answer.language)}${citation.source ? ` — ${citation.source}` : ""}`;
    lines.push(color ? dim(source) : source);
  }
  return lines.join("\n");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
