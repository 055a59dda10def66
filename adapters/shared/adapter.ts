import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { NieuwsbotCore } from "../../src/port/types.js";
import type { FeedbackStore } from "../../src/feedback/feedback-store.js";
import type { Logger } from "../../src/logging/logger.js";

/** What every platform adapter receives from the composition root (`adapters/start.ts`). */
export interface AdapterDeps {
  core: NieuwsbotCore;
  feedback: FeedbackStore;
  logger: Logger;
  /** Shared settings from the environment (see `adapters/shared/adapter-config.ts`). */
  limits: {
    questionsPerWindow: number;
    windowSeconds: number;
    maxQuestionLength: number;
    /** Shared mode: the question counts every replica shares (`sharedRateLimiter`); unset, each adapter counts its own. */
    shared?: RateLimiterAbstract;
  };
}

/** A started adapter. `stop` must stop receiving updates and resolve when in-flight work is done. */
export interface RunningAdapter {
  name: string;
  stop(): Promise<void>;
}
