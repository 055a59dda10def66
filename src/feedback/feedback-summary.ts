import type { AskContext, Language } from "../port/types.js";
import { detectLanguage } from "../text/language.js";
import { answerKey, type FeedbackRecord } from "./feedback-record.js";
import { latestVotes } from "./feedback-votes.js";

/** 👍 / 👎 votes given to answers computed against one corpus version. */
export interface VersionCounts {
  corpusVersion: number;
  up: number;
  down: number;
}

/** One answer at least one user rated 👎 (as their latest press). */
export interface Complaint {
  /** Stable id of the answer: the same for every vote on it, and across runs. */
  answerKey: string;
  question: string;
  /** The first line of the bot's answer text (the quote is not part of it). */
  answerFirstLine: string;
  /** Paragraph numbers the answer cited, first one first; empty when it abstained or the line predates them. */
  paragraphs: number[];
  /** Documents of the cited passages (from the passage ids), in citation order. */
  documents: string[];
  abstained: boolean;
  /** When the latest 👎 on this answer was given (ISO 8601). */
  at: string;
  platform: AskContext["platform"];
  corpusVersion: number;
  language: Language;
  down: number;
  up: number;
}

export interface FeedbackSummary {
  totals: { up: number; down: number; voters: number };
  /** Newest corpus version first. */
  perVersion: VersionCounts[];
  /** Answers with a 👎, the most recently criticised first. */
  complaints: Complaint[];
}

/**
 * What moderators see of the feedback log: counts per corpus version and the answers users
 * rated 👎, newest first. Counts one vote per user per answer (the last press). Pure.
 */
export function summarizeFeedback(records: readonly FeedbackRecord[]): FeedbackSummary {
  const votes = latestVotes(records);
  const versions = new Map<number, VersionCounts>();
  const complaints = new Map<string, Complaint>();
  const upsPerAnswer = new Map<string, number>();
  const totals = { up: 0, down: 0, voters: new Set(votes.map((vote) => vote.userHash)).size };
  for (const vote of votes) {
    const counts = versions.get(vote.corpusVersion) ?? { corpusVersion: vote.corpusVersion, up: 0, down: 0 };
    counts[vote.rating] += 1;
    totals[vote.rating] += 1;
    versions.set(vote.corpusVersion, counts);
    const key = answerKey(vote);
    if (vote.rating === "up") {
      upsPerAnswer.set(key, (upsPerAnswer.get(key) ?? 0) + 1);
      continue;
    }
    const earlier = complaints.get(key);
    // Re-inserting moves the answer to the end: the map stays in order of each answer's latest 👎.
    complaints.delete(key);
    complaints.set(key, { ...complaintOf(vote, key), down: (earlier?.down ?? 0) + 1 });
  }
  return {
    totals,
    perVersion: [...versions.values()].sort((a, b) => b.corpusVersion - a.corpusVersion),
    complaints: [...complaints.values()].reverse().map((complaint) => ({ ...complaint, up: upsPerAnswer.get(complaint.answerKey) ?? 0 })),
  };
}

function complaintOf(vote: FeedbackRecord, key: string): Complaint {
  return {
    answerKey: key,
    question: vote.question,
    answerFirstLine: firstLine(vote.answer),
    paragraphs: vote.paragraphs ?? [],
    documents: vote.passageIds.map((id) => id.slice(0, Math.max(0, id.lastIndexOf("#"))) || id),
    abstained: vote.abstained,
    at: vote.at,
    platform: vote.platform,
    corpusVersion: vote.corpusVersion,
    // Older lines did not record the language; the question tells it as it did when it was asked.
    language: vote.language ?? detectLanguage(vote.question),
    down: 0,
    up: 0,
  };
}

/** The first non-empty line of a text, trimmed. */
export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .map((line) => line.trim())
      .find((line) => line !== "") ?? ""
  );
}
