import { parse as parseYaml } from "yaml";
import { z } from "zod";

const frontMatterSchema = z
  .object({
    title: z.string().min(1).optional(),
    // YAML reads `2022-10-11` as a Date; keep what the author wrote as text.
    published: z
      .union([z.string(), z.number(), z.date()])
      .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)))
      .optional(),
    date: z
      .union([z.string(), z.number(), z.date()])
      .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value)))
      .optional(),
    source: z.string().url().optional(),
    language: z.string().min(2).max(8).default("nl"),
  })
  .passthrough();

export type FrontMatter = {
  title?: string;
  published?: string;
  source?: string;
  language: string;
};

export interface SplitDocument {
  meta: FrontMatter;
  body: string;
}

/**
 * Splits `---`-delimited YAML front matter from the body. Also understands the raw format the
 * article was delivered in (` date 2022-10 ` before the first paragraph), so such files can be
 * dropped into the corpus unchanged. Throws `Error` with a readable reason on invalid YAML.
 */
export function splitFrontMatter(text: string): SplitDocument {
  const fenced = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (fenced) {
    const raw: unknown = parseYaml(fenced[1]!) ?? {};
    const result = frontMatterSchema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new Error(`front matter field "${issue.path.join(".")}": ${issue.message}`);
    }
    const { title, published, date, source, language } = result.data;
    return { meta: { title, published: published ?? date, source, language }, body: text.slice(fenced[0].length) };
  }
  const legacy = /^\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)[ \t]+/.exec(text);
  if (legacy) return { meta: { published: legacy[1], language: "nl" }, body: text.slice(legacy[0].length) };
  return { meta: { language: "nl" }, body: text };
}
