import { describe, expect, it } from "vitest";
import { chooseTransactionTimeout, FLINK_TRANSACTION_TIMEOUT_MS } from "./kafka-setup";

describe("chooseTransactionTimeout", () => {
  it("keeps Flink's 1 h when the brokers accept it", () => {
    expect(FLINK_TRANSACTION_TIMEOUT_MS).toBe(3_600_000);
    expect(chooseTransactionTimeout(undefined, 3_600_000)).toEqual({ timeoutMs: 3_600_000 });
    expect(chooseTransactionTimeout(undefined, undefined)).toEqual({ timeoutMs: 3_600_000 });
  });

  it("lowers Flink's default to the brokers' transaction.max.timeout.ms, saying so", () => {
    const chosen = chooseTransactionTimeout(undefined, 900_000);
    expect(chosen.timeoutMs).toBe(900_000);
    expect(chosen.note).toContain("transaction.max.timeout.ms (900000)");
  });

  it("refuses a configured timeout above the brokers' limit in one sentence", () => {
    expect(() => chooseTransactionTimeout("1200000", 900_000)).toThrow(
      "'properties.transaction.timeout.ms' = 1200000 is larger than the cluster's transaction.max.timeout.ms (900000)",
    );
    expect(chooseTransactionTimeout("600000", 900_000)).toEqual({ timeoutMs: 600_000 });
  });
});
