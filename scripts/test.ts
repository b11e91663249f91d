/**
 * `npm test`: every test the project has, in order — type check, lint, unit tests, then
 * integration tests and the Playwright e2e suite against a real PostgreSQL and a real Kafka broker
 * that this script starts (fresh data, free ports) and stops again.
 *
 *   npm test                 everything
 *   npm test -- unit         one stage (typecheck | lint | unit | integration | e2e), or several
 *   npm test -- integration lib/drafts   only the test files whose path contains lib/drafts
 *   npm test -- e2e e2e/auth.spec.ts     only these Playwright specs
 *
 * DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS, when set, are used instead of starting servers.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { nextBin, consoleServerArgs } from "@/lib/devstack/next-server";
import { buildFingerprint, isBuildCurrent, recordBuild } from "@/lib/devstack/build-stamp";
import { startInfrastructure, type Infrastructure } from "@/lib/devstack/infrastructure";
import { findFreePort as freePort } from "@/lib/net/ports";
import { spawnManaged, stopProcess, type ManagedProcess } from "@/lib/devstack/processes";
import { ensureChromium } from "@/lib/devstack/testing/chromium";
import { TEST_SASL_USERS } from "@/lib/devstack/testing/test-infrastructure";
import { startLocalBroker } from "@/lib/kafka/local-broker";
import { startLocalFlinkCluster, type LocalFlinkCluster } from "@/lib/flink/local-cluster";
import { startEmbeddedPostgres } from "@/lib/devstack/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { randomBytes } from "node:crypto";

const STAGES = ["typecheck", "lint", "unit", "integration", "e2e"] as const;
type Stage = (typeof STAGES)[number];

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const log = (line: string) => console.log(`\n[test] ${line}`);

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Counts = { passed: 0, failed: 0, skipped: 0 };

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: "inherit" });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function readCounts(file: string): Promise<Counts> {
  try {
    const report = JSON.parse(await fs.readFile(file, "utf8"));
    if ("numPassedTests" in report) {
      return {
        passed: report.numPassedTests,
        failed: report.numFailedTests,
        skipped: report.numPendingTests + (report.numTodoTests ?? 0),
      };
    }
    const s = report.stats; // Playwright
    return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

let fileFilters: string[] = [];
/** Filters under e2e/ select Playwright specs (`npm test -- e2e e2e/secrets.spec.ts`); others, Vitest files. */
const isE2eFilter = (f: string) => f.startsWith("e2e/");

async function vitest(project: string, env: NodeJS.ProcessEnv): Promise<number> {
  const out = path.join(os.tmpdir(), `tributary-vitest-${project}-${process.pid}.json`);
  const code = await run(
    bin("vitest"),
    [
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${out}`,
      ...fileFilters.filter((f) => !isE2eFilter(f)),
    ],
    env,
  );
  add(await readCounts(out));
  return code;
}

function add(c: Counts) {
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
}

interface TestServers extends Infrastructure {
  saslBootstrapServers?: string;
}

async function startTestServers(dataDir: string): Promise<TestServers> {
  if (process.env.DATABASE_URL && process.env.KAFKA_BOOTSTRAP_SERVERS) {
    return startInfrastructure({
      dataDir,
      databaseUrl: process.env.DATABASE_URL,
      bootstrapServers: process.env.KAFKA_BOOTSTRAP_SERVERS,
      postgresPort: 0,
      kafkaPort: 0,
      kafkaControllerPort: 0,
      log: (l) => log(l),
    });
  }
  const stops: Array<() => Promise<void>> = [];
  const [pgPort, kafkaPort, controllerPort, saslPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  log(
    `starting PostgreSQL (:${pgPort}) and Kafka (:${kafkaPort}, SASL :${saslPort}) for the tests`,
  );
  const [postgres, broker] = await Promise.all([
    startEmbeddedPostgres({
      dataDir: path.join(dataDir, "postgres"),
      port: pgPort,
      onNote: (line) => log(line),
    }),
    startLocalBroker({
      dataDir: path.join(dataDir, "kafka"),
      port: kafkaPort,
      controllerPort,
      sasl: { port: saslPort, users: TEST_SASL_USERS },
      onStatus: (l) => log(l),
    }),
  ]);
  stops.push(
    () => postgres.stop(),
    () => broker.stop(),
  );
  await migrate(postgres.databaseUrl);
  return {
    databaseUrl: postgres.databaseUrl,
    bootstrapServers: broker.bootstrapServers,
    saslBootstrapServers: broker.saslBootstrapServers,
    description: [],
    stop: async () => {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
    },
  };
}

/**
 * The local Flink cluster, started once for all the Flink integration tests (lib/flink/**), and only
 * when the run selects at least one of them: its three JVMs take a while to start on two cores.
 */
async function startFlinkIfNeeded(dataDir: string): Promise<LocalFlinkCluster | undefined> {
  if (process.env.FLINK_SQL_GATEWAY_URL && process.env.FLINK_REST_URL) return undefined;
  const flinkTests = (await fs.readdir(path.join(root, "lib", "flink"), { recursive: true }))
    .filter((f) => f.endsWith(".int.test.ts"))
    .map((f) => path.join("lib", "flink", f));
  const selected = flinkTests.filter(
    (f) => fileFilters.length === 0 || fileFilters.some((filter) => f.includes(filter)),
  );
  if (selected.length === 0) return undefined;
  const [restPort, gatewayPort] = await Promise.all([freePort(), freePort()]);
  log(
    `starting a local Flink cluster (REST :${restPort}, SQL Gateway :${gatewayPort}) for ${selected.length} Flink test file(s)`,
  );
  const started = Date.now();
  const cluster = await startLocalFlinkCluster({
    dataDir: path.join(dataDir, "flink"),
    restPort,
    gatewayPort,
    onStatus: (l) => log(l),
  });
  log(`local Flink ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return cluster;
}

/** The production build that `tributary start` (integration) and the e2e suite serve. */
async function ensureBuild(): Promise<number> {
  if (await isBuildCurrent(root)) return 0;
  const fingerprint = await buildFingerprint(root);
  log("building the console (next build)");
  const code = await run(process.execPath, [nextBin(root), "build"], {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
  });
  if (code === 0) await recordBuild(root, fingerprint);
  return code;
}

/**
 * The admin every e2e spec is signed in as (e2e/global-setup.ts signs in and saves the browser
 * state): made an admin with this password in the test database before the console starts.
 */
async function ensureTestAdmin(env: NodeJS.ProcessEnv): Promise<void> {
  process.env.DATABASE_URL = env.DATABASE_URL;
  const { setAdminAccount } = await import("@/lib/auth/first-admin");
  const { disconnectPrisma } = await import("@/lib/db/prisma");
  try {
    await setAdminAccount(env.TRIBUTARY_ADMIN_EMAIL!, env.TRIBUTARY_ADMIN_PASSWORD!);
  } finally {
    await disconnectPrisma();
    delete process.env.DATABASE_URL;
  }
}

async function e2e(env: NodeJS.ProcessEnv): Promise<number> {
  const chromium = await ensureChromium((l) => log(l));
  const port = await freePort();
  await ensureTestAdmin(env);
  const consoleEnv = {
    ...env,
    TRIBUTARY_ROOT: root,
    NEXT_TELEMETRY_DISABLED: "1",
    // The web process serves the Host names of its own port (lib/auth/console-origin.ts).
    PORT: String(port),
  };
  const processes: ManagedProcess[] = [
    spawnManaged("web", process.execPath, consoleServerArgs(root, port, "127.0.0.1"), {
      env: consoleEnv,
      cwd: root,
      quiet: true,
    }),
    spawnManaged(
      "worker",
      process.execPath,
      ["--import", "tsx", path.join(root, "workers/worker.ts")],
      { env: consoleEnv, cwd: root, quiet: true },
    ),
  ];
  try {
    await waitUntilHealthy(`http://127.0.0.1:${port}`);
    const out = path.join(os.tmpdir(), `tributary-playwright-${process.pid}.json`);
    const code = await run(bin("playwright"), ["test", ...fileFilters.filter(isE2eFilter)], {
      ...consoleEnv,
      TRIBUTARY_E2E_BASE_URL: `http://127.0.0.1:${port}`,
      TRIBUTARY_CHROMIUM: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: out,
    });
    add(await readCounts(out));
    return code;
  } finally {
    await Promise.all(processes.map((p) => stopProcess(p, 10_000)));
  }
}

/** The e2e suite starts once the console answers and every component (a worker too) is up. */
async function waitUntilHealthy(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
      last = `${res.status}: ${await res.text()}`;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the console at ${url} was not healthy within 60 s (${last})`);
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  // Arguments that look like paths select test files; the others name stages.
  fileFilters = args.filter((a) => a.includes("/") || a.includes("."));
  const requested = args.filter((a) => !fileFilters.includes(a));
  const unknown = requested.filter((s) => !STAGES.includes(s as Stage));
  if (unknown.length > 0) {
    console.error(`Unknown test stage '${unknown[0]}'. Stages: ${STAGES.join(", ")}.`);
    return 2;
  }
  const stages: Stage[] = requested.length > 0 ? (requested as Stage[]) : [...STAGES];
  const failedStages: string[] = [];
  const started = Date.now();

  if (stages.includes("typecheck")) {
    log("type check (tsc --noEmit)");
    if ((await run(bin("tsc"), ["--noEmit", "-p", "."])) !== 0) failedStages.push("typecheck");
  }
  if (stages.includes("lint")) {
    log("lint (eslint, prettier --check)");
    const eslint = await run(bin("eslint"), ["."]);
    const prettier = await run(bin("prettier"), ["--check", "--log-level", "warn", "."]);
    if (eslint !== 0 || prettier !== 0) failedStages.push("lint");
  }
  if (stages.includes("unit")) {
    log("unit tests (vitest)");
    if ((await vitest("unit", process.env)) !== 0) failedStages.push("unit");
  }
  if (stages.includes("integration") || stages.includes("e2e")) {
    if ((await ensureBuild()) !== 0) failedStages.push("build");
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "tributary-test-"));
    // PostgreSQL runs as the `postgres` user when we are root; it must be able to enter this dir.
    await fs.chmod(dataDir, 0o755);
    let servers: TestServers | undefined;
    let flink: LocalFlinkCluster | undefined;
    try {
      servers = await startTestServers(dataDir);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: servers.databaseUrl,
        KAFKA_BOOTSTRAP_SERVERS: servers.bootstrapServers,
        TRIBUTARY_TEST_SASL_BOOTSTRAP_SERVERS: servers.saslBootstrapServers ?? "",
        TRIBUTARY_TEST_DATA_DIR: dataDir,
        // Key files and other state the code under test creates stay in the throwaway dir.
        TRIBUTARY_DATA_DIR: path.join(dataDir, "console"),
        // The first admin of every console the tests start (`tributary start` creates it; the
        // e2e suite signs in as it). A fresh password each run.
        TRIBUTARY_ADMIN_EMAIL: "admin@localhost",
        TRIBUTARY_ADMIN_PASSWORD: `test-${randomBytes(12).toString("base64url")}`,
      };
      if (stages.includes("integration")) {
        flink = await startFlinkIfNeeded(dataDir);
        if (flink) {
          env.FLINK_SQL_GATEWAY_URL = flink.gatewayUrl;
          env.FLINK_REST_URL = flink.restUrl;
        }
        log("integration tests (vitest, real PostgreSQL and Kafka)");
        if ((await vitest("integration", env)) !== 0) failedStages.push("integration");
      }
      if (stages.includes("e2e")) {
        log("end-to-end tests (Playwright, Chromium)");
        if ((await e2e(env)) !== 0) failedStages.push("e2e");
      }
      log("scanning the run's stored job data for the test passwords");
      if ((await run(bin("tsx"), [path.join(root, "scripts/scan-test-secrets.ts")], env)) !== 0) {
        failedStages.push("secret scan");
        totals.failed += 1;
      } else totals.passed += 1;
    } catch (e) {
      console.error(
        `[test] could not run against real servers: ${e instanceof Error ? e.message : e}`,
      );
      failedStages.push("servers");
      totals.failed += 1;
    } finally {
      await flink?.stop();
      await servers?.stop();
      if (existsSync(dataDir))
        await fs.rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(
    `\n[test] stages: ${stages.join(", ")} in ${minutes} min` +
      (failedStages.length ? `; failed: ${failedStages.join(", ")}` : ""),
  );
  console.log(
    `${totals.passed} passed, ${totals.failed + (failedStages.length > 0 && totals.failed === 0 ? 1 : 0)} failed, ${totals.skipped} skipped`,
  );
  return failedStages.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
