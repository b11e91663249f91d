/**
 * Every configuration key the Java Kafka producer and consumer of kafka-clients 3.4.0 define
 * (ProducerConfig / ConsumerConfig static ConfigDefs, which pull in CommonClientConfigs,
 * SslConfigs.addClientSslSupport and SaslConfigs.addClientSaslSupport), with the type, default and
 * validator the Java ConfigDef declares, and how Tributary applies the key through kafkajs.
 * Pure data, browser-safe.
 */

export type ClientRole = "producer" | "consumer";

/** ConfigDef.Type. PASSWORD values are never echoed in messages. */
export type ConfigType =
  "string" | "int" | "short" | "long" | "double" | "boolean" | "list" | "class" | "password";

export type ConfigValidator =
  /** ConfigDef.ValidString.in — case-sensitive, as in kafka-clients 3.4. */
  | { kind: "in"; values: readonly string[] }
  /** ConfigDef.Range.atLeast / between (inclusive). */
  | { kind: "range"; min?: number; max?: number }
  /** ConfigDef.NonEmptyString. */
  | { kind: "non-empty" };

/** How the setting reaches the wire when Tributary runs the job with kafkajs. */
export type Application =
  /** Translated to the named kafkajs option (a path in toKafkaJsConfig's result). */
  | { kind: "mapped"; to: string }
  /** Has no kafkajs counterpart; the reason is shown as a warning when the key is set. */
  | { kind: "ignored"; reason: string };

export interface ClientConfigKey {
  key: string;
  type: ConfigType;
  /** The Java default as ConfigDef prints it; null when the default is null. Per role where they differ. */
  defaults: Partial<Record<ClientRole, string | null>>;
  validator?: ConfigValidator;
  application: Application;
}

const NO_JAVA_CLASSES = "Tributary runs no Java code, so a Java class name cannot be loaded";
const NO_CLIENT_METRICS =
  "Java client metrics are not collected; Tributary reports its own job metrics";
const OS_SOCKET_BUFFERS = "kafkajs leaves socket buffer sizes to the operating system";
const NODE_TLS_VERSION = "Node.js negotiates the TLS version (TLSv1.2 or TLSv1.3) with the broker";
const NO_KERBEROS = "GSSAPI (Kerberos) is not supported by kafkajs";
const NO_OAUTHBEARER = "OAUTHBEARER is not supported";
const SASL_LOGIN_UNUSED = "only PLAIN and SCRAM credentials from sasl.jaas.config are supported";

function entry(
  key: string,
  type: ConfigType,
  roles: readonly ClientRole[],
  defaultValue: string | null,
  application: Application,
  validator?: ConfigValidator,
): ClientConfigKey {
  const defaults: Partial<Record<ClientRole, string | null>> = {};
  for (const role of roles) defaults[role] = defaultValue;
  return { key, type, defaults, validator, application };
}

const mapped = (to: string): Application => ({ kind: "mapped", to });
const ignored = (reason: string): Application => ({ kind: "ignored", reason });
const atLeast = (min: number): ConfigValidator => ({ kind: "range", min });
const between = (min: number, max: number): ConfigValidator => ({ kind: "range", min, max });
const oneOf = (...values: string[]): ConfigValidator => ({ kind: "in", values });
/** Flink's KafkaSource commits offsets on checkpoints (commit.offsets.on.checkpoint), never on a timer. */
const CHECKPOINT_COMMITS =
  "sources commit offsets to the group when a checkpoint completes, as Flink's KafkaSource does; 'properties.commit.offsets.on.checkpoint' = 'false' turns that off";
/** Sources read as Flink's KafkaSource: partitions assigned by the split-owner rule, no group join. */
const NO_GROUP_MEMBERSHIP =
  "sources never join the consumer group (as Flink's KafkaSource: each instance is assigned its partitions), so group membership settings have no effect";

const BOTH: readonly ClientRole[] = ["producer", "consumer"];
const P: readonly ClientRole[] = ["producer"];
const C: readonly ClientRole[] = ["consumer"];

const INT_MAX = "2147483647";

const COMMON: ClientConfigKey[] = [
  entry("bootstrap.servers", "list", BOTH, "", mapped("client.brokers")),
  entry(
    "client.dns.lookup",
    "string",
    BOTH,
    "use_all_dns_ips",
    ignored("Node.js resolves broker host names itself; kafkajs has no DNS lookup strategy"),
    oneOf("use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"),
  ),
  entry("client.id", "string", BOTH, "", mapped("client.clientId")),
  entry("send.buffer.bytes", "int", BOTH, "131072", ignored(OS_SOCKET_BUFFERS), atLeast(-1)),
  // The one key whose Java default differs by role.
  {
    key: "receive.buffer.bytes",
    type: "int",
    defaults: { producer: "32768", consumer: "65536" },
    validator: atLeast(-1),
    application: ignored(OS_SOCKET_BUFFERS),
  },
  entry(
    "reconnect.backoff.ms",
    "long",
    BOTH,
    "50",
    ignored("kafkajs reconnects with its retry policy (see retry.backoff.ms)"),
    atLeast(0),
  ),
  entry(
    "reconnect.backoff.max.ms",
    "long",
    BOTH,
    "1000",
    mapped("client.retry.maxRetryTime"),
    atLeast(0),
  ),
  entry(
    "retry.backoff.ms",
    "long",
    BOTH,
    "100",
    mapped("client.retry.initialRetryTime"),
    atLeast(0),
  ),
  entry("metadata.max.age.ms", "long", BOTH, "300000", mapped("<role>.metadataMaxAge"), atLeast(0)),
  entry("metrics.sample.window.ms", "long", BOTH, "30000", ignored(NO_CLIENT_METRICS), atLeast(0)),
  entry("metrics.num.samples", "int", BOTH, "2", ignored(NO_CLIENT_METRICS), atLeast(1)),
  entry(
    "metrics.recording.level",
    "string",
    BOTH,
    "INFO",
    ignored(NO_CLIENT_METRICS),
    oneOf("INFO", "DEBUG", "TRACE"),
  ),
  entry("metric.reporters", "list", BOTH, "", ignored(NO_JAVA_CLASSES)),
  entry(
    "auto.include.jmx.reporter",
    "boolean",
    BOTH,
    "true",
    ignored("there is no JMX outside the Java virtual machine"),
  ),
  entry("request.timeout.ms", "int", BOTH, "30000", mapped("client.requestTimeout"), atLeast(0)),
  entry(
    "socket.connection.setup.timeout.ms",
    "long",
    BOTH,
    "10000",
    mapped("client.connectionTimeout"),
  ),
  entry(
    "socket.connection.setup.timeout.max.ms",
    "long",
    BOTH,
    "30000",
    ignored("kafkajs uses one connection timeout (socket.connection.setup.timeout.ms)"),
  ),
  entry(
    "connections.max.idle.ms",
    "long",
    BOTH,
    "540000",
    ignored("kafkajs keeps broker connections open while the client runs"),
  ),
  entry("interceptor.classes", "list", BOTH, "", ignored(NO_JAVA_CLASSES)),
  entry(
    "security.protocol",
    "string",
    BOTH,
    "PLAINTEXT",
    mapped("client.ssl / client.sasl"),
    oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
  ),
  entry("security.providers", "string", BOTH, null, ignored(NO_JAVA_CLASSES)),
];

const SSL: ClientConfigKey[] = [
  entry("ssl.protocol", "string", BOTH, "TLSv1.3", ignored(NODE_TLS_VERSION)),
  entry("ssl.provider", "string", BOTH, null, ignored(NO_JAVA_CLASSES)),
  entry(
    "ssl.cipher.suites",
    "list",
    BOTH,
    null,
    ignored("Java cipher-suite names do not apply to Node.js's OpenSSL; its defaults are used"),
  ),
  entry("ssl.enabled.protocols", "list", BOTH, "TLSv1.2,TLSv1.3", ignored(NODE_TLS_VERSION)),
  entry("ssl.keystore.type", "string", BOTH, "JKS", mapped("client.ssl.keystoreFile.type")),
  entry("ssl.keystore.location", "string", BOTH, null, mapped("client.ssl.keystoreFile")),
  entry(
    "ssl.keystore.password",
    "password",
    BOTH,
    null,
    mapped("client.ssl.keystoreFile.password"),
  ),
  entry("ssl.key.password", "password", BOTH, null, mapped("client.ssl.passphrase")),
  entry("ssl.keystore.key", "password", BOTH, null, mapped("client.ssl.key")),
  entry("ssl.keystore.certificate.chain", "password", BOTH, null, mapped("client.ssl.cert")),
  entry("ssl.truststore.certificates", "password", BOTH, null, mapped("client.ssl.ca")),
  entry("ssl.truststore.type", "string", BOTH, "JKS", mapped("client.ssl.truststoreFile.type")),
  entry("ssl.truststore.location", "string", BOTH, null, mapped("client.ssl.truststoreFile")),
  entry(
    "ssl.truststore.password",
    "password",
    BOTH,
    null,
    mapped("client.ssl.truststoreFile.password"),
  ),
  entry("ssl.keymanager.algorithm", "string", BOTH, "SunX509", ignored(NO_JAVA_CLASSES)),
  entry("ssl.trustmanager.algorithm", "string", BOTH, "PKIX", ignored(NO_JAVA_CLASSES)),
  entry(
    "ssl.endpoint.identification.algorithm",
    "string",
    BOTH,
    "https",
    mapped("client.ssl.verifyHostname"),
  ),
  entry("ssl.secure.random.implementation", "string", BOTH, null, ignored(NO_JAVA_CLASSES)),
  entry("ssl.engine.factory.class", "class", BOTH, null, ignored(NO_JAVA_CLASSES)),
];

const SASL: ClientConfigKey[] = [
  entry("sasl.kerberos.service.name", "string", BOTH, null, ignored(NO_KERBEROS)),
  entry("sasl.kerberos.kinit.cmd", "string", BOTH, "/usr/bin/kinit", ignored(NO_KERBEROS)),
  entry("sasl.kerberos.ticket.renew.window.factor", "double", BOTH, "0.8", ignored(NO_KERBEROS)),
  entry("sasl.kerberos.ticket.renew.jitter", "double", BOTH, "0.05", ignored(NO_KERBEROS)),
  entry("sasl.kerberos.min.time.before.relogin", "long", BOTH, "60000", ignored(NO_KERBEROS)),
  entry(
    "sasl.login.refresh.window.factor",
    "double",
    BOTH,
    "0.8",
    ignored(SASL_LOGIN_UNUSED),
    between(0.5, 1.0),
  ),
  entry(
    "sasl.login.refresh.window.jitter",
    "double",
    BOTH,
    "0.05",
    ignored(SASL_LOGIN_UNUSED),
    between(0.0, 0.25),
  ),
  entry(
    "sasl.login.refresh.min.period.seconds",
    "short",
    BOTH,
    "60",
    ignored(SASL_LOGIN_UNUSED),
    between(0, 900),
  ),
  entry(
    "sasl.login.refresh.buffer.seconds",
    "short",
    BOTH,
    "300",
    ignored(SASL_LOGIN_UNUSED),
    between(0, 3600),
  ),
  entry("sasl.mechanism", "string", BOTH, "GSSAPI", mapped("client.sasl.mechanism")),
  entry(
    "sasl.jaas.config",
    "password",
    BOTH,
    null,
    mapped("client.sasl.username / client.sasl.password"),
  ),
  entry("sasl.client.callback.handler.class", "class", BOTH, null, ignored(NO_JAVA_CLASSES)),
  entry("sasl.login.callback.handler.class", "class", BOTH, null, ignored(NO_JAVA_CLASSES)),
  entry("sasl.login.class", "class", BOTH, null, ignored(NO_JAVA_CLASSES)),
  entry("sasl.login.connect.timeout.ms", "int", BOTH, null, ignored(SASL_LOGIN_UNUSED)),
  entry("sasl.login.read.timeout.ms", "int", BOTH, null, ignored(SASL_LOGIN_UNUSED)),
  entry("sasl.login.retry.backoff.max.ms", "long", BOTH, "10000", ignored(SASL_LOGIN_UNUSED)),
  entry("sasl.login.retry.backoff.ms", "long", BOTH, "100", ignored(SASL_LOGIN_UNUSED)),
  entry("sasl.oauthbearer.scope.claim.name", "string", BOTH, "scope", ignored(NO_OAUTHBEARER)),
  entry("sasl.oauthbearer.sub.claim.name", "string", BOTH, "sub", ignored(NO_OAUTHBEARER)),
  entry("sasl.oauthbearer.token.endpoint.url", "string", BOTH, null, ignored(NO_OAUTHBEARER)),
  entry("sasl.oauthbearer.jwks.endpoint.url", "string", BOTH, null, ignored(NO_OAUTHBEARER)),
  entry(
    "sasl.oauthbearer.jwks.endpoint.refresh.ms",
    "long",
    BOTH,
    "3600000",
    ignored(NO_OAUTHBEARER),
  ),
  entry(
    "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms",
    "long",
    BOTH,
    "10000",
    ignored(NO_OAUTHBEARER),
  ),
  entry(
    "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms",
    "long",
    BOTH,
    "100",
    ignored(NO_OAUTHBEARER),
  ),
  entry("sasl.oauthbearer.clock.skew.seconds", "int", BOTH, "30", ignored(NO_OAUTHBEARER)),
  entry("sasl.oauthbearer.expected.audience", "list", BOTH, null, ignored(NO_OAUTHBEARER)),
  entry("sasl.oauthbearer.expected.issuer", "string", BOTH, null, ignored(NO_OAUTHBEARER)),
];

const PRODUCER: ClientConfigKey[] = [
  entry("buffer.memory", "long", P, "33554432", mapped("batching.bufferMemory"), atLeast(0)),
  entry("retries", "int", P, INT_MAX, mapped("producer.retry.retries"), between(0, 2147483647)),
  entry("acks", "string", P, "all", mapped("send.acks"), oneOf("all", "-1", "0", "1")),
  entry(
    "compression.type",
    "string",
    P,
    "none",
    mapped("send.compression"),
    oneOf("none", "gzip", "snappy", "lz4", "zstd"),
  ),
  entry("batch.size", "int", P, "16384", mapped("batching.batchSize"), atLeast(0)),
  entry(
    "partitioner.adaptive.partitioning.enable",
    "boolean",
    P,
    "true",
    mapped("producer.partitioner.adaptive"),
  ),
  entry(
    "partitioner.availability.timeout.ms",
    "long",
    P,
    "0",
    mapped("producer.partitioner.availabilityTimeoutMs"),
    atLeast(0),
  ),
  entry(
    "partitioner.ignore.keys",
    "boolean",
    P,
    "false",
    mapped("producer.partitioner.ignoreKeys"),
  ),
  entry("linger.ms", "long", P, "0", mapped("batching.lingerMs"), atLeast(0)),
  entry(
    "delivery.timeout.ms",
    "int",
    P,
    "120000",
    mapped("producer.retry.maxRetryTime"),
    atLeast(0),
  ),
  entry("max.request.size", "int", P, "1048576", mapped("batching.maxRequestSize"), atLeast(0)),
  entry(
    "max.block.ms",
    "long",
    P,
    "60000",
    ignored(
      "kafkajs does not block callers on a full buffer; Tributary applies back-pressure itself",
    ),
    atLeast(0),
  ),
  entry(
    "metadata.max.idle.ms",
    "long",
    P,
    "300000",
    ignored("kafkajs keeps metadata for every topic it has written to"),
    atLeast(5000),
  ),
  entry(
    "max.in.flight.requests.per.connection",
    "int",
    P,
    "5",
    mapped("producer.maxInFlightRequests"),
    atLeast(1),
  ),
  entry(
    "key.serializer",
    "class",
    P,
    null,
    ignored("record keys are the bytes the table's key.format produces"),
  ),
  entry(
    "value.serializer",
    "class",
    P,
    null,
    ignored("record values are the bytes the table's format produces"),
  ),
  entry(
    "partitioner.class",
    "class",
    P,
    null,
    ignored(`${NO_JAVA_CLASSES}; choose a partitioner with 'sink.partitioner'`),
  ),
  entry("enable.idempotence", "boolean", P, "true", mapped("producer.idempotent")),
  entry("transaction.timeout.ms", "int", P, "60000", mapped("producer.transactionTimeout")),
  entry("transactional.id", "string", P, null, mapped("producer.transactionalId"), {
    kind: "non-empty",
  }),
];

const CONSUMER: ClientConfigKey[] = [
  entry("group.id", "string", C, null, mapped("consumer.groupId")),
  entry("group.instance.id", "string", C, null, ignored(NO_GROUP_MEMBERSHIP), {
    kind: "non-empty",
  }),
  entry("session.timeout.ms", "int", C, "45000", ignored(NO_GROUP_MEMBERSHIP)),
  entry("heartbeat.interval.ms", "int", C, "3000", ignored(NO_GROUP_MEMBERSHIP)),
  entry(
    "partition.assignment.strategy",
    "list",
    C,
    "class org.apache.kafka.clients.consumer.RangeAssignor,class org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
    ignored(NO_GROUP_MEMBERSHIP),
  ),
  entry("enable.auto.commit", "boolean", C, "true", ignored(CHECKPOINT_COMMITS)),
  entry("auto.commit.interval.ms", "int", C, "5000", ignored(CHECKPOINT_COMMITS), atLeast(0)),
  entry("client.rack", "string", C, "", mapped("consumer.rackId")),
  entry(
    "max.partition.fetch.bytes",
    "int",
    C,
    "1048576",
    mapped("consumer.maxBytesPerPartition"),
    atLeast(0),
  ),
  entry("fetch.min.bytes", "int", C, "1", mapped("consumer.minBytes"), atLeast(0)),
  entry("fetch.max.bytes", "int", C, "52428800", mapped("consumer.maxBytes"), atLeast(0)),
  entry("fetch.max.wait.ms", "int", C, "500", mapped("consumer.maxWaitTimeInMs"), atLeast(0)),
  entry(
    "auto.offset.reset",
    "string",
    C,
    "latest",
    mapped("consumer.autoOffsetReset"),
    oneOf("latest", "earliest", "none"),
  ),
  entry("check.crcs", "boolean", C, "true", ignored("kafkajs does not verify record CRCs")),
  entry(
    "key.deserializer",
    "class",
    C,
    null,
    ignored("record keys are decoded by the table's key.format"),
  ),
  entry(
    "value.deserializer",
    "class",
    C,
    null,
    ignored("record values are decoded by the table's format"),
  ),
  entry(
    "default.api.timeout.ms",
    "int",
    C,
    "60000",
    ignored("kafkajs bounds each request with request.timeout.ms"),
    atLeast(0),
  ),
  entry(
    "max.poll.records",
    "int",
    C,
    "500",
    ignored("kafkajs hands over whole fetched batches"),
    atLeast(1),
  ),
  entry("max.poll.interval.ms", "int", C, "300000", ignored(NO_GROUP_MEMBERSHIP), atLeast(1)),
  entry(
    "exclude.internal.topics",
    "boolean",
    C,
    "true",
    ignored("the source subscribes to the topics named in 'topic' / 'topic-pattern' only"),
  ),
  entry(
    "internal.leave.group.on.close",
    "boolean",
    C,
    "true",
    ignored("kafkajs always leaves the group on disconnect"),
  ),
  entry(
    "isolation.level",
    "string",
    C,
    "read_uncommitted",
    mapped("consumer.readUncommitted"),
    oneOf("read_committed", "read_uncommitted"),
  ),
  entry(
    "allow.auto.create.topics",
    "boolean",
    C,
    "true",
    mapped("consumer.allowAutoTopicCreation"),
  ),
];

export const CLIENT_CONFIG_KEYS: readonly ClientConfigKey[] = [
  ...COMMON,
  ...SSL,
  ...SASL,
  ...PRODUCER,
  ...CONSUMER,
];

const BY_KEY = new Map(CLIENT_CONFIG_KEYS.map((k) => [k.key, k]));

export function clientConfigKey(key: string): ClientConfigKey | undefined {
  return BY_KEY.get(key);
}

export function definedFor(entry: ClientConfigKey, role: ClientRole): boolean {
  return role in entry.defaults;
}

/** The Java default for a role, or undefined when the key is not defined for that role. */
export function javaDefault(key: string, role: ClientRole): string | null | undefined {
  const e = BY_KEY.get(key);
  if (!e || !definedFor(e, role)) return undefined;
  return e.defaults[role];
}

/** Keys that hold secrets (ConfigDef.Type.PASSWORD) or look like they do. */
export function isSensitiveKey(key: string): boolean {
  const e = BY_KEY.get(key);
  if (e?.type === "password") return true;
  const lower = key.toLowerCase();
  return lower.includes("password") || lower.includes("secret") || lower.endsWith("jaas.config");
}
