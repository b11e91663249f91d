import { describe, expect, it } from "vitest";
import { UsageError } from "./command";
import { diagnoseCommand, parseProperties } from "./diagnose-command";

describe("tributary diagnose arguments", () => {
  it("reads key=value pairs, keeping every '=' after the first in the value", () => {
    expect(
      parseProperties([
        "security.protocol=SASL_SSL",
        'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="a=b";',
        "ssl.endpoint.identification.algorithm=",
      ]),
    ).toEqual({
      "security.protocol": "SASL_SSL",
      "sasl.jaas.config":
        'org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="a=b";',
      "ssl.endpoint.identification.algorithm": "",
    });
  });

  it("refuses a pair without a key, without repeating what might be a secret", () => {
    expect(() => parseProperties(["=hunter2"])).toThrow(UsageError);
    let message = "";
    try {
      parseProperties(["=hunter2"]);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toBe("--property expects key=value, e.g. security.protocol=SASL_SSL; got '…'");
  });

  it("refuses unknown options, bad timeouts and bad addresses as usage errors", async () => {
    await expect(diagnoseCommand.run(["--bootstrap", "k:9092", "--verbose"])).rejects.toThrow(
      UsageError,
    );
    await expect(diagnoseCommand.run(["--bootstrap", "k:9092", "--timeout", "5s"])).rejects.toThrow(
      "--timeout must be a whole number of milliseconds from 100 to 60000, not '5s'",
    );
    await expect(diagnoseCommand.run(["--bootstrap", "k"])).rejects.toThrow(
      "Invalid url in bootstrap.servers: k",
    );
  });
});
