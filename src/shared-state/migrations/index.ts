import { initialSchema } from "./0001-initial-schema.js";
import { conversationTurns } from "./0002-conversation-turns.js";
import { feedbackAnswers } from "./0003-feedback-answers.js";
import { sourceSchedule } from "./0004-source-schedule.js";
import type { Migration } from "./migration.js";

export type { Migration };

/** Every migration this build knows, oldest first. Append only: never edit one that has shipped. */
export const migrations: readonly Migration[] = [initialSchema, conversationTurns, feedbackAnswers, sourceSchedule];
