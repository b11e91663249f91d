/**
 * Run by scripts/test.ts after the integration and e2e stages, against their database: the test
 * SASL users' passwords must appear in no stored job log line, event, plan or error of the whole
 * run. Exit 1 when any was found.
 */
import { disconnectPrisma } from "@/lib/db/prisma";
import { scanStoredJobData } from "@/lib/secrets/testing/secret-scan";
import { TEST_SASL_USERS } from "@/lib/devstack/testing/test-infrastructure";

const secrets = TEST_SASL_USERS.map((u) => u.password);
const found = await scanStoredJobData(secrets);
await disconnectPrisma();
for (const f of found)
  console.error(`[test] a test password (#${f.secret}) is stored in ${f.where}`);
if (found.length === 0) console.log("[test] no test password in the stored job data");
process.exit(found.length > 0 ? 1 : 0);
