import { describe, expect, it } from "vitest";
import { checkSaslUsers, renderServerProperties, scramFormatArguments } from "./server-properties";
import { randomClusterId } from "./storage";

function parse(text: string): Map<string, string> {
  return new Map(
    text
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

const base = {
  nodeId: 1,
  host: "127.0.0.1",
  port: 9092,
  controllerPort: 9093,
  logDir: "/d/kafka-logs",
  autoCreateTopics: false,
};

describe("renderServerProperties", () => {
  it("configures a single-node KRaft broker whose internal topics fit on one node", () => {
    const props = parse(renderServerProperties(base));
    expect(props.get("process.roles")).toBe("broker,controller");
    expect(props.get("controller.quorum.voters")).toBe("1@127.0.0.1:9093");
    expect(props.get("listeners")).toBe("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    expect(props.get("advertised.listeners")).toBe("PLAINTEXT://127.0.0.1:9092");
    expect(props.get("listener.security.protocol.map")).toBe(
      "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
    );
    expect(props.get("offsets.topic.replication.factor")).toBe("1");
    expect(props.get("transaction.state.log.replication.factor")).toBe("1");
    expect(props.get("transaction.state.log.min.isr")).toBe("1");
    expect(props.get("group.initial.rebalance.delay.ms")).toBe("0");
    expect(props.get("num.partitions")).toBe("1");
    expect(props.get("auto.create.topics.enable")).toBe("false");
    expect(props.has("transaction.max.timeout.ms")).toBe(false);
    expect(props.has("sasl.enabled.mechanisms")).toBe(false);
  });

  it("sets auto-creation and the transaction timeout ceiling when asked", () => {
    const props = parse(
      renderServerProperties({
        ...base,
        autoCreateTopics: true,
        transactionMaxTimeoutMs: 3_600_000,
      }),
    );
    expect(props.get("auto.create.topics.enable")).toBe("true");
    expect(props.get("transaction.max.timeout.ms")).toBe("3600000");
  });

  it("advertises another address for the PLAINTEXT listener when asked, listening where it did", () => {
    const props = parse(renderServerProperties({ ...base, advertisedListener: "127.0.0.1:1" }));
    expect(props.get("listeners")).toBe("PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
    expect(props.get("advertised.listeners")).toBe("PLAINTEXT://127.0.0.1:1");
    const withSasl = parse(
      renderServerProperties({
        ...base,
        advertisedListener: "kafka.example:9092",
        sasl: { port: 9094, users: [{ username: "a", password: "b" }] },
      }),
    );
    expect(withSasl.get("advertised.listeners")).toBe(
      "PLAINTEXT://kafka.example:9092,SASL_PLAINTEXT://127.0.0.1:9094",
    );
  });

  it("adds a SASL_PLAINTEXT listener with PLAIN users and SCRAM login modules", () => {
    const users = [
      { username: "alice", password: "s3cret" },
      { username: "bob", password: "pw" },
    ];
    const props = parse(renderServerProperties({ ...base, sasl: { port: 9094, users } }));
    expect(props.get("listeners")).toBe(
      "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093,SASL_PLAINTEXT://127.0.0.1:9094",
    );
    expect(props.get("advertised.listeners")).toBe(
      "PLAINTEXT://127.0.0.1:9092,SASL_PLAINTEXT://127.0.0.1:9094",
    );
    expect(props.get("listener.security.protocol.map")).toBe(
      "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
    );
    expect(props.get("sasl.enabled.mechanisms")).toBe("PLAIN,SCRAM-SHA-256,SCRAM-SHA-512");
    expect(props.get("listener.name.sasl_plaintext.plain.sasl.jaas.config")).toBe(
      'org.apache.kafka.common.security.plain.PlainLoginModule required user_alice="s3cret" user_bob="pw";',
    );
    expect(props.get("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config")).toBe(
      "org.apache.kafka.common.security.scram.ScramLoginModule required;",
    );
  });
});

describe("SASL users", () => {
  it("become --add-scram arguments for both SCRAM mechanisms", () => {
    expect(scramFormatArguments([{ username: "bob", password: "pw" }])).toEqual([
      "--add-scram",
      "SCRAM-SHA-256=[name=bob,password=pw]",
      "--add-scram",
      "SCRAM-SHA-512=[name=bob,password=pw]",
    ]);
    expect(scramFormatArguments([])).toEqual([]);
  });

  it("are refused when they would need quoting, naming the user but never the password", () => {
    expect(() => checkSaslUsers([{ username: "bo b", password: "x" }])).toThrow(
      "SASL user name 'bo b' is not usable on the local broker: use only letters, digits, '.', '_' and '-'.",
    );
    let message = "";
    try {
      checkSaslUsers([{ username: "bob", password: 'p"w]' }]);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      "The password of SASL user 'bob' is not usable on the local broker: use only letters, digits, '.', '_' and '-'.",
    );
    expect(message).not.toContain('p"w]');
  });
});

describe("randomClusterId", () => {
  it("is 22 URL-safe base64 characters not starting with '-', as Kafka's Uuid.toString", () => {
    for (let i = 0; i < 200; i++)
      expect(randomClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
  });
});
