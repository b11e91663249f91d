import { describe, expect, it } from "vitest";
import { redactText } from "./redact";

describe("redactText", () => {
  it("masks JAAS passwords", () => {
    const jaas =
      'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="alice" password="s3cr3t!";';
    const out = redactText(jaas);
    expect(out).not.toContain("s3cr3t");
    expect(out).toContain('username="alice"');
  });

  it("masks JSON-escaped JAAS passwords inside a log line", () => {
    const line = JSON.stringify({ config: 'x required username="u" password="hunter2";' });
    expect(redactText(line)).not.toContain("hunter2");
  });

  it("masks values of password-like keys", () => {
    expect(redactText("ssl.truststore.password=abc123 other=1")).toBe(
      "ssl.truststore.password=****** other=1",
    );
    expect(redactText('{"ssl.key.password":"pw"}')).not.toContain('"pw"');
  });
});

describe("redactText on JSON-escaped text", () => {
  it("masks an escaped password once, leaving readable JSON", () => {
    const line = JSON.stringify({ error: 'connect failed password="hunter2"' });
    expect(redactText(line)).toBe(JSON.stringify({ error: 'connect failed password="******"' }));
  });
});
