import { describe, expect, it } from "vitest";
import { explainDiagnosis } from "./explain";
import type { DiagnosisFacts, EndpointCheck, FailureKind, Step, StepName } from "./report";

const ok = (name: StepName): Step => ({ name, label: name, status: "ok", durationMs: 1 });
const failed = (name: StepName, kind: FailureKind, message = "boom", code?: string): Step => ({
  name,
  label: name,
  status: "failed",
  durationMs: 1,
  error: code ? { kind, message, code } : { kind, message },
});
const skip = (name: StepName): Step => ({
  name,
  label: name,
  status: "skipped",
  detail: "earlier step failed",
});

function endpoint(
  address: string,
  steps: Step[],
  extra: Partial<EndpointCheck> = {},
): EndpointCheck {
  const [host, port] = address.split(":");
  return {
    address,
    host,
    port: Number(port),
    role: "bootstrap",
    ok: steps.every((s) => s.status === "ok"),
    steps,
    ...extra,
  };
}
const healthy = (address: string, extra: Partial<EndpointCheck> = {}) =>
  endpoint(address, [ok("dns"), ok("tcp"), ok("kafka"), ok("metadata")], extra);
const advertised = (nodeId: number, address: string, steps?: Step[]) =>
  steps
    ? endpoint(address, steps, { role: "advertised", nodeId })
    : healthy(address, { role: "advertised", nodeId });

const cluster = (brokers: Array<[number, string]>, readThrough = "kafka.example.com:9092") => ({
  clusterId: "abc123",
  controllerId: 1,
  brokers: brokers.map(([nodeId, address]) => ({
    nodeId,
    host: address.split(":")[0],
    port: Number(address.split(":")[1]),
  })),
  readThrough,
});

function facts(over: Partial<DiagnosisFacts>): DiagnosisFacts {
  return { securityProtocol: "PLAINTEXT", propertyIssues: [], bootstrap: [], brokers: [], ...over };
}

describe("explainDiagnosis", () => {
  it("says all is well when bootstrap and every advertised endpoint work", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [healthy("kafka.example.com:9092")],
        cluster: cluster([
          [1, "b1.example.com:9092"],
          [2, "b2.example.com:9092"],
        ]),
        brokers: [advertised(1, "b1.example.com:9092"), advertised(2, "b2.example.com:9092")],
      }),
    );
    expect(e).toEqual({
      verdict: "ok",
      summary:
        "Bootstrap at kafka.example.com:9092 worked. Cluster abc123 has 2 brokers (controller: broker 1), and every advertised address (b1.example.com:9092, b2.example.com:9092) resolves, accepts connections, and answers Kafka requests. Jobs can reach this cluster.",
      notes: [],
    });
  });

  it("names TLS and the SASL user in the all-good summary", () => {
    const e = explainDiagnosis(
      facts({
        securityProtocol: "SASL_SSL",
        saslMechanism: "SCRAM-SHA-512",
        saslUsername: "etl",
        bootstrap: [healthy("kafka.example.com:9093")],
        cluster: cluster([[1, "kafka.example.com:9093"]], "kafka.example.com:9093"),
        brokers: [advertised(1, "kafka.example.com:9093")],
      }),
    );
    expect(e.verdict).toBe("ok");
    expect(e.summary).toContain(
      "resolves, accepts connections, completes the TLS handshake, authenticates user 'etl' with SASL SCRAM-SHA-512, and answers Kafka requests.",
    );
  });

  it("explains an advertised listener that refuses connections, with the consequence and the fix", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [healthy("kafka.example.com:9092")],
        cluster: cluster([[1, "10.0.0.5:9092"]]),
        brokers: [
          advertised(1, "10.0.0.5:9092", [
            ok("dns"),
            failed(
              "tcp",
              "connection-refused",
              "connect ECONNREFUSED 10.0.0.5:9092",
              "ECONNREFUSED",
            ),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e.verdict).toBe("advertised-listener-unreachable");
    expect(e.summary).toBe(
      "Bootstrap at kafka.example.com:9092 worked, but broker 1 advertises 10.0.0.5:9092, which refuses connections (nothing listens on that port). " +
        "Clients connect to the advertised address for every read and write, so jobs fail with 'Timed out waiting for a node assignment'.",
    );
    expect(e.fix).toBe(
      "Fix the broker's advertised.listeners (listeners / advertised.listeners in server.properties) so that it names an address reachable from Tributary's workers.",
    );
    expect(e.notes).toEqual([
      "The bootstrap address and the advertised one differ; that is common behind proxies, port forwarding, NAT or private links, where brokers must advertise the address clients use, not their own.",
    ]);
  });

  it("lists every failing broker, says which still work, and flags loopback addresses", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [healthy("kafka.example.com:9092")],
        cluster: cluster([
          [1, "localhost:9092"],
          [2, "b2.internal:9092"],
          [3, "b3.example.com:9092"],
        ]),
        brokers: [
          advertised(1, "localhost:9092", [
            ok("dns"),
            failed("tcp", "connection-refused"),
            skip("kafka"),
            skip("metadata"),
          ]),
          advertised(2, "b2.internal:9092", [
            failed("dns", "dns-not-found"),
            skip("tcp"),
            skip("kafka"),
            skip("metadata"),
          ]),
          advertised(3, "b3.example.com:9092"),
        ],
      }),
    );
    expect(e.summary).toBe(
      "Bootstrap at kafka.example.com:9092 worked, but broker 1 advertises localhost:9092, which refuses connections (nothing listens on that port) " +
        "and broker 2 advertises b2.internal:9092, which does not resolve (no DNS record for that host name). " +
        "(broker 3 is reachable at its advertised address.) " +
        "Clients connect to the advertised address for every read and write, so jobs fail with 'Timed out waiting for a node assignment'.",
    );
    expect(e.fix).toContain("Fix these brokers' advertised.listeners");
    expect(e.notes[0]).toBe(
      "localhost:9092 is a loopback address: to a client it means the client's own machine, not the broker's. Brokers must advertise an address their clients can reach.",
    );
  });

  it("describes an advertised address that times out", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [healthy("kafka.example.com:9092")],
        cluster: cluster([[7, "192.168.1.20:9092"]]),
        brokers: [
          advertised(7, "192.168.1.20:9092", [
            ok("dns"),
            failed("tcp", "timeout"),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e.summary).toContain(
      "broker 7 advertises 192.168.1.20:9092, which times out (the TCP connection is never accepted).",
    );
  });

  it("describes an advertised address that answers for another cluster", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [healthy("kafka.example.com:9092")],
        cluster: cluster([[1, "kafka.example.com:9092"]]),
        brokers: [
          advertised(1, "kafka.example.com:9092", [
            ok("dns"),
            ok("tcp"),
            ok("kafka"),
            failed(
              "metadata",
              "other-cluster",
              "cluster id zzz, while the bootstrap servers belong to cluster abc123",
            ),
          ]),
        ],
      }),
    );
    expect(e.summary).toContain(
      "which answers for another Kafka cluster (cluster id zzz, while the bootstrap servers belong to cluster abc123)",
    );
  });

  it("explains an unreachable bootstrap server", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [
          endpoint("kafka.example.com:9092", [
            ok("dns"),
            failed("tcp", "connection-refused"),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e).toEqual({
      verdict: "bootstrap-unreachable",
      summary:
        "The bootstrap server kafka.example.com:9092 refuses connections (nothing listens on that port). Without a bootstrap server, clients cannot even learn the cluster's brokers.",
      fix: "Check the host and port in bootstrap.servers: the port must be one of the broker's listeners (listeners in server.properties), and the broker must be running.",
      notes: [],
    });
  });

  it("points at firewalls when the bootstrap connection times out", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [
          endpoint("10.1.2.3:9092", [
            ok("dns"),
            failed("tcp", "timeout"),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e.verdict).toBe("bootstrap-unreachable");
    expect(e.summary).toContain("10.1.2.3:9092 times out (the TCP connection is never accepted)");
    expect(e.fix).toBe(
      "A firewall, security group or missing route stands between Tributary's workers and 10.1.2.3:9092: allow connections from the workers to that host and port, or use an address that is reachable from them.",
    );
  });

  it("explains a DNS failure of every bootstrap server", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [
          endpoint("k1.example:9092", [
            failed("dns", "dns-not-found"),
            skip("tcp"),
            skip("kafka"),
            skip("metadata"),
          ]),
          endpoint("k2.example:9092", [
            failed("dns", "dns-not-found"),
            skip("tcp"),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e.verdict).toBe("bootstrap-dns");
    expect(e.summary).toBe(
      "None of the bootstrap servers works: k1.example:9092 does not resolve (no DNS record for that host name) and k2.example:9092 does not resolve (no DNS record for that host name). Without a bootstrap server, clients cannot even learn the cluster's brokers.",
    );
  });

  it("explains by the bootstrap server that got furthest", () => {
    const e = explainDiagnosis(
      facts({
        securityProtocol: "SASL_PLAINTEXT",
        saslMechanism: "PLAIN",
        saslUsername: "etl",
        bootstrap: [
          endpoint("k1.example:9092", [
            failed("dns", "dns-not-found"),
            skip("tcp"),
            skip("kafka"),
            skip("metadata"),
          ]),
          endpoint("k2.example:9092", [
            ok("dns"),
            ok("tcp"),
            failed(
              "kafka",
              "sasl-authentication",
              "SASL PLAIN authentication failed: Authentication failed: Invalid username or password",
            ),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e.verdict).toBe("sasl-authentication-failed");
    expect(e.summary).toBe(
      "k2.example:9092 accepted the connection but rejected the SASL PLAIN credentials of user 'etl': SASL PLAIN authentication failed: Authentication failed: Invalid username or password.",
    );
    expect(e.fix).toContain("Check the username and password in sasl.jaas.config");
  });

  it("explains a SASL client against a listener without SASL", () => {
    const e = explainDiagnosis(
      facts({
        securityProtocol: "SASL_PLAINTEXT",
        saslMechanism: "PLAIN",
        bootstrap: [
          endpoint("k:9092", [
            ok("dns"),
            ok("tcp"),
            failed(
              "kafka",
              "sasl-not-expected",
              "Request is not valid given the current SASL state",
              "ILLEGAL_SASL_STATE",
            ),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e).toEqual({
      verdict: "security-protocol-mismatch",
      summary:
        "k:9092 is a listener without SASL (PLAINTEXT or SSL), but security.protocol is SASL_PLAINTEXT: the broker refused the SASL handshake.",
      fix: "Set security.protocol to PLAINTEXT for this listener, or use the address of the broker's SASL listener.",
      notes: [],
    });
  });

  it("explains a client without SASL against a SASL listener", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [
          endpoint("k:9094", [
            ok("dns"),
            ok("tcp"),
            ok("kafka"),
            failed("metadata", "sasl-expected", "Closed connection"),
          ]),
        ],
      }),
    );
    expect(e.verdict).toBe("security-protocol-mismatch");
    expect(e.fix).toBe(
      "Set security.protocol to SASL_PLAINTEXT, sasl.mechanism and sasl.jaas.config with the credentials of a user of that listener.",
    );
  });

  it("suggests TLS when a listener hangs up before answering a plaintext client", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [
          endpoint("k:9093", [
            ok("dns"),
            ok("tcp"),
            failed("kafka", "closed-without-answer", "Closed connection"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(e.verdict).toBe("security-protocol-mismatch");
    expect(e.fix).toContain("set security.protocol to SSL (or SASL_SSL)");
  });

  it("explains TLS against a plaintext listener and an untrusted certificate", () => {
    const plain = explainDiagnosis(
      facts({
        securityProtocol: "SSL",
        bootstrap: [
          endpoint("k:9092", [
            ok("dns"),
            ok("tcp"),
            failed("tls", "tls-not-spoken"),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(plain.verdict).toBe("security-protocol-mismatch");
    expect(plain.fix).toBe(
      "The listener at k:9092 is probably PLAINTEXT or SASL_PLAINTEXT: set security.protocol to match it, or connect to the broker's TLS listener.",
    );
    const untrusted = explainDiagnosis(
      facts({
        securityProtocol: "SSL",
        bootstrap: [
          endpoint("k:9093", [
            ok("dns"),
            ok("tcp"),
            failed(
              "tls",
              "tls-certificate",
              "self-signed certificate",
              "DEPTH_ZERO_SELF_SIGNED_CERT",
            ),
            skip("kafka"),
            skip("metadata"),
          ]),
        ],
      }),
    );
    expect(untrusted.verdict).toBe("tls-failed");
    expect(untrusted.summary).toBe(
      "The bootstrap server k:9093 presents a certificate that is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). The client checks the broker's certificate against the certificate authorities it trusts (ssl.truststore.certificates, or the system's when that is not set) and found none that signed it.",
    );
    expect(untrusted.fix).toContain("ssl.truststore.certificates");
  });

  it("reports invalid properties before anything else, keeping warnings as notes", () => {
    const e = explainDiagnosis(
      facts({
        propertyIssues: [
          {
            key: "sasl.jaas.config",
            severity: "error",
            message:
              "'security.protocol' is SASL_PLAINTEXT but 'sasl.jaas.config' is not set; give the credentials.",
          },
          {
            key: "ssl.truststore.certificates",
            severity: "warning",
            message: "'ssl.truststore.certificates' is set but 'security.protocol' is PLAINTEXT.",
          },
        ],
        bootstrap: [endpoint("k:9092", [ok("dns"), ok("tcp"), skip("kafka"), skip("metadata")])],
      }),
    );
    expect(e).toEqual({
      verdict: "invalid-properties",
      summary:
        "The client properties cannot be used, so no Kafka connection was attempted beyond DNS and TCP: 'security.protocol' is SASL_PLAINTEXT but 'sasl.jaas.config' is not set; give the credentials.",
      fix: "Correct 'sasl.jaas.config' and diagnose again.",
      notes: ["'ssl.truststore.certificates' is set but 'security.protocol' is PLAINTEXT."],
    });
  });

  it("flags bootstrap servers that fail while another works", () => {
    const e = explainDiagnosis(
      facts({
        bootstrap: [
          endpoint("old.example:9092", [
            failed("dns", "dns-not-found"),
            skip("tcp"),
            skip("kafka"),
            skip("metadata"),
          ]),
          healthy("kafka.example.com:9092"),
        ],
        cluster: cluster([[1, "kafka.example.com:9092"]]),
        brokers: [advertised(1, "kafka.example.com:9092")],
      }),
    );
    expect(e.verdict).toBe("bootstrap-partly-unreachable");
    expect(e.fix).toBe("Remove old.example:9092 from bootstrap.servers or correct it.");
  });

  it("reports a cluster whose metadata lists no brokers", () => {
    const e = explainDiagnosis(
      facts({ bootstrap: [healthy("k:9092")], cluster: cluster([], "k:9092"), brokers: [] }),
    );
    expect(e.verdict).toBe("no-brokers");
  });
});
