import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { Kafka, logLevel } from "../kafkajs";
import { ensureKafkaJars } from "./jars";
import { assertPortFree } from "@/lib/net/ports";
import {
  renderLog4j2Properties,
  renderServerProperties,
  checkSaslUsers,
  type SaslUser,
} from "./server-properties";
import { checkScramUsersFormatted, formatStorage, isFormatted, storageDir } from "./storage";
import {
  isAlive,
  removePidFile,
  signal,
  sleep,
  startWatchdog,
  stopStaleBroker,
  terminate,
  writePidFile,
} from "./supervision";

export interface LocalBrokerOptions {
  /** Holds storage, configuration, the pid file and broker.log; reused by the next start. */
  dataDir: string;
  host?: string;
  /** PLAINTEXT listener; default 9092. */
  port?: number;
  /** KRaft controller listener; default 9093. */
  controllerPort?: number;
  /** An extra SASL_PLAINTEXT listener with PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 for these users. */
  sasl?: { port: number; users: readonly SaslUser[] };
  /**
   * The `host:port` the PLAINTEXT listener advertises instead of its own address — only for tests
   * of what clients see when advertised.listeners names an address they cannot reach.
   */
  advertisedListener?: string;
  /** auto.create.topics.enable; default false, as a careful production cluster has it. */
  autoCreateTopics?: boolean;
  /** transaction.max.timeout.ms; the broker's default (15 min) applies when absent. */
  transactionMaxTimeoutMs?: number;
  /**
   * Further server.properties entries, overriding the local broker's own — for tests against an
   * unusually configured cluster (e.g. transaction.state.log.replication.factor above the broker count).
   */
  serverProperties?: Readonly<Record<string, string | number | boolean>>;
  /** Every line the broker logs (they also go to `<dataDir>/broker.log`). */
  onLog?: (line: string) => void;
  /** One-line progress messages (the one-time jar download); default console.log. */
  onStatus?: (message: string) => void;
  /** Parent of the per-version jar cache; default `<repo>/.cache/kafka`. */
  jarCacheDir?: string;
  /** How long to wait for the broker to answer; default 90 s. */
  startTimeoutMs?: number;
  /** Between SIGTERM and SIGKILL when stopping; default 20 s. */
  stopGraceMs?: number;
  /** JVM heap limit, e.g. "512m" (the default). */
  maxHeap?: string;
}

export interface LocalBroker {
  bootstrapServers: string;
  saslBootstrapServers?: string;
  kafkaVersion: string;
  pid: number;
  logFile: string;
  /** Settles when the JVM exits, whether by stop() or on its own. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const NODE_ID = 1;
const KAFKA_REMEDY = "choose another port, or set KAFKA_BOOTSTRAP_SERVERS to a running broker";

export async function startLocalBroker(options: LocalBrokerOptions): Promise<LocalBroker> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 9092;
  const controllerPort = options.controllerPort ?? 9093;
  const graceMs = options.stopGraceMs ?? 20_000;
  const dataDir = path.resolve(options.dataDir);
  const serverPropertiesFile = path.join(dataDir, "server.properties");
  const log4jFile = path.join(dataDir, "log4j2.properties");
  const pidFile = path.join(dataDir, "broker.pid");
  const logFile = path.join(dataDir, "broker.log");
  if (options.sasl) checkSaslUsers(options.sasl.users);

  await mkdir(dataDir, { recursive: true });
  if (options.sasl && isFormatted(dataDir))
    await checkScramUsersFormatted(dataDir, options.sasl.users);
  await stopStaleBroker(pidFile, graceMs);
  await assertPortFree(port, "the local Kafka broker's PLAINTEXT listener", {
    host,
    remedy: KAFKA_REMEDY,
  });
  await assertPortFree(controllerPort, "the local Kafka broker's KRaft controller listener", {
    host,
    remedy: KAFKA_REMEDY,
  });
  if (options.sasl)
    await assertPortFree(options.sasl.port, "the local Kafka broker's SASL_PLAINTEXT listener", {
      host,
      remedy: KAFKA_REMEDY,
    });

  const jars = await ensureKafkaJars({ cacheDir: options.jarCacheDir, onStatus: options.onStatus });
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, "bin", "java") : "java";
  const jvmOptions = [
    `-Xmx${options.maxHeap ?? "512m"}`,
    "-Xms64m",
    "-XX:+UseG1GC",
    "-XX:MaxGCPauseMillis=20",
    "-XX:+ExitOnOutOfMemoryError",
    "-Djava.awt.headless=true",
    `-Dlog4j2.configurationFile=${log4jFile}`,
    `-Dkafka.logs.dir=${dataDir}`,
  ];

  await writeFile(
    serverPropertiesFile,
    renderServerProperties({
      nodeId: NODE_ID,
      host,
      port,
      controllerPort,
      sasl: options.sasl,
      advertisedListener: options.advertisedListener,
      logDir: storageDir(dataDir),
      autoCreateTopics: options.autoCreateTopics ?? false,
      transactionMaxTimeoutMs: options.transactionMaxTimeoutMs,
      extra: options.serverProperties,
    }),
    { mode: 0o600 },
  );
  await writeFile(log4jFile, renderLog4j2Properties());

  if (!isFormatted(dataDir)) {
    await checkJava(java);
    await formatStorage({
      java,
      classpath: jars.classpath,
      jvmOptions,
      dataDir,
      serverProperties: serverPropertiesFile,
      scramUsers: options.sasl?.users ?? [],
    });
  }

  const logStream = createWriteStream(logFile, { flags: "a" });
  const child = spawn(
    java,
    [...jvmOptions, "-cp", jars.classpath, "kafka.Kafka", serverPropertiesFile],
    {
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: a terminal's Ctrl-C reaches the parent, which stops the broker in order.
      detached: true,
    },
  );
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, sig) => resolve({ code, signal: sig })),
  );
  const pid = await new Promise<number>((resolve, reject) => {
    child.once("spawn", () => resolve(child.pid!));
    child.once("error", (error) => reject(javaMissing(java, error)));
  });
  // Later errors (a failed kill of an exited JVM) change nothing that `exited` does not report.
  child.on("error", () => {});

  const lineSinks = [child.stdout, child.stderr].map((stream) => {
    const lines = createInterface({ input: stream! });
    lines.on("line", (line) => {
      logStream.write(line + "\n");
      options.onLog?.(line);
    });
    return new Promise<void>((resolve) => lines.once("close", resolve));
  });
  const logsDone = Promise.all(lineSinks).then(
    () => new Promise<void>((resolve) => logStream.end(resolve)),
  );

  const watchdog = startWatchdog(pid, graceMs);
  await writePidFile(pidFile, {
    brokerPid: pid,
    watchdogPid: watchdog.pid,
    serverProperties: serverPropertiesFile,
    ownerPid: process.pid,
  });

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopWatchdog(watchdog);
      if (isAlive(pid)) await terminate(pid, graceMs);
      await exited;
      await logsDone;
      await removePidFile(pidFile);
    })());

  const bootstrapServers = `${host}:${port}`;
  try {
    await waitUntilAnswering(
      bootstrapServers,
      child,
      exited,
      options.startTimeoutMs ?? 90_000,
      logFile,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    bootstrapServers,
    saslBootstrapServers: options.sasl ? `${host}:${options.sasl.port}` : undefined,
    kafkaVersion: jars.version,
    pid,
    logFile,
    exited,
    stop,
  };
}

function stopWatchdog(watchdog: ChildProcess): void {
  // Blocked in `read`, it has no children of its own: SIGKILL leaves nothing behind.
  if (watchdog.pid) signal(watchdog.pid, "SIGKILL");
  watchdog.stdin?.destroy();
}

async function waitUntilAnswering(
  bootstrapServers: string,
  child: ChildProcess,
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>,
  timeoutMs: number,
  logFile: string,
): Promise<void> {
  let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((e) => (exit = e));
  const separator = bootstrapServers.lastIndexOf(":");
  const probeHost = bootstrapServers.slice(0, separator);
  const probePort = Number(bootstrapServers.slice(separator + 1));
  const kafka = new Kafka({
    clientId: "tributary-local-broker-probe",
    brokers: [bootstrapServers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries: 0 },
    // Every connection goes to the listener itself, not to the address the metadata advertises,
    // so that a broker started with a deliberately unreachable advertisedListener is seen as up.
    socketFactory: ({ onConnect }) => net.connect({ host: probeHost, port: probePort }, onConnect),
  });
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (exit || child.exitCode !== null) {
      throw new Error(
        `The local Kafka broker exited during start-up (${describeExit(exit)}); the end of ${logFile}:\n${await tail(logFile)}`,
      );
    }
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null) return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await sleep(250);
  }
  throw new Error(
    `The local Kafka broker did not answer on ${bootstrapServers} within ${Math.round(timeoutMs / 1000)} s ` +
      `(last error: ${lastError instanceof Error ? lastError.message : String(lastError)}); the end of ${logFile}:\n${await tail(logFile)}`,
  );
}

function describeExit(
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined,
): string {
  if (!exit) return "exit status unknown";
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

async function tail(file: string, lines = 25): Promise<string> {
  // The stream may still be flushing the last lines.
  await sleep(200);
  try {
    return (await readFile(file, "utf8")).trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log written)";
  }
}

function javaMissing(java: string, error: Error): Error {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    return new Error(
      `Java (${java}) was not found; the local Kafka broker needs Java 17 or later. ` +
        "Install it (e.g. apt-get install openjdk-17-jre-headless), set JAVA_HOME, or set KAFKA_BOOTSTRAP_SERVERS to a running broker.",
    );
  }
  return error;
}

async function checkJava(java: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = spawn(java, ["-version"], { stdio: "ignore" });
    probe.once("error", (error) => reject(javaMissing(java, error)));
    probe.once("close", () => resolve());
  });
}
