import { describe, expect, it } from "vitest";
import { diagnosisLink } from "./link";

describe("diagnosisLink", () => {
  it("points the diagnostics page at the cluster, encoded as a query parameter", () => {
    expect(diagnosisLink("k1:9092,[::1]:9093")).toBe(
      "/diagnostics?bootstrap=k1%3A9092%2C%5B%3A%3A1%5D%3A9093",
    );
    expect(
      new URL(diagnosisLink("k1:9092,k2:9092"), "http://x").searchParams.get("bootstrap"),
    ).toBe("k1:9092,k2:9092");
  });
});
