import { defineConfig } from "vitest/config";
import path from "node:path";

// Unit tests sit beside the code they test (`*.test.ts`) and stay pure: no network, no database.
// Integration tests (`*.int.test.ts`) run against the real PostgreSQL and Kafka that
// scripts/test.ts brings up and describes through DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "workers/**/*.test.ts",
            "app/**/*.test.ts",
            "bin/**/*.test.ts",
            "bench/**/*.test.ts",
          ],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**", ".data/**"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
