import { describe, expect, it } from "vitest";
import { CLIENT_CONFIG_KEYS, javaDefault } from "./catalog";
import { checkClientProperties } from "./check";

const messages = (
  props: Record<string, string>,
  role: "producer" | "consumer" | "both" = "producer",
) => checkClientProperties(props, role).map((i) => `${i.severity}: ${i.message}`);

describe("catalog (kafka-clients 3.4.0 ConfigDefs)", () => {
  it("holds the producer and consumer keys with Java's defaults", () => {
    expect(javaDefault("acks", "producer")).toBe("all");
    expect(javaDefault("enable.idempotence", "producer")).toBe("true");
    expect(javaDefault("linger.ms", "producer")).toBe("0");
    expect(javaDefault("batch.size", "producer")).toBe("16384");
    expect(javaDefault("receive.buffer.bytes", "producer")).toBe("32768");
    expect(javaDefault("receive.buffer.bytes", "consumer")).toBe("65536");
    expect(javaDefault("session.timeout.ms", "consumer")).toBe("45000");
    expect(javaDefault("isolation.level", "consumer")).toBe("read_uncommitted");
    expect(javaDefault("auto.offset.reset", "consumer")).toBe("latest");
    expect(javaDefault("transaction.timeout.ms", "producer")).toBe("60000");
    expect(javaDefault("sasl.mechanism", "consumer")).toBe("GSSAPI");
    expect(javaDefault("group.id", "producer")).toBeUndefined();
  });

  it("has no duplicate keys", () => {
    const keys = CLIENT_CONFIG_KEYS.map((k) => k.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThan(100);
  });
});

describe("checkClientProperties", () => {
  it("accepts valid values without issues", () => {
    expect(
      messages({ acks: "1", "compression.type": "zstd", "linger.ms": "5", "batch.size": "65536" }),
    ).toEqual([]);
  });

  it("rejects acks=everything with ConfigException's text and the valid values", () => {
    expect(messages({ acks: "everything" })).toEqual([
      "error: Invalid value everything for configuration acks: String must be one of: all, -1, 0, 1",
    ]);
  });

  it("validates strings case-sensitively, as ValidString.in does in 3.4", () => {
    expect(messages({ "compression.type": "GZIP" })).toEqual([
      "error: Invalid value GZIP for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd",
    ]);
    expect(messages({ "security.protocol": "sasl_ssl" })).toEqual([
      "error: Invalid value sasl_ssl for configuration security.protocol: String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL",
    ]);
    expect(messages({ "isolation.level": "READ_COMMITTED" }, "consumer")).toEqual([
      "error: Invalid value READ_COMMITTED for configuration isolation.level: String must be one of: read_committed, read_uncommitted",
    ]);
    expect(messages({ "auto.offset.reset": "smallest" }, "consumer")).toEqual([
      "error: Invalid value smallest for configuration auto.offset.reset: String must be one of: latest, earliest, none",
    ]);
  });

  it("reports types and ranges as ConfigDef does", () => {
    expect(messages({ "linger.ms": "5ms" })).toEqual([
      "error: Invalid value 5ms for configuration linger.ms: Not a number of type LONG",
    ]);
    expect(messages({ "batch.size": "-1" })).toEqual([
      "error: Invalid value -1 for configuration batch.size: Value must be at least 0",
    ]);
    expect(messages({ "batch.size": "3000000000" })).toEqual([
      "error: Invalid value 3000000000 for configuration batch.size: Not a number of type INT",
    ]);
    expect(messages({ "enable.idempotence": "yes" })).toEqual([
      "error: Invalid value yes for configuration enable.idempotence: Expected value to be either true or false",
    ]);
    expect(messages({ "sasl.login.refresh.window.factor": "0.2" })).toContain(
      "error: Invalid value 0.2 for configuration sasl.login.refresh.window.factor: Value must be at least 0.5",
    );
    expect(messages({ "max.in.flight.requests.per.connection": "0" })).toEqual([
      "error: Invalid value 0 for configuration max.in.flight.requests.per.connection: Value must be at least 1",
    ]);
  });

  it("trims values before parsing, like ConfigDef", () => {
    expect(messages({ "linger.ms": " 10 ", acks: " all" })).toEqual([]);
  });

  it("warns about unknown keys with a did-you-mean", () => {
    expect(messages({ "linger.msec": "5" })).toEqual([
      "warning: 'linger.msec' is not a Kafka producer configuration (kafka-clients 3.4); the client ignores it. Did you mean 'linger.ms'?",
    ]);
    expect(
      checkClientProperties({ "compresion.type": "gzip" }, "producer", {
        keyPrefix: "properties.",
      })[0].message,
    ).toBe(
      "'properties.compresion.type' is not a Kafka producer configuration (kafka-clients 3.4); the client ignores it. Did you mean 'properties.compression.type'?",
    );
  });

  it("warns about a key of the other client role", () => {
    expect(messages({ "group.id": "g" }, "producer")).toEqual([
      "warning: 'group.id' is a Kafka consumer configuration; the producer ignores it.",
    ]);
    expect(messages({ acks: "all" }, "consumer")).toEqual([
      "warning: 'acks' is a Kafka producer configuration; the consumer ignores it.",
    ]);
    expect(messages({ acks: "all", "group.id": "g" }, "both")).toEqual([]);
  });

  it("warns about settings kafkajs cannot apply, naming the key and the reason", () => {
    expect(messages({ "partitioner.class": "com.acme.P" })).toEqual([
      "warning: 'partitioner.class' has no effect in Tributary: Tributary runs no Java code, so a Java class name cannot be loaded; choose a partitioner with 'sink.partitioner'.",
    ]);
    expect(messages({ "max.poll.records": "100" }, "consumer")).toEqual([
      "warning: 'max.poll.records' has no effect in Tributary: kafkajs hands over whole fetched batches.",
    ]);
  });

  it("applies the producer's idempotence rules (ProducerConfig.postProcessAndValidateIdempotenceConfigs)", () => {
    expect(messages({ "enable.idempotence": "true", acks: "1" })).toEqual([
      "error: Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.",
    ]);
    expect(messages({ "enable.idempotence": "true", retries: "0" })).toEqual([
      "error: Must set retries to non-zero when using the idempotent producer.",
    ]);
    expect(
      messages({ "enable.idempotence": "true", "max.in.flight.requests.per.connection": "6" }),
    ).toEqual([
      "error: Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer.",
    ]);
    // Not user-configured: Java silently turns idempotence off instead of failing.
    expect(messages({ acks: "1" })).toEqual([]);
    expect(messages({ acks: "1", "transactional.id": "t" })).toEqual([
      "error: Cannot set a transactional.id without also enabling idempotence.",
    ]);
  });

  it("skips value checks for ${secret_values.*} placeholders", () => {
    expect(messages({ "linger.ms": "${secret_values.linger}" })).toEqual([]);
  });
});
