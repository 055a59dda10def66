import { voteKey, type FeedbackRecord } from "./feedback-record.js";

/**
 * The votes that count: for each user and answer only the last press (👍 then 👎 is one 👎; fifty
 * 👍 are one 👍). Returned in the order of those last presses, oldest first. Pure.
 */
export function latestVotes(records: readonly FeedbackRecord[]): FeedbackRecord[] {
  const last = new Map<string, number>();
  records.forEach((record, index) => last.set(voteKey(record), index));
  return [...last.values()].sort((a, b) => a - b).map((index) => records[index]!);
}

/**
 * What a compacted log keeps: the latest vote per user and answer, and of those only the newest
 * `maxVotes` (the oldest votes are dropped first). Pure; file order is age order.
 */
export function compactVotes(records: readonly FeedbackRecord[], maxVotes: number): FeedbackRecord[] {
  const votes = latestVotes(records);
  return votes.slice(Math.max(0, votes.length - maxVotes));
}
