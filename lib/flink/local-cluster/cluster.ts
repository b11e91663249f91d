/**
 * The local single-node Flink cluster: a standalone session cluster — JobManager
 * (StandaloneSessionClusterEntrypoint) and one TaskManager (TaskManagerRunner), both from
 * flink-runtime — and the SQL Gateway on `execution.target: remote` in front of it, so that the
 * JobManager's REST API (jobs, exceptions, checkpoints, metrics, savepoints) exists. Three JVMs on
 * one classpath, started at once, bounded heaps, supervised like the local Kafka broker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { assertPortFree, findFreePort } from "@/lib/net/ports";
import {
  isAlive,
  signal,
  sleep,
  startWatchdog,
  terminate,
} from "@/lib/kafka/local-broker/supervision";
import { renderConfigYaml, renderLog4j2Properties } from "./config-yaml";
import { ensureFlinkJars } from "./jars";

export interface LocalFlinkOptions {
  /** Holds conf/, logs, checkpoints, savepoints and the pid file; reused by the next start. */
  dataDir: string;
  host?: string;
  /** The JobManager's REST API (and web UI); default 8081. */
  restPort?: number;
  /** The SQL Gateway's REST endpoint; default 8083. */
  gatewayPort?: number;
  /** Task slots of the one TaskManager; default 8. */
  taskSlots?: number;
  onStatus?: (message: string) => void;
  /** Every line the three JVMs log (also in `<dataDir>/log/<process>.log`). */
  onLog?: (process: FlinkProcessName, line: string) => void;
  jarCacheDir?: string;
  /** Default 180 s: three JVMs on a shared 2-core machine. */
  startTimeoutMs?: number;
  stopGraceMs?: number;
}

export type FlinkProcessName = "jobmanager" | "taskmanager" | "sql-gateway";

export interface LocalFlinkCluster {
  gatewayUrl: string;
  restUrl: string;
  flinkVersion: string;
  logDir: string;
  savepointsDir: string;
  /** Settles when any of the three JVMs exits, whether by stop() or on its own. */
  exited: Promise<{ process: FlinkProcessName; code: number | null }>;
  stop(): Promise<void>;
}

const PROCESSES: Record<FlinkProcessName, { mainClass: string; jvm: string[] }> = {
  jobmanager: {
    mainClass: "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
    // Mostly idle: the client compiler alone starts faster and costs less CPU on a shared machine.
    jvm: ["-Xmx320m", "-XX:MaxMetaspaceSize=192m", "-XX:TieredStopAtLevel=1"],
  },
  taskmanager: {
    mainClass: "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
    // Heap = framework + task heap; direct memory covers network buffers and framework off-heap.
    jvm: ["-Xmx384m", "-XX:MaxDirectMemorySize=192m", "-XX:MaxMetaspaceSize=256m"],
  },
  "sql-gateway": {
    mainClass: "org.apache.flink.table.gateway.SqlGateway",
    jvm: ["-Xmx384m", "-XX:MaxMetaspaceSize=256m"],
  },
};

const REMEDY =
  "choose another port, or set FLINK_SQL_GATEWAY_URL and FLINK_REST_URL to a running cluster";

export async function startLocalFlinkCluster(opts: LocalFlinkOptions): Promise<LocalFlinkCluster> {
  const host = opts.host ?? "127.0.0.1";
  const restPort = opts.restPort ?? 8081;
  const gatewayPort = opts.gatewayPort ?? 8083;
  const graceMs = opts.stopGraceMs ?? 15_000;
  const dataDir = path.resolve(opts.dataDir);
  const confDir = path.join(dataDir, "conf");
  const logDir = path.join(dataDir, "log");
  const savepointsDir = path.join(dataDir, "savepoints");
  const pidFile = path.join(dataDir, "cluster.pid");
  for (const dir of [
    confDir,
    logDir,
    savepointsDir,
    path.join(dataDir, "checkpoints"),
    path.join(dataDir, "tmp"),
  ])
    await mkdir(dir, { recursive: true });
  await stopStaleCluster(pidFile, confDir, graceMs);
  await assertPortFree(restPort, "the local Flink JobManager's REST API", { host, remedy: REMEDY });
  await assertPortFree(gatewayPort, "the local Flink SQL Gateway", { host, remedy: REMEDY });

  const jars = await ensureFlinkJars({ cacheDir: opts.jarCacheDir, onStatus: opts.onStatus });
  await writeFile(
    path.join(confDir, "config.yaml"),
    renderConfigYaml({
      host,
      restPort,
      gatewayPort,
      rpcPort: await findFreePort(),
      taskSlots: opts.taskSlots ?? 8,
      checkpointsDir: path.join(dataDir, "checkpoints"),
      savepointsDir,
      tmpDir: path.join(dataDir, "tmp"),
    }),
  );
  const log4j = path.join(confDir, "log4j2.properties");
  await writeFile(log4j, renderLog4j2Properties());

  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
  const children = new Map<FlinkProcessName, ChildProcess>();
  const watchdogs: ChildProcess[] = [];
  const logsDone: Promise<void>[] = [];
  const exits: Promise<{ process: FlinkProcessName; code: number | null }>[] = [];
  for (const [name, spec] of Object.entries(PROCESSES) as Array<
    [FlinkProcessName, (typeof PROCESSES)[FlinkProcessName]]
  >) {
    const child = spawn(
      java,
      [
        ...spec.jvm,
        "-Xms64m",
        "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError",
        "-Djava.awt.headless=true",
        `-Dlog4j2.configurationFile=${log4j}`,
        `-Dlog.file=${path.join(logDir, `${name}.log`)}`,
        "-cp",
        jars.classpath,
        spec.mainClass,
        "--configDir",
        confDir,
      ],
      {
        env: { ...process.env, FLINK_CONF_DIR: confDir, FLINK_LOG_DIR: logDir },
        stdio: ["ignore", "pipe", "pipe"],
        // Its own process group: a terminal's Ctrl-C reaches the parent, which stops it in order.
        detached: true,
      },
    );
    exits.push(
      new Promise((resolve) => child.once("exit", (code) => resolve({ process: name, code }))),
    );
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", () => resolve());
      child.once("error", (error: NodeJS.ErrnoException) =>
        reject(
          error.code === "ENOENT"
            ? new Error(
                `Java (${java}) was not found; the local Flink cluster needs Java 17. Install it, set JAVA_HOME, or ${REMEDY.split(", or ")[1]}.`,
              )
            : error,
        ),
      );
    });
    child.on("error", () => {});
    children.set(name, child);
    watchdogs.push(startWatchdog(child.pid!, graceMs));
    const stream = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
    const lines = [child.stdout!, child.stderr!].map((input) => {
      const rl = createInterface({ input });
      rl.on("line", (line) => {
        stream.write(line + "\n");
        opts.onLog?.(name, line);
      });
      return new Promise<void>((resolve) => rl.once("close", resolve));
    });
    logsDone.push(Promise.all(lines).then(() => new Promise<void>((r) => stream.end(r))));
  }
  await writeFile(
    pidFile,
    JSON.stringify({
      pids: [...children.values()].map((c) => c.pid),
      watchdogPids: watchdogs.map((w) => w.pid),
      confDir,
      ownerPid: process.pid,
    }) + "\n",
  );

  const exited = Promise.race(exits);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const w of watchdogs) {
        if (w.pid) signal(w.pid, "SIGKILL");
        w.stdin?.destroy();
      }
      // The gateway first (it talks to the JobManager), then the TaskManager, then the JobManager.
      for (const name of ["sql-gateway", "taskmanager", "jobmanager"] as const) {
        const pid = children.get(name)?.pid;
        if (pid && isAlive(pid)) await terminate(pid, graceMs);
      }
      await Promise.all(exits);
      await Promise.all(logsDone);
      await rm(pidFile, { force: true });
    })());

  const restUrl = `http://${host}:${restPort}`;
  const gatewayUrl = `http://${host}:${gatewayPort}`;
  try {
    await waitUntilReady(restUrl, gatewayUrl, exited, opts.startTimeoutMs ?? 180_000, logDir);
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl, restUrl, flinkVersion: jars.version, logDir, savepointsDir, exited, stop };
}

async function waitUntilReady(
  restUrl: string,
  gatewayUrl: string,
  exited: Promise<{ process: FlinkProcessName; code: number | null }>,
  timeoutMs: number,
  logDir: string,
): Promise<void> {
  let exit: { process: FlinkProcessName; code: number | null } | undefined;
  void exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  let waitingFor = "the JobManager's REST API";
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(
        `The local Flink ${exit.process} exited during start-up (exit code ${exit.code}); the end of ${path.join(logDir, `${exit.process}.log`)}:\n${await tail(path.join(logDir, `${exit.process}.log`))}`,
      );
    }
    try {
      const overview = (await (await fetch(`${restUrl}/overview`)).json()) as {
        taskmanagers?: number;
      };
      waitingFor = "the TaskManager to register";
      if ((overview.taskmanagers ?? 0) >= 1) {
        waitingFor = "the SQL Gateway";
        if ((await fetch(`${gatewayUrl}/v1/info`)).ok) return;
      }
    } catch {
      // not listening yet
    }
    await sleep(300);
  }
  throw new Error(
    `The local Flink cluster was not ready within ${Math.round(timeoutMs / 1000)} s (waiting for ${waitingFor}); logs in ${logDir}.`,
  );
}

/** Ends JVMs an earlier start on this data directory left behind when its starter is gone. */
async function stopStaleCluster(pidFile: string, confDir: string, graceMs: number): Promise<void> {
  let content: { pids: number[]; watchdogPids: number[]; ownerPid: number };
  try {
    content = JSON.parse(await readFile(pidFile, "utf8")) as typeof content;
  } catch {
    return;
  }
  const ours = (pid: number) => {
    try {
      return isAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(confDir);
    } catch {
      return false;
    }
  };
  const alive = content.pids.filter(ours);
  if (alive.length > 0 && isAlive(content.ownerPid) && content.ownerPid !== process.pid) {
    throw new Error(
      `A local Flink cluster (pids ${alive.join(", ")}, started by process ${content.ownerPid}) already runs on ${confDir}: stop it first or use another data directory.`,
    );
  }
  for (const pid of content.watchdogPids ?? []) if (pid) signal(pid, "SIGKILL");
  for (const pid of alive) await terminate(pid, graceMs);
  await rm(pidFile, { force: true });
}

async function tail(file: string, lines = 25): Promise<string> {
  await sleep(200);
  try {
    return (await readFile(file, "utf8")).trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log written)";
  }
}
