import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Lint rules `npm test` enforces. Type-aware rules catch what tests rarely do: a promise nobody
 * awaits (a reply that is never sent, an error that is never seen), a promise passed where a
 * callback's result is ignored, `await` on something that is not a promise.
 */
export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "data/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts", "**/*.mts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // A variable declared before the closure that reads it and assigned once afterwards is fine.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    // Plain Node scripts the benchmarks spawn.
    files: ["**/*.mjs"],
    languageOptions: { globals: { process: "readonly", URL: "readonly", performance: "readonly", console: "readonly" } },
  },
);
