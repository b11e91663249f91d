import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// kafkajs loads with Tributary's fixes only through lib/kafka/kafkajs.ts (see there).
const KAFKAJS = [
  {
    name: "kafkajs",
    message: "Import kafkajs values from lib/kafka/kafkajs.ts; `import type` is fine.",
    allowTypeImports: true,
  },
];

// Production code never imports test support: it lives in a `testing/` folder of the module it
// serves (lib/kafka/testing, lib/api/testing, …), beside the tests; benchmarks live in bench/ and
// end-to-end tests in e2e/. Nothing else is test support.
const TEST_SUPPORT = [
  {
    group: ["**/testing", "**/testing/**", "**/*.test", "@/bench/**", "@/e2e/**"],
    message:
      "Production code must not import test support (testing/ folders, tests, bench/, e2e/); move what both need out of it.",
  },
];

const TEST_FILES = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "**/testing/**",
  "e2e/**",
  "bench/**",
  "scripts/**",
  "playwright.config.ts",
  "vitest.config.ts",
];

const config = [
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".data/**",
      ".cache/**",
      "lib/generated/**",
      "next-env.d.ts",
      "test-results/**",
      "playwright-report/**",
      "public/monaco/**",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { paths: KAFKAJS, patterns: TEST_SUPPORT },
      ],
    },
  },
  {
    // Tests, test support, fixtures and benchmarks may use test support.
    files: TEST_FILES,
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { paths: KAFKAJS }] },
  },
  {
    files: ["lib/kafka/kafkajs.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
];

export default config;
