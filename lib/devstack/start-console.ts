/**
 * `npm start`: the whole console on one machine — PostgreSQL and Kafka (embedded defaults unless
 * DATABASE_URL / KAFKA_BOOTSTRAP_SERVERS point elsewhere), the production build of the Next.js
 * console (rebuilt when its sources changed), one worker — and a clean stop of all of it on Ctrl-C.
 */
import { nextBin, consoleServerArgs } from "./next-server";
import path from "node:path";
import { config, projectRoot } from "@/lib/config";
import { buildFingerprint, isBuildCurrent, recordBuild } from "./build-stamp";
import { startInfrastructure } from "./infrastructure";
import { removeServersFile, writeServersFile } from "./servers-file";
import { assertPortFree } from "@/lib/net/ports";
import { runToCompletion, spawnManaged, stopProcess, type ManagedProcess } from "./processes";
import { consoleOrigins } from "@/lib/auth/console-origin";
import { ensureFirstAdmin, type FirstAdmin } from "@/lib/auth/first-admin";
import { disconnectPrisma } from "@/lib/db/prisma";

const STOP_GRACE_MS = 10_000;
const HEALTHY_WITHIN_MS = 60_000;

export async function startConsole(opts: { skipBuild?: boolean } = {}): Promise<number> {
  const root = projectRoot();
  const log = (line: string) => console.log(`[tributary] ${line}`);
  const port = config.port();
  const host = process.env.HOSTNAME?.trim() || "127.0.0.1";
  // Fail before starting anything when the console's own port is taken.
  await assertPortFree(port, "the console", { host, remedy: "set PORT to another port" });

  let stopping = false;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  if (!opts.skipBuild && !(await isBuildCurrent(root))) {
    const fingerprint = await buildFingerprint(root);
    log("building the console (next build); this happens once after each change");
    await runToCompletion(process.execPath, [nextBin(root), "build"], {
      cwd: root,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    await recordBuild(root, fingerprint);
  }
  if (interrupted) return 130;

  const infra = await startInfrastructure({
    dataDir: config.dataDir(),
    databaseUrl: config.externalDatabaseUrl(),
    bootstrapServers: config.externalKafka(),
    postgresPort: config.postgresPort(),
    kafkaPort: config.kafkaPort(),
    kafkaControllerPort: config.kafkaControllerPort(),
    flink:
      config.flinkAtStart() && !config.flinkSqlGatewayUrl()
        ? { restPort: config.flinkRestPort(), gatewayPort: config.flinkGatewayPort() }
        : undefined,
    log,
  });
  let firstAdmin: FirstAdmin;
  try {
    // This process talks to the database only for the first admin; the children get the URL too.
    process.env.DATABASE_URL = infra.databaseUrl;
    firstAdmin = await ensureFirstAdmin({ publicUrl: consoleOrigins().publicUrl });
    await disconnectPrisma();
  } catch (e) {
    await infra.stop();
    throw e;
  }
  if (firstAdmin.kind === "created")
    log(`created the admin ${firstAdmin.email} (TRIBUTARY_ADMIN_PASSWORD)`);

  // `tributary worker`, `users` and `tokens` run from this checkout find the servers through this file.
  await writeServersFile(config.dataDir(), {
    pid: process.pid,
    url: consoleOrigins().publicUrl,
    databaseUrl: infra.databaseUrl,
    ...(config.externalKafka() ? {} : { bootstrapServers: infra.bootstrapServers }),
  });
  const env = {
    ...process.env,
    TRIBUTARY_ROOT: root,
    DATABASE_URL: infra.databaseUrl,
    KAFKA_BOOTSTRAP_SERVERS: infra.bootstrapServers,
    // The web process derives the Host names it serves from PORT (lib/auth/console-origin.ts).
    PORT: String(port),
    ...(infra.flink
      ? { FLINK_SQL_GATEWAY_URL: infra.flink.gatewayUrl, FLINK_REST_URL: infra.flink.restUrl }
      : {}),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const children: ManagedProcess[] = [
    spawnManaged("web", process.execPath, consoleServerArgs(root, port, host), { env, cwd: root }),
    spawnManaged(
      "worker",
      process.execPath,
      ["--import", "tsx", path.join(root, "workers/worker.ts")],
      { env, cwd: root },
    ),
  ];

  const shutdown = async (reason: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${reason})`);
    await Promise.all(children.map((c) => stopProcess(c, STOP_GRACE_MS)));
    await removeServersFile(config.dataDir()).catch(() => undefined);
    await infra.stop();
    log("stopped");
  };

  const stopped = new Promise<number>((resolve) => {
    const stopAndExit = (reason: string, code: number) =>
      void shutdown(reason).then(() => resolve(code));
    process.removeListener("SIGINT", onSignal);
    process.removeListener("SIGTERM", onSignal);
    process.once("SIGINT", () => stopAndExit("Ctrl-C", 0));
    process.once("SIGTERM", () => stopAndExit("SIGTERM", 0));
    if (interrupted) stopAndExit("interrupted", 130);
    for (const c of children) {
      void c.exited.then((code) => {
        if (!stopping) stopAndExit(`${c.name} exited with code ${code}`, 1);
      });
    }
  });

  const url = `http://${host === "0.0.0.0" ? "localhost" : host === "127.0.0.1" ? "localhost" : host}:${port}`;
  void waitUntilHealthy(url, () => stopping).then((healthy) => {
    if (stopping) return;
    for (const line of infra.description) log(line);
    log(
      "more workers: `npx tributary worker` in this checkout connects to these servers by itself",
    );
    log(
      healthy
        ? `console ready at ${url}`
        : `console at ${url} (not every component is healthy yet: see ${url}/health)`,
    );
    if (firstAdmin.kind === "setup-link") {
      log(
        `no admin yet: create one with this one-time link (valid for an hour, once; a restart makes a new one):`,
      );
      log(`  ${firstAdmin.url}`);
    }
  });
  return stopped;
}

async function waitUntilHealthy(url: string, cancelled: () => boolean): Promise<boolean> {
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  while (Date.now() < deadline && !cancelled()) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
