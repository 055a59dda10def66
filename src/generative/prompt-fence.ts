import { randomBytes } from "node:crypto";

/**
 * Tags that fence untrusted text (corpus passages, questions, earlier turns) inside a prompt.
 * The tag name carries a random key chosen per request, so text inside cannot close the fence and
 * smuggle in "instructions" that look like ours: it would have to guess the key.
 */
export interface PromptFence {
  readonly key: string;
  /** `<name_key attrs>\ntext\n</name_key>` */
  wrap(name: string, text: string, attributes?: Record<string, string | number>): string;
  /** The tag name as the rules refer to it, e.g. `passage_1a2b3c4d`. */
  tag(name: string): string;
}

/** A fence whose key occurs in none of `texts`. */
export function createFence(texts: readonly string[]): PromptFence {
  let key = randomBytes(4).toString("hex");
  while (texts.some((text) => text.includes(key))) key = randomBytes(4).toString("hex");
  const tag = (name: string) => `${name}_${key}`;
  return {
    key,
    tag,
    wrap: (name, text, attributes = {}) => {
      const attrs = Object.entries(attributes)
        .map(([attribute, value]) => ` ${attribute}="${value}"`)
        .join("");
      return `<${tag(name)}${attrs}>\n${text}\n</${tag(name)}>`;
    },
  };
}
