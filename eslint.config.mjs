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

// Production code never imports test support (a test broker, fakes, fixtures, tests).
const TEST_SUPPORT = [
  {
    group: [
      "**/testing",
      "**/testing/**",
      "**/test-support",
      "**/test-broker",
      "**/fake-formats",
      "**/table-fixture",
      "**/fixtures/**",
      "**/*.test",
    ],
    message: "Production code must not import test support; move what both need out of it.",
  },
];

const TEST_FILES = [
  "**/*.test.ts",
  "**/*.test.tsx",
  "e2e/**",
  "scripts/**",
  "**/testing/**",
  "**/testing.ts",
  "**/test-support.ts",
  "**/test-broker.ts",
  "**/fake-formats.ts",
  "**/table-fixture.ts",
  "**/fixtures/**",
  "bench/**",
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
