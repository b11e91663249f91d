/**
 * The configuration of the local single-node KRaft broker (one JVM is both broker and controller).
 * Replication factors and ISR minimums are 1 because there is only one node: with Kafka's defaults
 * (3 and 2) the internal topics behind consumer groups and transactions could never be created.
 */

export interface SaslUser {
  username: string;
  password: string;
}

export interface BrokerListeners {
  host: string;
  port: number;
  controllerPort: number;
  /** An extra SASL_PLAINTEXT listener accepting PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512. */
  sasl?: { port: number; users: readonly SaslUser[] };
  /**
   * The `host:port` the PLAINTEXT listener advertises, when it must differ from where it listens
   * (tests of clients facing a misconfigured advertised.listeners); default `host:port`.
   */
  advertisedListener?: string;
}

export interface ServerPropertiesInput extends BrokerListeners {
  nodeId: number;
  logDir: string;
  autoCreateTopics: boolean;
  transactionMaxTimeoutMs?: number;
  /** Further broker settings, written last so they override the ones above (tests of unusual clusters). */
  extra?: Readonly<Record<string, string | number | boolean>>;
}

export const SASL_MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const;

/**
 * Credentials end up in server.properties (PLAIN) and in the storage tool's arguments (SCRAM), so
 * they are restricted to characters that need no quoting in either place.
 */
const CREDENTIAL = /^[A-Za-z0-9._-]+$/;

export function checkSaslUsers(users: readonly SaslUser[]): void {
  if (users.length === 0)
    throw new Error("The SASL listener needs at least one user in 'sasl.users'.");
  for (const user of users) {
    if (!CREDENTIAL.test(user.username)) {
      throw new Error(
        `SASL user name '${user.username}' is not usable on the local broker: use only letters, digits, '.', '_' and '-'.`,
      );
    }
    if (!CREDENTIAL.test(user.password)) {
      throw new Error(
        `The password of SASL user '${user.username}' is not usable on the local broker: use only letters, digits, '.', '_' and '-'.`,
      );
    }
  }
}

export function renderServerProperties(input: ServerPropertiesInput): string {
  const { host, port, controllerPort, sasl } = input;
  const listeners = [`PLAINTEXT://${host}:${port}`, `CONTROLLER://${host}:${controllerPort}`];
  const advertised = [`PLAINTEXT://${input.advertisedListener ?? `${host}:${port}`}`];
  const protocolMap = ["PLAINTEXT:PLAINTEXT", "CONTROLLER:PLAINTEXT"];
  if (sasl) {
    checkSaslUsers(sasl.users);
    listeners.push(`SASL_PLAINTEXT://${host}:${sasl.port}`);
    advertised.push(`SASL_PLAINTEXT://${host}:${sasl.port}`);
    protocolMap.push("SASL_PLAINTEXT:SASL_PLAINTEXT");
  }

  const props: Array<[string, string | number | boolean]> = [
    ["process.roles", "broker,controller"],
    ["node.id", input.nodeId],
    // A static voter set rather than a formatted dynamic quorum, so the controller port may change
    // between starts without re-formatting.
    ["controller.quorum.voters", `${input.nodeId}@${host}:${controllerPort}`],
    ["controller.listener.names", "CONTROLLER"],
    ["inter.broker.listener.name", "PLAINTEXT"],
    ["listeners", listeners.join(",")],
    ["advertised.listeners", advertised.join(",")],
    ["listener.security.protocol.map", protocolMap.join(",")],
    ["log.dirs", input.logDir],
    ["num.partitions", 1],
    ["auto.create.topics.enable", input.autoCreateTopics],
    ["offsets.topic.replication.factor", 1],
    ["offsets.topic.num.partitions", 1],
    ["transaction.state.log.replication.factor", 1],
    ["transaction.state.log.min.isr", 1],
    ["transaction.state.log.num.partitions", 1],
    ["share.coordinator.state.topic.replication.factor", 1],
    ["share.coordinator.state.topic.min.isr", 1],
    ["group.initial.rebalance.delay.ms", 0],
    // Fewer threads than the defaults: this broker serves one developer or one test run.
    ["num.network.threads", 2],
    ["num.io.threads", 4],
    ["num.recovery.threads.per.data.dir", 1],
    ["log.retention.hours", 168],
    ["log.segment.bytes", 64 * 1024 * 1024],
  ];
  if (input.transactionMaxTimeoutMs !== undefined) {
    props.push(["transaction.max.timeout.ms", input.transactionMaxTimeoutMs]);
  }
  for (const [key, value] of Object.entries(input.extra ?? {})) {
    const at = props.findIndex(([k]) => k === key);
    if (at >= 0) props.splice(at, 1);
    props.push([key, value]);
  }
  if (sasl) {
    props.push(["sasl.enabled.mechanisms", SASL_MECHANISMS.join(",")]);
    const plainUsers = sasl.users.map((u) => `user_${u.username}="${u.password}"`).join(" ");
    props.push([
      "listener.name.sasl_plaintext.plain.sasl.jaas.config",
      `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`,
    ]);
    // SCRAM credentials live in the cluster metadata (written when storage is formatted).
    for (const mechanism of ["scram-sha-256", "scram-sha-512"]) {
      props.push([
        `listener.name.sasl_plaintext.${mechanism}.sasl.jaas.config`,
        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
      ]);
    }
  }
  return props.map(([key, value]) => `${key}=${escapeValue(String(value))}`).join("\n") + "\n";
}

/** Java .properties treats a backslash as an escape; Windows-free paths need nothing else. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, "\\\\");
}

/** Arguments for `StorageTool format --add-scram`, one per user and SCRAM mechanism. */
export function scramFormatArguments(users: readonly SaslUser[]): string[] {
  if (users.length === 0) return [];
  checkSaslUsers(users);
  return users.flatMap((u) =>
    ["SCRAM-SHA-256", "SCRAM-SHA-512"].flatMap((mechanism) => [
      "--add-scram",
      `${mechanism}=[name=${u.username},password=${u.password}]`,
    ]),
  );
}

/**
 * Log4j 2 configuration: everything to stdout, which the parent process copies into the broker's
 * log file. Request logging and the state-change chatter stay at WARN so the file stays readable.
 */
export function renderLog4j2Properties(): string {
  return [
    "status = warn",
    "appender.stdout.type = Console",
    "appender.stdout.name = STDOUT",
    "appender.stdout.target = SYSTEM_OUT",
    "appender.stdout.layout.type = PatternLayout",
    "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
    "rootLogger.level = INFO",
    "rootLogger.appenderRef.stdout.ref = STDOUT",
    "logger.request.name = kafka.request.logger",
    "logger.request.level = WARN",
    "logger.statechange.name = state.change.logger",
    "logger.statechange.level = WARN",
    "logger.network.name = kafka.network.RequestChannel$",
    "logger.network.level = WARN",
    "",
  ].join("\n");
}
