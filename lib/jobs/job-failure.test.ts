import { describe, expect, it } from "vitest";
import { describeFailure, failureFromError } from "./job-failure";

describe("failureFromError", () => {
  it("keeps the cause chain and masks secrets", () => {
    const root = new Error("SASL authentication failed for password=hunter2");
    const mid = new Error("Connection error", { cause: root });
    const top = new Error("Could not start the job", { cause: mid });
    const failure = failureFromError(top, false);
    expect(failure).toEqual({
      message: "Could not start the job",
      causes: ["Error: Connection error", "Error: SASL authentication failed for password=******"],
      retriable: false,
    });
    expect(
      describeFailure({ ...failure, record: { topic: "orders", partition: 2, offset: "17" } }),
    ).toBe(
      "Could not start the job (topic orders, partition 2, offset 17)\n" +
        "Caused by: Error: Connection error\n" +
        "Caused by: Error: SASL authentication failed for password=******",
    );
  });
});
