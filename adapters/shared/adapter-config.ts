import { envField } from "../../src/config/parse-env.js";

/** Variables every chat adapter shares. */
export const sharedAdapterEnvShape = {
  RATE_LIMIT_QUESTIONS: envField.integer(1, 1000, 5),
  RATE_LIMIT_WINDOW_SECONDS: envField.integer(1, 86_400, 60),
};
