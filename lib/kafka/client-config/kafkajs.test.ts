import { describe, expect, it } from "vitest";
import { toKafkaJsConfig } from "./kafkajs";
import { redactProperties } from "./redact";

describe("toKafkaJsConfig", () => {
  it("fills Java's defaults where kafkajs's differ", () => {
    const c = toKafkaJsConfig({ "bootstrap.servers": "a:9092, b:9092" }, "both");
    expect(c.client).toEqual({
      brokers: ["a:9092", "b:9092"],
      requestTimeout: 30000,
      connectionTimeout: 10000,
      retry: { initialRetryTime: 100, maxRetryTime: 1000 },
    });
    expect(c.send).toEqual({ acks: -1, compression: "none", timeout: 30000 });
    expect(c.producer).toMatchObject({
      idempotent: true,
      maxInFlightRequests: 5,
      transactionTimeout: 60000,
    });
    expect(c.batching).toEqual({
      lingerMs: 0,
      batchSize: 16384,
      maxRequestSize: 1048576,
      bufferMemory: 33554432,
    });
    expect(c.consumer).toMatchObject({
      sessionTimeout: 45000,
      heartbeatInterval: 3000,
      rebalanceTimeout: 300000,
      maxBytes: 52428800,
      maxBytesPerPartition: 1048576,
      maxWaitTimeInMs: 500,
      readUncommitted: true,
      autoOffsetReset: "latest",
      autoCommit: true,
    });
    expect(c.ignored).toEqual([]);
    expect(c.errors).toEqual([]);
  });

  it("maps the producer settings the issue lists", () => {
    const c = toKafkaJsConfig(
      {
        "bootstrap.servers": "k:9092",
        "client.id": "job-1",
        acks: "1",
        "compression.type": "lz4",
        "linger.ms": "20",
        "batch.size": "32768",
        "max.request.size": "2097152",
        "request.timeout.ms": "15000",
        retries: "3",
        "retry.backoff.ms": "250",
        "transaction.timeout.ms": "900000",
        "max.in.flight.requests.per.connection": "1",
        "partitioner.ignore.keys": "true",
      },
      "producer",
    );
    expect(c.client.clientId).toBe("job-1");
    expect(c.client.retry.initialRetryTime).toBe(250);
    expect(c.send).toEqual({ acks: 1, compression: "lz4", timeout: 15000 });
    // acks=1 without an explicit enable.idempotence: the Java producer turns idempotence off.
    expect(c.producer).toMatchObject({
      idempotent: false,
      maxInFlightRequests: 1,
      transactionTimeout: 900000,
      retry: { retries: 3, maxRetryTime: 120000 },
      partitioner: { ignoreKeys: true, adaptive: true, availabilityTimeoutMs: 0 },
    });
    expect(c.batching).toMatchObject({ lingerMs: 20, batchSize: 32768, maxRequestSize: 2097152 });
    expect(c.consumer).toBeUndefined();
  });

  it("maps consumer settings", () => {
    const c = toKafkaJsConfig(
      {
        "group.id": "g",
        "isolation.level": "read_committed",
        "auto.offset.reset": "earliest",
        "client.rack": "r1",
      },
      "consumer",
    );
    expect(c.consumer).toMatchObject({
      groupId: "g",
      readUncommitted: false,
      autoOffsetReset: "earliest",
      rackId: "r1",
    });
    expect(c.producer).toBeUndefined();
  });

  it("lists ignored keys with reasons and carries SASL credentials", () => {
    const c = toKafkaJsConfig(
      {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "SCRAM-SHA-256",
        "sasl.jaas.config":
          'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="p";',
        "send.buffer.bytes": "1000",
        "no.such.key": "1",
      },
      "producer",
    );
    expect(c.client.sasl).toEqual({ mechanism: "scram-sha-256", username: "u", password: "p" });
    expect(c.ignored).toEqual([
      {
        key: "send.buffer.bytes",
        reason: "kafkajs leaves socket buffer sizes to the operating system",
      },
      { key: "no.such.key", reason: "not a kafka-clients 3.4 configuration" },
    ]);
  });

  it("reports rejected values without echoing them", () => {
    const c = toKafkaJsConfig({ acks: "everything" }, "producer");
    expect(c.errors).toEqual([
      {
        key: "acks",
        severity: "error",
        message: "Invalid value for configuration acks: String must be one of: all, -1, 0, 1",
      },
    ]);
    expect(c.send?.acks).toBe(-1);
  });
});

describe("redactProperties", () => {
  it("hides passwords, keys and JAAS passwords but keeps the rest", () => {
    expect(
      redactProperties({
        "sasl.jaas.config":
          'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="pw;1";',
        "properties.sasl.jaas.config":
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=bob password=s3cret;",
        "ssl.key.password": "a",
        "ssl.keystore.password": "b",
        "properties.ssl.truststore.password": "c",
        "ssl.keystore.key": "-----BEGIN PRIVATE KEY-----",
        "my.custom.password.thing": "d",
        acks: "all",
      }),
    ).toEqual({
      "sasl.jaas.config":
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="******";',
      "properties.sasl.jaas.config":
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=bob password=******;",
      "ssl.key.password": "******",
      "ssl.keystore.password": "******",
      "properties.ssl.truststore.password": "******",
      "ssl.keystore.key": "******",
      "my.custom.password.thing": "******",
      acks: "all",
    });
  });
});
