import { describe, expect, it } from "vitest";
import { classifyFailure, errorChain } from "./classify";

/** Errors shaped as Node and kafkajs 2.2.4 make them (name, code, type, cause chain). */
function nodeError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}
function kafkajsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  const e = new Error(message);
  e.name = name;
  return Object.assign(e, extra);
}

describe("classifyFailure", () => {
  it("sorts socket errors by their code", () => {
    expect(
      classifyFailure(nodeError("getaddrinfo ENOTFOUND nosuch.invalid", "ENOTFOUND"), "dns"),
    ).toEqual({
      kind: "dns-not-found",
      message: "getaddrinfo ENOTFOUND nosuch.invalid",
      code: "ENOTFOUND",
    });
    expect(classifyFailure(nodeError("getaddrinfo EAI_AGAIN k", "EAI_AGAIN"), "dns").kind).toBe(
      "dns-unavailable",
    );
    expect(
      classifyFailure(nodeError("connect ECONNREFUSED 127.0.0.1:1", "ECONNREFUSED"), "tcp").kind,
    ).toBe("connection-refused");
    expect(
      classifyFailure(nodeError("connect EHOSTUNREACH 10.9.9.9:9092", "EHOSTUNREACH"), "tcp").kind,
    ).toBe("unreachable");
    expect(classifyFailure(nodeError("took too long", "ETIMEDOUT"), "tcp").kind).toBe("timeout");
  });

  it("finds the cause inside kafkajs's retry wrapper and reports the innermost message", () => {
    const cause = kafkajsError(
      "KafkaJSConnectionError",
      "Connection error: connect ECONNREFUSED 127.0.0.1:35405",
      { code: "ECONNREFUSED", retriable: true },
    );
    const outer = kafkajsError("KafkaJSNumberOfRetriesExceeded", cause.message, { cause });
    expect(errorChain(outer)).toHaveLength(2);
    expect(classifyFailure(outer, "kafka")).toEqual({
      kind: "connection-refused",
      message: "Connection error: connect ECONNREFUSED 127.0.0.1:35405",
      code: "ECONNREFUSED",
    });
  });

  it("recognises SASL outcomes", () => {
    const rejected = kafkajsError(
      "KafkaJSSASLAuthenticationError",
      "SASL PLAIN authentication failed: Authentication failed: Invalid username or password",
    );
    expect(classifyFailure(rejected, "kafka").kind).toBe("sasl-authentication");
    const mechanism = kafkajsError(
      "KafkaJSSASLAuthenticationError",
      "SASL SCRAM-SHA-512 mechanism is not supported by the server",
    );
    expect(classifyFailure(mechanism, "kafka").kind).toBe("sasl-mechanism");
    const unsupported = kafkajsError(
      "KafkaJSProtocolError",
      "The broker does not support the requested SASL mechanism",
      { type: "UNSUPPORTED_SASL_MECHANISM", code: 33 },
    );
    expect(classifyFailure(unsupported, "kafka")).toEqual({
      kind: "sasl-mechanism",
      message: "The broker does not support the requested SASL mechanism",
      code: "UNSUPPORTED_SASL_MECHANISM",
    });
    const illegal = kafkajsError(
      "KafkaJSProtocolError",
      "Request is not valid given the current SASL state",
      { type: "ILLEGAL_SASL_STATE", code: 34 },
    );
    expect(classifyFailure(illegal, "kafka").kind).toBe("sasl-not-expected");
  });

  it("tells a SASL listener from a TLS listener by whether any answer came before the hang-up", () => {
    const closed = () =>
      kafkajsError("KafkaJSConnectionClosedError", "Closed connection", { retriable: true });
    expect(classifyFailure(closed(), "metadata", { bytesReceived: 480 }).kind).toBe(
      "sasl-expected",
    );
    expect(classifyFailure(closed(), "kafka", { bytesReceived: 0 }).kind).toBe(
      "closed-without-answer",
    );
    // A SASL client that authenticated and was then dropped is not missing SASL.
    expect(
      classifyFailure(closed(), "metadata", { bytesReceived: 900, clientUsesSasl: true }).kind,
    ).toBe("connection-reset");
  });

  it("sorts TLS handshake failures", () => {
    expect(
      classifyFailure(
        nodeError(
          "Client network socket disconnected before secure TLS connection was established",
          "ECONNRESET",
        ),
        "tls",
      ).kind,
    ).toBe("tls-not-spoken");
    expect(
      classifyFailure(nodeError("self-signed certificate", "DEPTH_ZERO_SELF_SIGNED_CERT"), "tls"),
    ).toEqual({
      kind: "tls-certificate",
      message: "self-signed certificate",
      code: "DEPTH_ZERO_SELF_SIGNED_CERT",
    });
    expect(
      classifyFailure(
        nodeError(
          "Hostname/IP does not match certificate's altnames",
          "ERR_TLS_CERT_ALTNAME_INVALID",
        ),
        "tls",
      ).kind,
    ).toBe("tls-hostname");
    expect(
      classifyFailure(
        nodeError("handshake failure", "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE"),
        "tls",
      ).kind,
    ).toBe("tls");
  });

  it("recognises kafkajs timeouts and leaves the unknown as other", () => {
    expect(
      classifyFailure(kafkajsError("KafkaJSConnectionError", "Connection timeout"), "kafka").kind,
    ).toBe("timeout");
    expect(
      classifyFailure(
        kafkajsError(
          "KafkaJSRequestTimeoutError",
          "Request Metadata(key: 3, version: 6) timed out",
        ),
        "metadata",
      ).kind,
    ).toBe("timeout");
    expect(classifyFailure(new Error("something odd"), "kafka")).toEqual({
      kind: "other",
      message: "something odd",
    });
    expect(classifyFailure("not even an error", "kafka")).toEqual({
      kind: "other",
      message: "not even an error",
    });
  });
});
