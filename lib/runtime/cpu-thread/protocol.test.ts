import { describe, expect, it } from "vitest";
import { FormatError } from "@/lib/formats/format";
import { JobConfigurationError, RecordError, SecretScrubber, toJobFailure } from "../failure";
import { fromThreadError, toThreadError } from "./protocol";

/** What crosses the thread boundary: structured-clonable data only. */
const across = (error: unknown) => fromThreadError(structuredClone(toThreadError(error)));

describe("errors from a CPU thread", () => {
  it("a record's failure keeps its class, coordinates and reason: the job fails with the same words", () => {
    const original = new RecordError(
      "Failed to deserialize consumer record due to: bad digit",
      { topic: "in", partition: 1, offset: "750" },
      new FormatError("bad digit", "n"),
    );
    const revived = across(original);
    expect(revived).toBeInstanceOf(RecordError);
    const scrubber = new SecretScrubber();
    expect(toJobFailure(revived, scrubber)).toEqual(toJobFailure(original, scrubber));
  });

  it("a configuration error stays one, with its hint; anything else keeps its name and message", () => {
    const config = across(
      new JobConfigurationError("no", { kind: "diagnose-kafka", bootstrapServers: "b:9092" }),
    );
    expect(config).toBeInstanceOf(JobConfigurationError);
    expect((config as JobConfigurationError).hint).toEqual({
      kind: "diagnose-kafka",
      bootstrapServers: "b:9092",
    });
    const other = across(new TypeError("x is not a function"));
    expect(other.name).toBe("TypeError");
    expect(other.message).toBe("x is not a function");
    expect(across("a string").message).toBe("a string");
  });
});
