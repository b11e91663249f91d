/**
 * Test support lives in `testing/` folders (and bench/, e2e/), and production code never imports
 * it: the TEST_SUPPORT rule of eslint.config.mjs, run by `npm test`'s lint stage. This runs the
 * project's ESLint configuration on imports a production module and a test might write.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const RULE = "@typescript-eslint/no-restricted-imports";

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const IMPORTS = [
  'import { acquireTestBroker } from "@/lib/kafka/testing/acquire-test-broker";',
  'import { runScript } from "../runtime/testing/run-script";',
  'import { callRoute } from "@/lib/api/testing/route-request";',
  'import { fakeFormats } from "@/lib/connectors/testing/fake-formats";',
  'import { main } from "@/bench/runtime";',
];
const code = (line: string) => `${line}\nexport const used = [${line.match(/\{ (\w+) \}/)![1]}];\n`;

describe("the TEST_SUPPORT lint rule", () => {
  it("refuses test support in production code", async () => {
    for (const line of IMPORTS) {
      const messages = await restrictedImports("lib/jobs/production-module.ts", code(line));
      expect(messages, line).toHaveLength(1);
      expect(messages[0]).toMatch(/must not import test support/);
    }
  }, 60_000);

  it("lets tests and test support use it", async () => {
    for (const file of ["lib/jobs/some.int.test.ts", "lib/jobs/testing/helper.ts", "bench/x.ts"])
      expect(await restrictedImports(file, code(IMPORTS[0])), file).toEqual([]);
  }, 60_000);
});
