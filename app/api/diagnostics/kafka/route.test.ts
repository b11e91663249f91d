import { describe, expect, it } from "vitest";
import { callRoute } from "@/lib/api/testing/route-request";
import { POST } from "./route";

const post = (body: unknown) => callRoute(POST, { url: "http://test/api/diagnostics/kafka", body });

describe("POST /api/diagnostics/kafka input", () => {
  it("refuses an address that is not host:port with Kafka's message, naming the field", async () => {
    const res = await post({ bootstrapServers: "kafka-1" });
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.detail).toBe(
      "Invalid request body field 'bootstrapServers': Invalid url in bootstrap.servers: kafka-1 (expected host:port, e.g. kafka-1:9092, or [ipv6]:port)",
    );
  });

  it("requires bootstrapServers and string property values", async () => {
    expect((await (await post({})).json()).errors[0].path).toBe("bootstrapServers");
    const res = await post({ bootstrapServers: "k:9092", properties: { "request.timeout.ms": 5 } });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].path).toBe("properties.request.timeout.ms");
  });
});
