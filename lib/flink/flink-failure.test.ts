import { describe, expect, it } from "vitest";
import { SecretScrubber } from "@/lib/runtime/failure";
import { failureFromFlinkError, failureFromStackTrace } from "./flink-failure";
import { FlinkHttpError } from "./http";

const TRACE = `org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)
Caused by: java.io.IOException: Failed to deserialize CSV row 'x,s3cret-pw'.
\tat org.apache.flink.formats.csv.CsvRowDataDeserializationSchema.deserialize(CsvRowDataDeserializationSchema.java:162)
Caused by: java.lang.NumberFormatException: For input string: "x"
\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)`;

describe("Flink failures", () => {
  it("takes the message and the cause chain from a stack trace, secrets masked, not retriable", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("s3cret-pw");
    expect(failureFromStackTrace(TRACE, scrubber)).toEqual({
      message:
        "org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy",
      causes: [
        "java.io.IOException: Failed to deserialize CSV row 'x,******'.",
        'java.lang.NumberFormatException: For input string: "x"',
      ],
      retriable: false,
    });
  });

  it("reads a SQL Gateway error's server-side exception", () => {
    const error = new FlinkHttpError("HTTP 500", 500, [
      "Internal server error.",
      "<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.\n\tat x\nCaused by: org.apache.flink.table.api.ValidationException: Object 'nope' not found",
    ]);
    const failure = failureFromFlinkError(
      error,
      new SecretScrubber(),
      "Submitting the job to Flink failed",
    );
    expect(failure.message).toBe(
      "Submitting the job to Flink failed: org.apache.flink.table.gateway.api.utils.SqlGatewayException: Failed to fetchResults.",
    );
    expect(failure.causes).toEqual([
      "org.apache.flink.table.api.ValidationException: Object 'nope' not found",
    ]);
  });
});
