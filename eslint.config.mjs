import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

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
      // kafkajs loads with Tributary's fixes only through lib/kafka/kafkajs.ts (see there).
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "kafkajs",
              message: "Import kafkajs values from lib/kafka/kafkajs.ts; `import type` is fine.",
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/kafka/kafkajs.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
];

export default config;
