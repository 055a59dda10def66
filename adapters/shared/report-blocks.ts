/** A block of a report and what separates it from the block before it in the same message. */
export interface ReportBlock {
  text: string;
  gap: string;
}

/** Blocks into messages of at most `limit` characters; a block never straddles two messages. Pure. */
export function packBlocks(blocks: readonly ReportBlock[], limit: number): string[] {
  const pages: string[] = [];
  let current = "";
  for (const block of blocks) {
    if (current !== "" && current.length + block.gap.length + block.text.length > limit) {
      pages.push(current);
      current = "";
    }
    current = current === "" ? block.text : current + block.gap + block.text;
  }
  if (current !== "") pages.push(current);
  return pages;
}
