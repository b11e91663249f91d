/**
 * The local cluster's Flink configuration (config.yaml, Flink 1.20's standard YAML) and Log4j 2
 * setup. Memory is fixed small and explicit: the machine is shared, and TaskManagerRunner started
 * without Flink's shell scripts wants every taskmanager.memory.* component (and its CPU cores)
 * given, as the scripts' BashJavaUtils would compute them.
 */

export interface ClusterConfig {
  host: string;
  restPort: number;
  gatewayPort: number;
  rpcPort: number;
  taskSlots: number;
  checkpointsDir: string;
  savepointsDir: string;
  tmpDir: string;
}

export function renderConfigYaml(c: ClusterConfig): string {
  const entries: Record<string, string | number> = {
    "jobmanager.rpc.address": c.host,
    "jobmanager.rpc.port": c.rpcPort,
    "jobmanager.bind-host": c.host,
    "jobmanager.memory.process.size": "768m",
    "rest.address": c.host,
    "rest.bind-address": c.host,
    "rest.port": c.restPort,
    "taskmanager.host": c.host,
    "taskmanager.bind-host": c.host,
    "taskmanager.numberOfTaskSlots": c.taskSlots,
    "taskmanager.cpu.cores": c.taskSlots,
    "taskmanager.memory.framework.heap.size": "64m",
    "taskmanager.memory.task.heap.size": "320m",
    "taskmanager.memory.managed.size": "64m",
    "taskmanager.memory.network.min": "64m",
    "taskmanager.memory.network.max": "64m",
    "taskmanager.memory.framework.off-heap.size": "64m",
    "taskmanager.memory.task.off-heap.size": "0m",
    "taskmanager.memory.jvm-metaspace.size": "256m",
    "taskmanager.memory.jvm-overhead.min": "128m",
    "taskmanager.memory.jvm-overhead.max": "128m",
    "parallelism.default": 1,
    "execution.target": "remote",
    "execution.checkpointing.dir": `file://${c.checkpointsDir}`,
    "execution.checkpointing.savepoint-dir": `file://${c.savepointsDir}`,
    "io.tmp.dirs": c.tmpDir,
    "sql-gateway.endpoint.rest.address": c.host,
    "sql-gateway.endpoint.rest.bind-address": c.host,
    "sql-gateway.endpoint.rest.port": c.gatewayPort,
    // A session lives while its job runs; the console closes it.
    "sql-gateway.session.idle-timeout": "0",
  };
  return (
    "# Written by Tributary (lib/flink/local-cluster) at each start; edits are overwritten.\n" +
    Object.entries(entries)
      .map(([k, v]) => `${k}: ${typeof v === "number" ? v : JSON.stringify(v)}`)
      .join("\n") +
    "\n"
  );
}

export function renderLog4j2Properties(): string {
  return [
    "rootLogger.level = INFO",
    "rootLogger.appenderRef.console.ref = Console",
    "appender.console.name = Console",
    "appender.console.type = CONSOLE",
    "appender.console.layout.type = PatternLayout",
    "appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c{1} - %m%n",
    "logger.kafka.name = org.apache.kafka",
    "logger.kafka.level = WARN",
    "logger.pekko.name = org.apache.pekko",
    "logger.pekko.level = WARN",
    "logger.akka.name = akka",
    "logger.akka.level = WARN",
    "",
  ].join("\n");
}
