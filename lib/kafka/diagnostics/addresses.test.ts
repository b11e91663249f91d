import { describe, expect, it } from "vitest";
import { formatAddress, parseBootstrapAddresses } from "./addresses";

describe("parseBootstrapAddresses", () => {
  it("splits on commas, trims, and reads IPv6 in brackets", () => {
    expect(parseBootstrapAddresses(" k1:9092 ,k2.example.com:19092,,[::1]:9093")).toEqual([
      { host: "k1", port: 9092 },
      { host: "k2.example.com", port: 19092 },
      { host: "::1", port: 9093 },
    ]);
    expect(parseBootstrapAddresses(["a:1,b:2", "c:3"]).map(formatAddress)).toEqual([
      "a:1",
      "b:2",
      "c:3",
    ]);
    expect(formatAddress({ host: "::1", port: 9093 })).toBe("[::1]:9093");
    // Kafka reads "protocol://host:port" too, as listeners are written.
    expect(parseBootstrapAddresses("SASL_SSL://k1:9093")).toEqual([{ host: "k1", port: 9093 }]);
  });

  it("refuses what Kafka refuses, with Kafka's message", () => {
    expect(() => parseBootstrapAddresses("kafka")).toThrow(
      "Invalid url in bootstrap.servers: kafka (expected host:port, e.g. kafka-1:9092, or [ipv6]:port)",
    );
    expect(() => parseBootstrapAddresses("k:99999")).toThrow(
      "Invalid url in bootstrap.servers: k:99999",
    );
    expect(() => parseBootstrapAddresses("k:9092/x")).toThrow(
      "Invalid url in bootstrap.servers: k:9092/x",
    );
    expect(() => parseBootstrapAddresses(" , ")).toThrow(
      "No resolvable bootstrap urls given in bootstrap.servers",
    );
  });
});
