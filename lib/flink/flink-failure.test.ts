import { describe, expect, it } from "vitest";
import { SecretScrubber } from "@/lib/runtime/failure";
import {
  failureFromFlinkError,
  failureFromStackTrace,
  withConnectivityDiagnosis,
} from "./flink-failure";
import { FlinkHttpError } from "./http";

const TRACE = `org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
\tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)
Caused by: java.io.IOException: Failed to deserialize CSV row 'x,s3cret-pw'.
\tat org.apache.flink.formats.csv.CsvRowDataDeserializationSchema.deserialize(CsvRowDataDeserializationSchema.java:162)
Caused by: java.lang.NumberFormatException: For input string: "x"
\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)`;

describe("Flink failures", () => {
  it("takes the message and the cause chain from a stack trace, secrets masked, without Flink's no-restart wrapper", () => {
    const scrubber = new SecretScrubber();
    scrubber.add("s3cret-pw");
    expect(failureFromStackTrace(TRACE, scrubber)).toEqual({
      message: "java.io.IOException: Failed to deserialize CSV row 'x,******'.",
      causes: ['java.lang.NumberFormatException: For input string: "x"'],
      // The same record fails again after a restart (the embedded engine's rule).
      retriable: false,
    });
  });

  it("leaves the rest to the job's restart strategy (retriable)", () => {
    const trace = `org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
\tat x
Caused by: java.io.IOException: Failed to deserialize consumer record due to
\tat org.apache.flink.connector.kafka.source.reader.KafkaRecordEmitter.emitRecord(KafkaRecordEmitter.java:56)
Caused by: java.lang.RuntimeException: injected fault in partition()
\tat com.acme.Flaky.partition(Flaky.java:9)`;
    // The Kafka source wraps what the operators chained after it threw: not a bad record.
    expect(failureFromStackTrace(trace, new SecretScrubber())).toEqual({
      message: "java.io.IOException: Failed to deserialize consumer record due to",
      causes: ["java.lang.RuntimeException: injected fault in partition()"],
      retriable: true,
    });
    const login = `org.apache.kafka.common.KafkaException: Failed to create new KafkaAdminClient
Caused by: org.apache.kafka.common.KafkaException: javax.security.auth.login.LoginException: No LoginModule found for org.apache.kafka.common.security.plain.PlainLoginModule`;
    expect(failureFromStackTrace(login, new SecretScrubber()).retriable).toBe(false);
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

  it("links a node-assignment timeout to the diagnosis of the script's one cluster", () => {
    const failure = failureFromStackTrace(
      `org.apache.flink.util.FlinkRuntimeException: Failed to list subscribed topic partitions due to
Caused by: org.apache.flink.kafka.shaded.org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment. Call: describeTopics`,
      new SecretScrubber(),
    );
    const table = (name: string, servers: string) =>
      `CREATE TABLE ${name} (id INT) WITH ('connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = '${servers}', 'format' = 'csv');`;
    const one = `${table("a", "k1:9092")}\n${table("b", "k1:9092")}\nINSERT INTO b SELECT id FROM a;`;
    expect(withConnectivityDiagnosis(failure, one).hint).toEqual({
      kind: "diagnose-kafka",
      bootstrapServers: "k1:9092",
    });
    // Two clusters: Flink's message does not say which one it could not reach.
    const two = `${table("a", "k1:9092")}\n${table("b", "k2:9092")}\nINSERT INTO b SELECT id FROM a;`;
    expect(withConnectivityDiagnosis(failure, two).hint).toBeUndefined();
    const other = failureFromStackTrace("java.lang.RuntimeException: boom", new SecretScrubber());
    expect(withConnectivityDiagnosis(other, one).hint).toBeUndefined();
  });
});
